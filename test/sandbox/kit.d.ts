export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** The body as text (absent when the server was created with `recordBodies: false`). */
	body?: string;
	bytes: number;
	at: number;
	/** The fault applied to this request, if any: 'reset', an HTTP status, or 'delay <ms>'. */
	fault?: string | number;
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
}

export interface SandboxServer {
	url: string;
	requests: RecordedRequest[];
	faults: { add(rule: FaultRule): SandboxServer['faults']; clear(): SandboxServer['faults']; list(): FaultRule[]; reseed(seed: number): void };
	stats: { inFlight: number; maxInFlight: number; faultsApplied: number };
	start(port?: number, host?: string): Promise<this>;
	close(): Promise<void>;
	reset(): void;
	requestsTo(path: RegExp | string, method?: string): RecordedRequest[];
	afterRequest(rule: { method?: string; path?: RegExp | string }, run: () => void): void;
}

export function createServer(options: {
	name: string;
	routes: unknown[];
	recordBodies?: boolean;
	seed?: number;
}): SandboxServer;
export function seededRandom(seed: number): () => number;
