import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

/** Where the nodes send requests from: a run, or the editor loading fields and lists. */
export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What came back from one HTTP attempt, reduced to what the nodes need. Never holds request config. */
export type HttpResult =
	| { kind: 'response'; status: number; headers: IDataObject; body: unknown; url: string }
	| { kind: 'network'; code: string; url: string; message?: string }
	| { kind: 'cancelled'; url: string };

/**
 * Error codes of a request that may have been cut off in flight and may be retried. A refused
 * connection is not among them: nothing is listening, which a retry does not fix.
 */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	'ERR_NETWORK',
]);

export function isRetryableNetworkCode(code: string): boolean {
	return RETRYABLE_NETWORK_CODES.has(code);
}

function withoutQuery(url: string): string {
	return url.split('?')[0];
}

/**
 * Sends one authenticated request and returns its outcome instead of throwing. n8n's helper throws
 * on non-2xx answers (which is what lets it refresh OAuth2 tokens and re-run pre-authentication on
 * a 401); the thrown error carries the answer, which is read here and nothing else is kept: the
 * error also holds the request's headers, and with them the secrets.
 */
export async function sendOnce(
	context: ApiContext,
	credentialType: string,
	options: IHttpRequestOptions,
	signal?: AbortSignal,
): Promise<HttpResult> {
	const url = withoutQuery(options.url);
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			// A redirect to another host must not carry the credentials along (n8n 2.x honours this).
			{ ...options, returnFullResponse: true, sendCredentialsOnCrossOriginRedirect: false },
		)) as IN8nHttpFullResponse;
		return {
			kind: 'response',
			status: response.statusCode,
			headers: (response.headers ?? {}) as IDataObject,
			body: response.body,
			url,
		};
	} catch (error) {
		if (signal?.aborted) return { kind: 'cancelled', url };
		return resultFromError(error, url);
	}
}

interface ErrorLike {
	code?: unknown;
	httpCode?: unknown;
	description?: unknown;
	status?: unknown;
	response?: {
		status?: unknown;
		statusCode?: unknown;
		headers?: unknown;
		data?: unknown;
		body?: unknown;
	};
	config?: { url?: unknown };
	cause?: ErrorLike;
}

/** What axios says of any non-2xx answer: not the answer's body. */
const CLIENT_SENTENCE = /^Request failed with status code \d{3}$/;

/** Reads status, headers and body from the error shapes of n8n 1.x and 2.x (axios underneath). */
export function resultFromError(error: unknown, fallbackUrl: string): HttpResult {
	const chain: ErrorLike[] = [];
	for (let e = error as ErrorLike | undefined; e && chain.length < 5; e = e.cause) chain.push(e);
	const failedUrl = chain.map((e) => e.config?.url).find((u) => typeof u === 'string') as
		| string
		| undefined;
	const url = failedUrl ? withoutQuery(failedUrl) : fallbackUrl;
	const response = chain.map((e) => e.response).find((r) => r && (r.status ?? r.statusCode));
	if (response) {
		return {
			kind: 'response',
			status: Number(response.status ?? response.statusCode),
			headers: (response.headers ?? {}) as IDataObject,
			body: response.data ?? response.body,
			url,
		};
	}
	// n8n 1.x throws an error that keeps only the status (`httpCode`) and what the answer said.
	const httpCode = chain
		.map((e) => Number(e.httpCode))
		.find((n) => Number.isInteger(n) && n >= 100 && n < 600);
	if (httpCode) {
		// Its description is at times only the HTTP client's own sentence, which says nothing more.
		const said = chain
			.map((e) => e.description)
			.find((d) => typeof d === 'string' && d && !CLIENT_SENTENCE.test(d));
		return { kind: 'response', status: httpCode, headers: {}, body: said ?? '', url };
	}
	const code = chain.map((e) => e.code).find((c) => typeof c === 'string' && /^[A-Z_]+$/.test(c));
	if (code) return { kind: 'network', code: code as string, url };
	// No answer and no network code: an error raised on the way (e.g. by a login step). Not
	// retryable; its own message is the best explanation there is.
	const message = chain
		.map((e) => (e as { message?: unknown }).message)
		.filter((m) => typeof m === 'string')
		.pop() as string | undefined;
	return { kind: 'network', code: 'ERR_UNKNOWN', url, message };
}

export function headerValue(headers: IDataObject, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}
