import {
	backoffDelay,
	parseRetryAfter,
	withRetries,
	type RetryPolicy,
} from '../../../../nodes/shared/transport/retry';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 8, maxRetryAfterMs: 50 };

describe('withRetries', () => {
	it('stops at the first final result', async () => {
		const attempts: number[] = [];
		const outcome = await withRetries(
			async (n) => (attempts.push(n), n),
			(n) => ({ retry: n < 3 }),
			policy,
		);
		expect(outcome).toEqual({ result: 3, attempts: 3 });
		expect(attempts).toEqual([1, 2, 3]);
	});

	it('gives up after the maximum number of retries', async () => {
		const outcome = await withRetries(
			async (n) => n,
			() => ({ retry: true }),
			policy,
		);
		expect(outcome).toEqual({ result: 4, attempts: 4, gaveUp: 'maxRetries' });
	});

	it('waits as long as Retry-After asks', async () => {
		const times: number[] = [];
		await withRetries(
			async (n) => (times.push(Date.now()), n),
			(n) => ({ retry: n < 2, retryAfterMs: 40 }),
			policy,
		);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(38);
	});

	it('does not wait when the server asks for longer than allowed', async () => {
		const outcome = await withRetries(
			async (n) => n,
			() => ({ retry: true, retryAfterMs: 60_000 }),
			policy,
		);
		expect(outcome).toEqual({ result: 1, attempts: 1, gaveUp: 'retryAfterTooLong' });
	});

	it('tells each Retry-After it waits for, and none it refuses or that is absent', async () => {
		const heard: number[] = [];
		const waits = [5, undefined, 60_000];
		await withRetries(
			async (n) => n,
			(n) => ({ retry: true, retryAfterMs: waits[n - 1] }),
			policy,
			undefined,
			(ms) => heard.push(ms),
		);
		expect(heard).toEqual([5]);
	});

	it('stops when the execution is cancelled during a wait', async () => {
		const controller = new AbortController();
		const slow = { ...policy, baseDelayMs: 10_000, maxDelayMs: 10_000 };
		const started = Date.now();
		const pending = withRetries(
			async (n) => n,
			() => ({ retry: true }),
			slow,
			controller.signal,
		);
		controller.abort();
		expect(await pending).toEqual({ result: 1, attempts: 1, gaveUp: 'cancelled' });
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('backoffDelay', () => {
	const wide: RetryPolicy = {
		maxRetries: 9,
		baseDelayMs: 100,
		maxDelayMs: 1000,
		maxRetryAfterMs: 0,
	};
	it('grows exponentially, jittered within the upper half, and is capped', () => {
		expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, wide, () => 0))).toEqual([
			50, 100, 200, 400, 500,
		]);
		expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, wide, () => 1))).toEqual([
			100, 200, 400, 800, 1000,
		]);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter(['2'], now)).toBe(2000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});
