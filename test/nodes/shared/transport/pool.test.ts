import { runPool } from '../../../../nodes/shared/transport/pool';

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('runPool', () => {
	it('never runs more than the concurrency at once and starts in input order', async () => {
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		await runPool(20, 3, async (index) => {
			started.push(index);
			running += 1;
			peak = Math.max(peak, running);
			for (let i = 0; i < (index % 4) + 1; i++) await tick();
			running -= 1;
		});
		expect(peak).toBe(3);
		expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('starts nothing new once cancelled', async () => {
		const controller = new AbortController();
		const started: number[] = [];
		await runPool(
			10,
			2,
			async (index) => {
				started.push(index);
				if (index === 2) controller.abort();
				await tick();
			},
			controller.signal,
		);
		expect(started).toEqual([0, 1, 2]);
	});

	it('handles no work and a concurrency above the count', async () => {
		const started: number[] = [];
		await runPool(0, 4, async (index) => void started.push(index));
		await runPool(2, 10, async (index) => void started.push(index));
		expect(started).toEqual([0, 1]);
	});
});
