import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { bodyText } from '../../shared/transport/explain';
import type { RequestGate } from '../../shared/transport/gate';
import { sendOnce, type HttpResult } from '../../shared/transport/http';
import {
	retryOnStatus,
	withRetries,
	type RetryDecision,
	type RetryOutcome,
	type RetryPolicy,
} from '../../shared/transport/retry';
import { trimSlash } from '../../shared/transport/url';

export const CREDENTIAL_TYPE = 'rulerApi';

/** Where requests go, read from the credential. */
export interface Endpoints {
	apiUrl: string;
	/** Set when n8n logs in with username and password: failures there are login failures. */
	loginUrl?: string;
	tokenMode: boolean;
}

const DEFAULT_API_URL = 'https://rest.rulerapi.com';
const DEFAULT_AUTH_URL = 'https://authapi.rulerapi.com';

export function endpointsOf(credentials: ICredentialDataDecryptedObject): Endpoints {
	const tokenMode = credentials.authMethod === 'accessToken';
	return {
		apiUrl: trimSlash(credentials.apiUrl) || DEFAULT_API_URL,
		loginUrl: tokenMode
			? undefined
			: `${trimSlash(credentials.authUrl) || DEFAULT_AUTH_URL}/v1/login`,
		tokenMode,
	};
}

/** The site ID is checked to be letters, digits, "-" and "_"; encoding it too keeps the path fixed regardless. */
export function uploadUrl(endpoints: Endpoints, siteId: string): string {
	return `${endpoints.apiUrl}/v1/${encodeURIComponent(siteId)}/opportunity/upload`;
}

/**
 * The answers that say "not now" rather than "not this": a rate limit, and a gateway or server that
 * is briefly away. A 500 is not among them, as Ruler answers it again for the same data.
 */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** A gateway that failed or timed out may have passed the request on: Ruler may have stored it. */
const UNKNOWN_OUTCOME_STATUSES = new Set([502, 504]);
/** Network errors after which the request may have arrived (unlike a refused connection). */
const UNKNOWN_OUTCOME_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'UND_ERR_SOCKET',
	'ERR_NETWORK',
]);
/** A legacy Ruler API answered 503 "Invalid Visitor Id" for bad data: such an answer repeats however often it is sent. */
const DATA_ERROR = /\binvalid\b|\bvalidation\b|\bnot valid\b/i;

export function isDataError(result: HttpResult): boolean {
	return (
		result.kind === 'response' && result.status >= 500 && DATA_ERROR.test(bodyText(result.body))
	);
}

export function isUnknownOutcome(result: HttpResult): boolean {
	if (result.kind === 'network') return UNKNOWN_OUTCOME_CODES.has(result.code);
	return result.kind === 'response' && UNKNOWN_OUTCOME_STATUSES.has(result.status);
}

export function decideRetry(result: HttpResult, retryUnknownOutcome: boolean): RetryDecision {
	if (!retryUnknownOutcome && isUnknownOutcome(result)) return { retry: false };
	if (isDataError(result)) return { retry: false };
	return retryOnStatus(result, RETRYABLE_STATUSES);
}

/**
 * A 2xx answer to the upload. A result from the login address is never one: a successful login is
 * consumed by n8n, so the login shows up here only when it failed (also with 200 and no token).
 */
export function isUploaded(result: HttpResult, endpoints: Endpoints): boolean {
	return (
		result.kind === 'response' &&
		result.status >= 200 &&
		result.status < 300 &&
		result.url !== endpoints.loginUrl
	);
}

export interface SendSettings {
	policy: RetryPolicy;
	/** Shared by every upload of the run: pacing, and the waits a server asks of all of them. */
	gate: RequestGate;
	timeoutMs: number;
	retryUnknownOutcome: boolean;
	signal?: AbortSignal;
}

export interface UploadOutcome extends RetryOutcome<HttpResult> {
	/** Why each earlier attempt was repeated, e.g. "HTTP 429" or "ECONNRESET". */
	retriedAfter: string[];
	/** The upload was refused, then sent once more after a fresh login: this is that second answer. */
	loggedInAgain?: boolean;
}

export function shortReason(result: HttpResult): string {
	if (result.kind === 'response') return `HTTP ${result.status}`;
	return result.kind === 'network' ? result.code : 'cancelled';
}

/** The outcome of an upload sent again after a fresh login, counting the refused attempt too. */
export function afterFreshLogin(refused: UploadOutcome, resent: UploadOutcome): UploadOutcome {
	return {
		...resent,
		attempts: refused.attempts + resent.attempts,
		retriedAfter: [...refused.retriedAfter, shortReason(refused.result), ...resent.retriedAfter],
		loggedInAgain: true,
	};
}

/**
 * PUTs one opportunity, retrying what is temporary. Never throws: the outcome says what happened.
 * `maySend` is asked after each wait for a turn, which can be long: what happened meanwhile (the run
 * stopped, a fresh login) decides whether and when this is sent.
 */
export async function putOpportunity(
	context: IExecuteFunctions,
	url: string,
	body: string,
	settings: SendSettings,
	maySend: () => Promise<boolean>,
): Promise<UploadOutcome> {
	// Only the reasons are kept, not the answers: a server could answer each attempt with megabytes.
	const reasons: string[] = [];
	const attempt = async (): Promise<HttpResult> => {
		await settings.gate.enter(settings.signal);
		if (settings.signal?.aborted || !(await maySend()) || settings.signal?.aborted) {
			return { kind: 'cancelled', url };
		}
		const result = await sendOnce(
			context,
			CREDENTIAL_TYPE,
			{
				method: 'PUT',
				url,
				body,
				json: true,
				headers: { 'Content-Type': 'application/json' },
				timeout: settings.timeoutMs,
			},
			settings.signal,
		);
		reasons.push(shortReason(result));
		return result;
	};
	const decide = (result: HttpResult) => decideRetry(result, settings.retryUnknownOutcome);
	// A rate limit holds for the whole account: every lane waits as long as the server asked.
	const holdAll = (ms: number) => settings.gate.holdFor(ms);
	const outcome = await withRetries(attempt, decide, settings.policy, settings.signal, holdAll);
	return { ...outcome, retriedAfter: reasons.slice(0, -1) };
}
