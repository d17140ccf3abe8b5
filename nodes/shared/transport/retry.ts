import { pause } from './cancellation';
import { headerValue, isRetryableNetworkCode, type HttpResult } from './http';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server that asks for a longer wait than this is not retried: the run would stall. */
	maxRetryAfterMs: number;
}

export interface RetryDecision {
	retry: boolean;
	/** The server's own wait (Retry-After), which overrides the backoff when present. */
	retryAfterMs?: number;
}

export interface RetryOutcome<T> {
	result: T;
	attempts: number;
	/** Why the last result was not retried, when it could have been. */
	gaveUp?: 'maxRetries' | 'retryAfterTooLong' | 'cancelled';
}

/** Exponential backoff with full jitter: a random wait up to base·2ⁿ, capped. */
export function backoffDelay(
	retryNumber: number,
	policy: RetryPolicy,
	random = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryNumber);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until `decide` says the result is final, the retries are used up, the server asks
 * for too long a wait, or the execution is cancelled. `onServerWait` hears each Retry-After that is
 * waited for. Never throws on its own.
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	decide: (result: T) => RetryDecision,
	policy: RetryPolicy,
	signal?: AbortSignal,
	onServerWait?: (ms: number) => void,
): Promise<RetryOutcome<T>> {
	for (let attempts = 1; ; attempts++) {
		const result = await attempt(attempts);
		const decision = decide(result);
		if (!decision.retry) return { result, attempts };
		const tooLong = (decision.retryAfterMs ?? 0) > policy.maxRetryAfterMs;
		// A wait the server asked for may concern more than this request (a rate limit is the account's).
		if (decision.retryAfterMs !== undefined && !tooLong) onServerWait?.(decision.retryAfterMs);
		if (attempts > policy.maxRetries) return { result, attempts, gaveUp: 'maxRetries' };
		if (tooLong) return { result, attempts, gaveUp: 'retryAfterTooLong' };
		const delay = decision.retryAfterMs ?? backoffDelay(attempts - 1, policy);
		await pause(delay, signal);
		if (signal?.aborted) return { result, attempts, gaveUp: 'cancelled' };
	}
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The usual decision for one HTTP attempt: retry a network error that may have been a blip, and the
 * statuses a node lists as temporary, waiting as long as a Retry-After header asks.
 */
export function retryOnStatus(result: HttpResult, statuses: ReadonlySet<number>): RetryDecision {
	if (result.kind === 'network') return { retry: isRetryableNetworkCode(result.code) };
	if (result.kind !== 'response' || !statuses.has(result.status)) return { retry: false };
	return { retry: true, retryAfterMs: parseRetryAfter(headerValue(result.headers, 'retry-after')) };
}
