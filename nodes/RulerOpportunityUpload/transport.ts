import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { bodyText, explainFailure, type StatusExplanations } from '../shared/transport/explain';
import { RequestGate } from '../shared/transport/gate';
import {
	headerValue,
	isRetryableNetworkCode,
	sendOnce,
	type HttpResult,
} from '../shared/transport/http';
import {
	parseRetryAfter,
	withRetries,
	type RetryDecision,
	type RetryOutcome,
	type RetryPolicy,
} from '../shared/transport/retry';

export const CREDENTIAL_TYPE = 'rulerApi';

/** Where requests go, read from the credential. */
export interface Endpoints {
	apiUrl: string;
	/** Set when n8n logs in with username and password: failures there are login failures. */
	loginUrl?: string;
	tokenMode: boolean;
}

const trimSlash = (url: unknown) =>
	String(url ?? '')
		.trim()
		.replace(/\/+$/, '');

export function endpointsOf(credentials: ICredentialDataDecryptedObject): Endpoints {
	const tokenMode = credentials.authMethod === 'accessToken';
	return {
		apiUrl: trimSlash(credentials.apiUrl) || 'https://rest.rulerapi.com',
		loginUrl: tokenMode
			? undefined
			: `${trimSlash(credentials.authUrl) || 'https://authapi.rulerapi.com'}/v1/login`,
		tokenMode,
	};
}

/** The site ID is checked to be letters, digits, "-" and "_"; encoding it too keeps the path fixed regardless. */
export function uploadUrl(endpoints: Endpoints, siteId: string): string {
	return `${endpoints.apiUrl}/v1/${encodeURIComponent(siteId)}/opportunity/upload`;
}

/** Ruler documents only 201; these are the answers an HTTP API of its kind gives, and what to do. */
export const RULER_STATUS: StatusExplanations = {
	400: {
		message: 'Ruler rejected the opportunity as invalid (HTTP 400)',
		description:
			"A value does not meet Ruler's rules: check that the pipeline stage exists in Ruler with exactly this spelling and case, and the identifiers, date and currency.",
	},
	401: {
		message: 'Ruler did not accept the token n8n logged in for (HTTP 401)',
		description:
			"n8n logged in again and retried once, and Ruler refused the new token too. Check that the user of the credential may use Ruler's API.",
	},
	403: {
		message: 'Ruler refused access (HTTP 403)',
		description:
			"The user of the credential may not upload opportunities to this site. Check the Site ID, and the user's access to the site in Ruler.",
	},
	404: {
		message: 'Ruler did not find the site or the upload address (HTTP 404)',
		description:
			'Check the Site ID, and the API URL in the credential (normally https://rest.rulerapi.com).',
	},
	405: {
		message: 'Ruler does not accept this request at this address (HTTP 405)',
		description:
			"The API URL in the credential probably points to something other than Ruler's REST API; set it to https://rest.rulerapi.com.",
	},
	409: {
		message: 'Ruler reported a conflict with the stored opportunity (HTTP 409)',
		description:
			'Another update of the same reference may have been in progress. Run the item again.',
	},
	413: {
		message: 'Ruler found the opportunity too large (HTTP 413)',
		description: 'Send fewer or shorter labels and additional data properties.',
	},
	415: {
		message: 'Ruler did not accept the body format (HTTP 415)',
		description:
			"The API URL in the credential probably points to something other than Ruler's REST API; set it to https://rest.rulerapi.com.",
	},
	422: {
		message: 'Ruler could not process the opportunity (HTTP 422)',
		description:
			'A value is well-formed but not acceptable to Ruler (see below). Fix it in the source data and run again.',
	},
	429: {
		message: 'Ruler is limiting the request rate (HTTP 429)',
		description:
			'Set Max Requests per Second in the options just under your Ruler rate limit, lower Concurrency, or raise Max Retries.',
	},
	500: {
		message: 'Ruler had an internal error (HTTP 500)',
		description:
			"This is on Ruler's side and was not retried, as it may repeat for the same data. Check the values below, try again later, and contact Ruler support if it persists.",
	},
	502: {
		message: "Ruler's gateway failed (HTTP 502)",
		description: 'Ruler may be under maintenance. Run the item again later.',
	},
	503: {
		message: 'Ruler is unavailable (HTTP 503)',
		description: 'Ruler may be overloaded or under maintenance. Run the item again later.',
	},
	504: {
		message: "Ruler's gateway timed out (HTTP 504)",
		description:
			'Ruler may have stored the opportunity anyway. Run the item again later (the same reference updates it).',
	},
};

