import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { pause, throwIfCancelled } from '../../shared/transport/cancellation';
import { explainFailure } from '../../shared/transport/explain';
import {
	isRetryableNetworkCode,
	sendOnce,
	type ApiContext,
	type HttpResult,
} from '../../shared/transport/http';
import {
	backoffDelay,
	retryOnStatus,
	withRetries,
	type RetryDecision,
	type RetryPolicy,
} from '../../shared/transport/retry';
import { BASE_URLS, baseUrlCacheKey, baseUrlFromIdAnswer, loginUrlOf } from './baseUrl';
import { ELOQUA_STATUS } from './statuses';

export type EloquaCredentialType = 'eloquaApi' | 'eloquaOAuth2Api';

export interface BulkRequest {
	method: IHttpRequestMethods;
	/** Relative to the Bulk API root, e.g. `/opportunities/imports`. */
	path: string;
	qs?: IDataObject;
	/** An object is sent as JSON; bytes are sent as they are (an already serialised upload). */
	body?: IDataObject | Buffer;
	/** The bytes' type (a JSON array unless said otherwise). */
	contentType?: string;
}

/**
 * Eloqua documents 429 and 503 ("timeout processing the request: retry after a delay"); 502 is a
 * gateway blip. These are Eloqua's own; the other statuses answer the request itself, and a retry
 * would get the same answer.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503]);

export const ELOQUA_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

const decideRetry = (result: HttpResult): RetryDecision =>
	retryOnStatus(result, RETRYABLE_STATUSES);

/** Network failures of a request that never reached Eloqua: a POST may be sent again after them. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * A 502, a 503 ("timeout processing the request") or a connection cut after the request went out
 * does not mean Eloqua did not process it (API-CONTRACT.md, Failures and retries).
 */
const mayHaveBeenSent = (result: HttpResult) =>
	result.kind === 'response'
		? result.status === 502 || result.status === 503
		: result.kind === 'network' && !NOT_SENT_CODES.has(result.code);

/**
 * A POST is not idempotent: only what Eloqua certainly did not process is sent again as it is (a
 * 429, a failure before the request went out); the caller looks before resending anything else.
 */
function decidePostRetry(result: HttpResult): RetryDecision {
	if (result.kind === 'network')
		return { retry: isRetryableNetworkCode(result.code) && NOT_SENT_CODES.has(result.code) };
	return retryOnStatus(result, RESENDABLE_POST_STATUSES);
}

const RESENDABLE_POST_STATUSES: ReadonlySet<number> = new Set([429]);

/** Failed POSTs Eloqua may have processed, with the wait the answer asked for. */
const lostAnswers = new WeakMap<object, { retryAfterMs?: number }>();

/** Whether a failed request may have been processed all the same: its answer was lost. */
export const mayHaveBeenProcessed = (error: unknown): boolean =>
	typeof error === 'object' && error !== null && lostAnswers.has(error);

const isNotAuthenticated = (result: HttpResult) =>
	result.kind === 'response' && (typeof result.body === 'string' || result.status === 401);

const isSuccess = (result: HttpResult) =>
	result.kind === 'response' && result.status >= 200 && result.status < 300;

/**
 * Talks to one Eloqua instance for the length of one execution: finds its base URL through the
 * login service, or in the process's cache of recent answers (again once after a 401, in case the
 * instance moved), retries what Eloqua documents as temporary, and turns every other failure into
 * an error that says what to do.
 */
export class EloquaClient {
	private baseUrl?: string;

	private cacheKey?: string;

	private rediscovered = false;

	constructor(
		private readonly context: ApiContext,
		readonly credentialType: EloquaCredentialType,
		readonly signal?: AbortSignal,
		private readonly policy: RetryPolicy = ELOQUA_RETRY_POLICY,
	) {}

	static forNode(context: ApiContext): EloquaClient {
		const authentication = context.getNodeParameter('authentication', 0, 'basicAuth') as string;
		const signal =
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		return new EloquaClient(
			context,
			authentication === 'oAuth2' ? 'eloquaOAuth2Api' : 'eloquaApi',
			signal,
		);
	}

	private async askForBaseUrl(loginUrl: string): Promise<HttpResult> {
		const { result } = await withRetries(
			async () =>
				await sendOnce(
					this.context,
					this.credentialType,
					{ method: 'GET', url: `${loginUrl}/id`, json: true },
					this.signal,
				),
			decideRetry,
			this.policy,
			this.signal,
		);
		return result;
	}

