import { RequestGate } from '../../../../nodes/shared/transport/gate';

/**
 * The gate reads the time from the clock it is given and waits with timers. Jest's fake timers
 * drive both: the clock handed to the gate is the fake one, so every start time below is exact
 * (in milliseconds after the test began).
 */
const T0 = Date.parse('2026-01-01T00:00:00Z');
beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

const clock = () => jest.now();

/** Lanes that ask for their turn together; each records the (fake) time and its own number when let in. */
function lanes(gate: RequestGate, count: number, signal?: AbortSignal) {
	const started: Array<{ lane: number; at: number }> = [];
	const all = Promise.all(
		Array.from({ length: count }, async (_, lane) => {
			await gate.enter(signal);
			started.push({ lane, at: clock() - T0 });
		}),
	);
	return { started, all };
}

describe('RequestGate', () => {
	it('reads the time from the clock it is given', async () => {
		let now = 5_000;
		const gate = new RequestGate(1, () => now);
		gate.holdFor(100);
		now += 100;
		// No timer has run: only the injected clock says the wait is over.
		const { started, all } = lanes(gate, 1);
		await all;
		expect(started).toHaveLength(1);
		now += 999;
		const next = lanes(gate, 1);
		await jest.advanceTimersByTimeAsync(0);
		expect(next.started).toEqual([]);
		now += 1;
		await jest.advanceTimersByTimeAsync(1);
		expect(next.started).toHaveLength(1);
	});

	it('lets every lane start at once when there is no limit and no wait', async () => {
		const { started, all } = lanes(new RequestGate(0, clock), 5);
		await jest.advanceTimersByTimeAsync(0);
		await all;
		expect(started.map((s) => s.at)).toEqual([0, 0, 0, 0, 0]);
	});

	it('spaces starts evenly at the given rate, across lanes that arrive together', async () => {
		const { started, all } = lanes(new RequestGate(20, clock), 4);
		await jest.advanceTimersByTimeAsync(0);
		// 20 a second: a start every 50 ms, the first at once.
		expect(started.map((s) => s.at)).toEqual([0]);
		await jest.advanceTimersByTimeAsync(49);
		expect(started).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(101);
		await all;
		expect(started.map((s) => s.at)).toEqual([0, 50, 100, 150]);
	});

	it('gives turns in the order they were asked for', async () => {
		const { started, all } = lanes(new RequestGate(200, clock), 20);
		await jest.advanceTimersByTimeAsync(100);
		await all;
		expect(started).toEqual(Array.from({ length: 20 }, (_, lane) => ({ lane, at: lane * 5 })));
	});

	it('never lets a lane that asked later overtake one already waiting', async () => {
		const gate = new RequestGate(0, clock);
		const order: string[] = [];
		gate.holdFor(100);
		const first = gate.enter().then(() => order.push(`first at ${clock() - T0}`));
		await jest.advanceTimersByTimeAsync(50);
		gate.holdFor(200);
		// Asks while the first lane still waits for the old end of the hold (100).
		await jest.advanceTimersByTimeAsync(40);
		const second = gate.enter().then(() => order.push(`second at ${clock() - T0}`));
		await jest.advanceTimersByTimeAsync(160);
		await Promise.all([first, second]);
		expect(order).toEqual(['first at 250', 'second at 250']);
	});

	it('keeps the pace for a lane that comes later, and lets an idle gate start at once', async () => {
		const gate = new RequestGate(10, clock);
		await gate.enter();
		await jest.advanceTimersByTimeAsync(30);
		const late = lanes(gate, 1);
		await jest.advanceTimersByTimeAsync(69);
		expect(late.started).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		expect(late.started).toEqual([{ lane: 0, at: 100 }]);
		await jest.advanceTimersByTimeAsync(500);
		const idle = lanes(gate, 1);
		await jest.advanceTimersByTimeAsync(0);
		expect(idle.started).toEqual([{ lane: 0, at: 600 }]);
	});

	it('holds every lane for as long as a server asked, also with no rate limit', async () => {
		const gate = new RequestGate(0, clock);
		gate.holdFor(120);
		const { started, all } = lanes(gate, 3);
		await jest.advanceTimersByTimeAsync(119);
		expect(started).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		await all;
		expect(started.map((s) => s.at)).toEqual([120, 120, 120]);
	});

	it('keeps the longer of two waits', async () => {
		const gate = new RequestGate(0, clock);
		gate.holdFor(150);
		gate.holdFor(10);
		const { started, all } = lanes(gate, 2);
		await jest.advanceTimersByTimeAsync(150);
		await all;
		expect(started.map((s) => s.at)).toEqual([150, 150]);
	});

	it('holds lanes already waiting when a server asks for a longer wait meanwhile', async () => {
		const gate = new RequestGate(0, clock);
		gate.holdFor(100);
		const { started, all } = lanes(gate, 2);
		await jest.advanceTimersByTimeAsync(50);
		gate.holdFor(200);
		await jest.advanceTimersByTimeAsync(199);
		expect(started).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		await all;
		expect(started.map((s) => s.at)).toEqual([250, 250]);
	});

	it('paces after a server wait: the hold and the rate add up', async () => {
		const gate = new RequestGate(10, clock);
		gate.holdFor(300);
		const { started, all } = lanes(gate, 3);
		await jest.advanceTimersByTimeAsync(500);
		await all;
		expect(started.map((s) => s.at)).toEqual([300, 400, 500]);
	});

	it('lets go at once when the execution is cancelled', async () => {
		const gate = new RequestGate(0, clock);
		gate.holdFor(60_000);
		const controller = new AbortController();
		const { started, all } = lanes(gate, 2, controller.signal);
		await jest.advanceTimersByTimeAsync(10);
		expect(started).toEqual([]);
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		await all;
		expect(started.map((s) => s.at)).toEqual([10, 10]);
	});
});