/** With a pasted token, a 401 has one cause. */
const TOKEN_REFUSED = {
	message: 'Ruler did not accept the access token (HTTP 401)',
	description:
		'The pasted token is wrong or has expired. Paste a current token in the credential, or switch it to Username and Password so that n8n logs in by itself.',
};

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
	if (result.kind === 'network') return { retry: isRetryableNetworkCode(result.code) };
	if (result.kind !== 'response' || !RETRYABLE_STATUSES.has(result.status) || isDataError(result)) {
		return { retry: false };
	}
	return { retry: true, retryAfterMs: parseRetryAfter(headerValue(result.headers, 'retry-after')) };
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
	/** True once the run stopped sending (every item would fail the same way): nothing more goes out. */
	stopped: () => boolean;
	timeoutMs: number;
	retryUnknownOutcome: boolean;
	signal?: AbortSignal;
}

export interface UploadOutcome extends RetryOutcome<HttpResult> {
	/** Why each earlier attempt was repeated, e.g. "HTTP 429" or "ECONNRESET". */
	retriedAfter: string[];
}

function shortReason(result: HttpResult): string {
	if (result.kind === 'response') return `HTTP ${result.status}`;
	return result.kind === 'network' ? result.code : 'cancelled';
}

/** PUTs one opportunity, retrying what is temporary. Never throws: the outcome says what happened. */
export async function putOpportunity(
	context: IExecuteFunctions,
	url: string,
	body: string,
	settings: SendSettings,
): Promise<UploadOutcome> {
	// Only the reasons are kept, not the answers: a server could answer each attempt with megabytes.
	const reasons: string[] = [];
	const attempt = async (): Promise<HttpResult> => {
		await settings.gate.enter(settings.signal);
		// The wait for a turn can be long: what happened meanwhile decides whether this is sent.
		if (settings.signal?.aborted || settings.stopped()) return { kind: 'cancelled', url };
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

export interface Failure {
	message: string;
	description: string;
	httpStatus?: number;
	/** The credential or the account is the problem: every other item would fail the same way. */
	fatal: boolean;
}

function loginFailure(result: HttpResult, loginUrl: string): Failure {
	const detail = result.kind === 'response' ? `HTTP ${result.status}` : shortReason(result);
	const said = result.kind === 'response' ? bodyText(result.body) : '';
	return {
		message: `Ruler login failed (${detail})`,
		description: `n8n could not log in to Ruler at ${loginUrl}. Check the username and password in the Ruler credential, and its Auth URL.${said ? ` Ruler said: ${said}` : ''}`,
		httpStatus: result.kind === 'response' ? result.status : undefined,
		fatal: true,
	};
}

/** Why the retries stopped, when they stopped before the answer was final. */
function gaveUpSentence(outcome: UploadOutcome, policy: RetryPolicy): string {
	const { result, attempts } = outcome;
	if (outcome.gaveUp === 'retryAfterTooLong') {
		const header =
			result.kind === 'response' ? headerValue(result.headers, 'retry-after') : undefined;
		const seconds = Math.ceil((parseRetryAfter(header) ?? 0) / 1000);
		return ` Ruler asked to wait ${seconds} s before trying again, longer than the node waits (${policy.maxRetryAfterMs / 1000} s).`;
	}
	if (outcome.gaveUp !== 'maxRetries') return '';
	return ` Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}.`;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Explains a failed upload: what happened, what to do, and whether the run should stop. */
export function describeFailure(
	outcome: UploadOutcome,
	endpoints: Endpoints,
	settings: SendSettings,
): Failure {
	const { result } = outcome;
	if (endpoints.loginUrl && result.url === endpoints.loginUrl) {
		return loginFailure(result, endpoints.loginUrl);
	}
	const unknown =
		!settings.retryUnknownOutcome && isUnknownOutcome(result)
			? ' It was not sent again because "Retry When the Outcome Is Unknown" is off.'
			: '';
	if (result.kind === 'response' && isDataError(result)) {
		return {
			message: `Ruler rejected the data (HTTP ${result.status}: ${bodyText(result.body)})`,
			description:
				'Ruler reported a problem with the values, so the item was not sent again. Check the visitor identifiers and the other values, and run again.',
			httpStatus: result.status,
			fatal: false,
		};
	}
	if (result.kind === 'network' && TIMEOUT_CODES.has(result.code)) {
		return {
			message: `Ruler did not answer within ${settings.timeoutMs} ms (${result.code})`,
			description: `Ruler may have stored the opportunity anyway. Raise Timeout in the options, or run the item again later (the same reference updates it).${gaveUpSentence(outcome, settings.policy)}${unknown}`,
			fatal: false,
		};
	}
	const statuses = endpoints.tokenMode ? { ...RULER_STATUS, 401: TOKEN_REFUSED } : RULER_STATUS;
	const explained = explainFailure(result, statuses, 'Ruler');
	return {
		message: explained.message,
		description: `${explained.description}${gaveUpSentence(outcome, settings.policy)}${unknown}`,
		httpStatus: explained.httpStatus,
		fatal: result.kind === 'response' && (result.status === 401 || result.status === 403),
	};
}
