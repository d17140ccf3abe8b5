import { headerValue, type HttpResult } from '../../shared/transport/http';
import { bodyText, explainFailure, type StatusExplanations } from '../../shared/transport/explain';
import { parseRetryAfter, type RetryPolicy } from '../../shared/transport/retry';
import {
	isDataError,
	isUnknownOutcome,
	shortReason,
	type Endpoints,
	type SendSettings,
	type UploadOutcome,
} from './client';

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
			'A value is well-formed but not acceptable to Ruler: fix the value the message names in the source data, and run again.',
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
			'Ruler may have stored the opportunity anyway. Check in Ruler before you run the item again: whether the same reference sent again updates it or adds a second one is not documented.',
	},
};

/** With a pasted token, a 401 has one cause. */
const TOKEN_REFUSED = {
	message: 'Ruler did not accept the access token (HTTP 401)',
	description:
		'The pasted token is wrong or has expired. Paste a current token in the credential, or switch it to Username and Password so that n8n logs in by itself.',
};

/** With a username and password, a 403 that reaches an item came after a fresh login and a resend. */
const REFUSED_AFTER_LOGIN = {
	message: RULER_STATUS[403].message,
	description:
		"n8n logged in again and sent it once more, and Ruler refused it again: the user of the credential may not upload opportunities to this site. Check the Site ID, and the user's access to the site in Ruler.",
};

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

/**
 * The login-once rule: with a username and password, a 401 (through n8n) and a 403 (through the
 * upload run) make n8n log in afresh and the upload go once more, so a refusal that reaches an item
 * is the second one, and fatal. A pasted token has no second chance: its refusal holds for every
 * item alike.
 */
function refusesEveryItem(result: HttpResult): boolean {
	return result.kind === 'response' && (result.status === 401 || result.status === 403);
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** How much of Ruler's reason the message carries; the description then has all of it. */
const MAX_REASON = 200;

/** 4xx answers about the credential, the address or the rate: the message already says why. */
const NOT_ABOUT_THE_DATA = new Set([401, 403, 404, 405, 415, 429]);

const refusesTheData = (status: number) =>
	status >= 400 && status < 500 && !NOT_ABOUT_THE_DATA.has(status);

/** A refusal without its body: Ruler's reason goes into the message, not the description. */
const withoutBody = (result: HttpResult): HttpResult =>
	result.kind === 'response' ? { ...result, body: undefined } : result;

/**
 * What happened and why, in one line: Ruler's own reason for refusing the data (its field errors)
 * after the status, so that a report mapping `message` says what to fix. A long reason is shortened
 * there and given in full in the description. Any other body (a 5xx page) stays in the description.
 */
function withReason(message: string, reason: string) {
	if (!reason) return { message, fullReason: '' };
	if (reason.length <= MAX_REASON) return { message: `${message}: ${reason}`, fullReason: '' };
	return {
		message: `${message}: ${reason.slice(0, MAX_REASON)}…`,
		fullReason: ` Ruler said: ${reason}`,
	};
}

/** Explains a failed upload: what happened, what to do, and whether the run should stop. */
export function describeFailure(
	outcome: UploadOutcome,
	endpoints: Endpoints,
	settings: Pick<SendSettings, 'policy' | 'timeoutMs' | 'retryUnknownOutcome'>,
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
			description: `Ruler may have stored the opportunity anyway. Raise Timeout in the options; check in Ruler before you run the item again, as whether the same reference sent again updates it or adds a second one is not documented.${gaveUpSentence(outcome, settings.policy)}${unknown}`,
			fatal: false,
		};
	}
	const statuses = endpoints.tokenMode
		? { ...RULER_STATUS, 401: TOKEN_REFUSED }
		: outcome.loggedInAgain
			? { ...RULER_STATUS, 403: REFUSED_AFTER_LOGIN }
			: RULER_STATUS;
	const refused = result.kind === 'response' && refusesTheData(result.status);
	const explained = explainFailure(refused ? withoutBody(result) : result, statuses, 'Ruler');
	const { message, fullReason } = withReason(
		explained.message,
		refused ? bodyText(result.body) : '',
	);
	return {
		message,
		description: `${explained.description}${fullReason}${gaveUpSentence(outcome, settings.policy)}${unknown}`,
		httpStatus: explained.httpStatus,
		fatal: refusesEveryItem(result),
	};
}