	private async discoverBaseUrl(credentials: ICredentialDataDecryptedObject): Promise<string> {
		const loginUrl = loginUrlOf(credentials);
		let result = await this.askForBaseUrl(loginUrl);
		// /id answers an expired OAuth2 token like bad credentials (200 "Not authenticated."), which
		// n8n cannot recognise as expiry: refresh the token once and ask again.
		if (
			this.credentialType === 'eloquaOAuth2Api' &&
			isNotAuthenticated(result) &&
			this.context.helpers.refreshOAuth2Token
		) {
			await this.context.helpers.refreshOAuth2Token.call(this.context, this.credentialType);
			result = await this.askForBaseUrl(loginUrl);
		}
		return baseUrlFromIdAnswer(this.context.getNode(), result, loginUrl);
	}

	private async base(): Promise<string> {
		if (this.baseUrl) return this.baseUrl;
		const credentials = await this.context.getCredentials(this.credentialType);
		const key = baseUrlCacheKey(this.credentialType, credentials);
		this.cacheKey = key;
		this.baseUrl =
			BASE_URLS.get(key) ?? BASE_URLS.set(key, await this.discoverBaseUrl(credentials));
		return this.baseUrl;
	}

	private async send(request: BulkRequest): Promise<HttpResult> {
		const base = await this.base();
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${base}/api/bulk/2.0${request.path}`,
			qs: request.qs,
			// A serialised upload goes as bytes: given a string, the HTTP client would parse and
			// re-serialise it to check it is JSON, which for 24 MB costs seconds and memory.
			body: request.body,
			json: true,
			headers: Buffer.isBuffer(request.body)
				? { 'Content-Type': request.contentType ?? 'application/json; charset=utf-8' }
				: undefined,
		};
		const { result } = await withRetries(
			async () => await sendOnce(this.context, this.credentialType, options, this.signal),
			request.method === 'POST' ? decidePostRetry : decideRetry,
			this.policy,
			this.signal,
		);
		return result;
	}

	/** Sends a Bulk API request and returns the answer's body; throws an explained NodeApiError otherwise. */
	async bulk<T = IDataObject>(request: BulkRequest): Promise<T> {
		let result = await this.send(request);
		if (result.kind === 'response' && result.status === 401 && !this.rediscovered) {
			this.rediscovered = true;
			this.baseUrl = undefined;
			if (this.cacheKey) BASE_URLS.delete(this.cacheKey);
			result = await this.send(request);
		}
		if (isSuccess(result)) return (result as { body: unknown }).body as T;
		const error = this.failure(result);
		if (request.method === 'POST' && mayHaveBeenSent(result)) {
			const retryAfter = retryOnStatus(result, RETRYABLE_STATUSES).retryAfterMs;
			lostAnswers.set(error, { retryAfterMs: retryAfter });
			error.description =
				`${error.description ?? ''} Eloqua may have processed the request before its answer was lost: check before sending it again.`.trim();
		}
		throw error;
	}

	/**
	 * Sends a POST that Eloqua may process even when its answer is lost: after such a failure it
	 * waits as for a retry, then `look`s for what the POST would have made, and sends it again only
	 * when nothing is found (at most as often as the retry policy allows).
	 */
	async postLooking<T>(request: BulkRequest, look: () => Promise<T | undefined>): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			const sent = await this.bulk<T>({ ...request, method: 'POST' }).then(
				(answer) => ({ answer }),
				(error: NodeApiError) => ({ error }),
			);
			if ('answer' in sent) return sent.answer;
			if (!mayHaveBeenProcessed(sent.error) || attempt >= this.policy.maxRetries) throw sent.error;
			await this.pauseAfterLostAnswer(sent.error, attempt);
			const found = await look();
			if (found !== undefined) return found;
		}
	}

	/** The wait before looking into a request whose answer was lost: the server's, or the backoff. */
	async pauseAfterLostAnswer(error: unknown, attempt: number): Promise<void> {
		const asked =
			typeof error === 'object' && error ? lostAnswers.get(error)?.retryAfterMs : undefined;
		const wait =
			asked !== undefined
				? Math.min(asked, this.policy.maxRetryAfterMs)
				: backoffDelay(attempt, this.policy);
		await pause(wait, this.signal);
		throwIfCancelled(this.signal, this.nodeForErrors());
	}

	nodeForErrors(): INode {
		return this.context.getNode();
	}

	failure(result: HttpResult): NodeApiError {
		const explained = explainFailure(result, ELOQUA_STATUS, 'Eloqua');
		const httpCode = explained.httpStatus ? String(explained.httpStatus) : undefined;
		return new NodeApiError(
			this.context.getNode(),
			{ message: explained.message, httpCode: httpCode ?? null },
			{ message: explained.message, description: explained.description, httpCode },
		);
	}
}
