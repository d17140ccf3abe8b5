import { RequestGate } from '../../../../nodes/shared/transport/gate';

/** When each of `lanes` requests, asking together, got its turn: real (short) waits keep each test quick. */
function startTimes(gate: RequestGate, lanes: number, signal?: AbortSignal) {
	const started = performance.now();
	return Promise.all(
		Array.from({ length: lanes }, async () => {
			await gate.enter(signal);
			return performance.now() - started;
		}),
	);
}

describe('RequestGate', () => {
	it('lets every lane start at once when there is no limit and no wait', async () => {
		const times = await startTimes(new RequestGate(0), 5);
		expect(Math.max(...times)).toBeLessThan(50);
	});

	it('spaces starts evenly at the given rate, across lanes that arrive together', async () => {
		const times = (await startTimes(new RequestGate(20), 4)).sort((a, b) => a - b);
		// 20 a second: a start every 50 ms, the first at once.
		expect(times[0]).toBeLessThan(25);
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(45);
	});

	it('gives turns in the order they were asked for', async () => {
		const gate = new RequestGate(200);
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => i).map(async (lane) => {
				await gate.enter();
				order.push(lane);
			}),
		);
		expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('holds every lane for as long as a server asked, also with no rate limit', async () => {
		const gate = new RequestGate(0);
		gate.holdFor(120);
		const times = await startTimes(gate, 3);
		for (const time of times) expect(time).toBeGreaterThanOrEqual(115);
	});

	it('keeps the longer of two waits', async () => {
		const gate = new RequestGate(0);
		gate.holdFor(150);
		gate.holdFor(10);
		expect(Math.min(...(await startTimes(gate, 2)))).toBeGreaterThanOrEqual(145);
	});

	it('lets go at once when the execution is cancelled', async () => {
		const gate = new RequestGate(0);
		gate.holdFor(60_000);
		const controller = new AbortController();
		const waiting = startTimes(gate, 2, controller.signal);
		controller.abort();
		expect(Math.max(...(await waiting))).toBeLessThan(1000);
	});
});
