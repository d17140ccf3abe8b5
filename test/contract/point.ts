/** How API-CONTRACT.md marks a line. */
export type Mark = 'doc' | 'client' | 'inferred' | 'open';

/** What one probe saw, and whether that is what the contract line says. */
export interface Seen {
	seen: string;
	/** `not probed`: the point cannot be checked on this target (e.g. a sandbox-only fault). */
	held: boolean | 'not probed';
}

/** One line of the contract, checked by talking HTTP straight to the service. */
export interface ContractPoint<T> {
	/** The contract section and the point, short. */
	name: string;
	mark: Mark;
	/** What the contract says; for an [open] point, the answer the sandbox models. */
	expected: string;
	run(target: T): Promise<Seen>;
}

export interface Answer {
	status: number;
	text: string;
	/** The body parsed as JSON, or undefined. */
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	headers: Headers;
}

/**
 * One HTTP exchange. Against the sandbox only loopback is allowed, so nothing in the suite can
 * reach the network unless the live variables are set.
 */
export async function exchange(
	url: string,
	init: RequestInit,
	{ live }: { live: boolean },
): Promise<Answer> {
	if (!live && new URL(url).hostname !== '127.0.0.1')
		throw new Error(`the contract suite refuses ${url}: only loopback without the live variables`);
	const response = await fetch(url, { ...init, redirect: 'manual' });
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json, headers: response.headers };
}

export const held = (ok: boolean, seen: string): Seen => ({ held: ok, seen });
export const notProbed = (why: string): Seen => ({
	held: 'not probed',
	seen: `not probed: ${why}`,
});
