/**
 * Calls `worker(index)` for every index below `count`, with at most `concurrency` calls in flight,
 * started in index order. Stops starting new work once the signal is aborted; work already started
 * is awaited. The worker must not throw: it records its own outcome.
 */
export async function runPool(
	count: number,
	concurrency: number,
	worker: (index: number) => Promise<void>,
	signal?: AbortSignal,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < count && !signal?.aborted) {
			const index = next++;
			await worker(index);
		}
	};
	const lanes = Math.max(1, Math.min(Math.floor(concurrency), count));
	await Promise.all(Array.from({ length: lanes }, lane));
}
