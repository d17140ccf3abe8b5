import { pause } from './cancellation';

/**
 * Paces the requests of all lanes of a pool together: starts are spaced to at most `perSecond` a
 * second (0: no limit), and none starts while a server has asked everyone to wait (Retry-After).
 * Without the shared wait, each lane would learn about a rate limit on its own, with a 429 each.
 * Requests get their turn in the order they asked for it, so items still start in input order.
 */
export class RequestGate {
	private nextStart = 0;

	private heldUntil = 0;

	/** Settles when the request that asked last has had its turn. */
	private line: Promise<void> = Promise.resolve();

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Resolves when this request may start (at once if the execution is cancelled). */
	async enter(signal?: AbortSignal): Promise<void> {
		const before = this.line;
		let done = () => {};
		this.line = new Promise<void>((resolve) => (done = resolve));
		await before;
		try {
			await this.waitForTurn(signal);
		} finally {
			done();
		}
	}

	/** No request starts before `ms` from now. */
	holdFor(ms: number): void {
		this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
	}

	private async waitForTurn(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = this.now();
			const start = Math.max(this.heldUntil, this.perSecond > 0 ? this.nextStart : 0);
			if (start <= now || signal?.aborted) break;
			// Looked at again after the wait: a server may have asked for a longer one meanwhile.
			await pause(start - now, signal);
		}
		if (this.perSecond > 0)
			this.nextStart = Math.max(this.nextStart, this.now()) + 1000 / this.perSecond;
	}
}
