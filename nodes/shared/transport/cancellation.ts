import { NodeOperationError, sleep, type INode } from 'n8n-workflow';

/**
 * Waits `ms` milliseconds, or less if the execution is cancelled. Resolves either way: callers
 * check `signal.aborted` afterwards and stop.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	await new Promise<void>((resolve) => {
		const done = () => {
			signal?.removeEventListener('abort', done);
			resolve();
		};
		signal?.addEventListener('abort', done, { once: true });
		// n8n 2.x clears the timer on abort; 1.x ignores the signal and the listener above ends the wait.
		sleep(ms, signal).then(done, done);
	});
}

/** The one error a cancelled execution stops with: nothing more is sent and no outcome is made up. */
export function cancelledError(
	node: INode,
	description = 'Nothing more was sent.',
): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled', { description });
}

/** Stops at once when the execution was cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined, node: INode): void {
	if (signal?.aborted) throw cancelledError(node);
}
