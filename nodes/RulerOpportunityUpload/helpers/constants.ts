import type { RetryPolicy } from '../../shared/transport/retry';

/** Ruler's visitor identifier keys, as the API spells them. */
export const IDENTIFIER_KEYS = [
	'EmailAddress',
	'PhoneNumber',
	'RaId',
	'PayloadValue',
	'CookieValue',
] as const;

export type IdentifierKey = (typeof IDENTIFIER_KEYS)[number];

/** Parallel uploads: Ruler publishes no rate limit, so the default is small. */
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 20;

/** The slowest pace accepted: one upload every 100 seconds. Slower is a mistake, not a setting. */
export const MIN_REQUESTS_PER_SECOND = 0.01;

/** Backoff between retries; a server asking for a longer wait than a minute is not waited for. */
export const BACKOFF: Omit<RetryPolicy, 'maxRetries'> = {
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 60_000,
};

/** Rows per batch job unless set: Ruler documents no limit per file ([open]), this keeps jobs modest. */
export const DEFAULT_ROWS_PER_JOB = 10_000;

/** The most bytes of one batch file: Ruler documents none ([open]); 10 MB keeps one upload modest. */
export const MAX_JOB_BYTES = 10 * 1024 * 1024;
