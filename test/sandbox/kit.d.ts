export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** The body as text (absent when the server was created with `recordBodies: false`). */
	body?: string;
	bytes: number;
	at: number;
	/**
	 * The fault applied to this request, if any: 'reset', 'reset mid-body', 'drop' (handled, then
	 * the connection closed), 'handled, then <status>', 'slow body <ms>', an HTTP status, or
	 * 'delay <ms>'.
	 */
	fault?: string | number;
	/** The status the emulator answered with (absent when a fault answered instead). */
	status?: number;
	/** The connection closed before the whole answer was written: the client cannot know the outcome. */
	clientLeft?: boolean;
	/** What the request created, where the emulator notes it (an Eloqua definition's or sync's URI). */
	created?: string;
}

export interface FaultRule {
	method?: string;
	path?: RegExp | string;
	/** How many matching requests it applies to (default 1). */
	times?: number;
	/** The share of matching requests it applies to, drawn from the seeded random source. */
	probability?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	reset?: boolean;
	delayMs?: number;
	/** Answer `status` with the request's headers and body echoed back. */
	echoRequest?: boolean;
	/** Handle the request, then destroy the connection instead of answering. */
	dropAnswer?: boolean;
	/** Handle the request, then answer `status` (and `body`) instead of the emulator's answer. */
	afterHandling?: boolean;
	/** Handle the request; answer half the body at once and the rest this much later. */
	slowBodyMs?: number;
	/** Destroy the connection while the request body arrives (decided on method and path only). */
	resetMidBody?: boolean;
	/** Decides per request which fault applies (the fields above), or none. */
	pick?: (
		request: RecordedRequest,
	) => Omit<FaultRule, 'pick' | 'times' | 'probability'> | undefined;
}

export interface SandboxServer {
	/** Which service it emulates ('Eloqua', 'Ruler'). */
	name: string;
	url: string;
	requests: RecordedRequest[];
	faults: {
		add(rule: FaultRule): SandboxServer['faults'];
		clear(): SandboxServer['faults'];
		list(): FaultRule[];
		reseed(seed: number): void;
	};
	stats: { inFlight: number; maxInFlight: number; faultsApplied: number };
	start(port?: number, host?: string): Promise<this>;
	close(): Promise<void>;
	reset(): void;
	requestsTo(path: RegExp | string, method?: string): RecordedRequest[];
	/** Runs `run` once, right after the `nth` (default first) matching request has been answered. */
	afterRequest(
		rule: { method?: string; path?: RegExp | string; nth?: number },
		run: () => void,
	): void;
}

export function createServer(options: {
	name: string;
	routes: unknown[];
	recordBodies?: boolean;
	seed?: number;
}): SandboxServer;
export function seededRandom(seed: number): () => number;
