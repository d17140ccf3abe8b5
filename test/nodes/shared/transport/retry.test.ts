import {
	backoffDelay,
	parseRetryAfter,
	retryOnStatus,
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
		jest.useFakeTimers();
		try {
			const times: number[] = [];
			const done = withRetries(
				async (n) => (times.push(Date.now()), n),
				(n) => ({ retry: n < 2, retryAfterMs: 40 }),
				policy,
			);
			await jest.advanceTimersByTimeAsync(39);
			expect(times).toHaveLength(1);
			await jest.advanceTimersByTimeAsync(1);
			await done;
			expect(times[1] - times[0]).toBe(40);
		} finally {
			jest.useRealTimers();
		}
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

describe('retryOnStatus', () => {
	const temporary = new Set([429, 503]);
	const response = (status: number, headers = {}) =>
		({ kind: 'response', status, headers, body: '', url: 'https://x.test/a' }) as const;
	const network = (code: string) => ({ kind: 'network', code, url: 'https://x.test/a' }) as const;

	it.each(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'])(
		'retries a request cut off in flight (%s)',
		(code) => {
			expect(retryOnStatus(network(code), temporary)).toEqual({ retry: true });
		},
	);

	it.each(['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_UNKNOWN'])(
		'does not retry what a retry cannot fix (%s)',
		(code) => {
			expect(retryOnStatus(network(code), temporary)).toEqual({ retry: false });
		},
	);

	it('retries only the statuses listed as temporary', () => {
		expect(retryOnStatus(response(503), temporary).retry).toBe(true);
		expect(retryOnStatus(response(429), temporary).retry).toBe(true);
		for (const status of [200, 400, 401, 404, 500, 502])
			expect(retryOnStatus(response(status), temporary)).toEqual({ retry: false });
		expect(retryOnStatus(response(500), new Set([500])).retry).toBe(true);
	});

	it('never retries a cancelled request', () => {
		expect(retryOnStatus({ kind: 'cancelled', url: 'u' }, temporary)).toEqual({ retry: false });
	});

	it('waits as long as Retry-After asks, in seconds or as a date, whatever its case', () => {
		expect(retryOnStatus(response(429, { 'Retry-After': '7' }), temporary)).toEqual({
			retry: true,
			retryAfterMs: 7000,
		});
		expect(retryOnStatus(response(503, { 'retry-after': ['2'] }), temporary)).toEqual({
			retry: true,
			retryAfterMs: 2000,
		});
		const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-01-01T00:00:00Z'));
		try {
			expect(
				retryOnStatus(response(503, { 'RETRY-AFTER': 'Thu, 01 Jan 2026 00:00:30 GMT' }), temporary),
			).toEqual({ retry: true, retryAfterMs: 30_000 });
		} finally {
			now.mockRestore();
		}
	});

	it('leaves the wait to the backoff when Retry-After is absent or unreadable', () => {
		for (const headers of [{}, { 'retry-after': 'later' }]) {
			const decision = retryOnStatus(response(503, headers), temporary);
			expect(decision.retry).toBe(true);
			expect(decision.retryAfterMs).toBeUndefined();
		}
	});

	it('ignores Retry-After on a status that is not retried', () => {
		expect(retryOnStatus(response(400, { 'retry-after': '1' }), temporary)).toEqual({
			retry: false,
		});
	});
});
