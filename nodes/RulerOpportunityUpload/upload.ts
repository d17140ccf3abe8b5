import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { redactBody } from '../shared/transport/explain';
import { preview } from '../shared/values/text';
import { RequestGate } from '../shared/transport/gate';
import { runPool } from '../shared/transport/pool';
import { failed, finishRun, succeeded, type ItemResult } from '../shared/items/results';
import type { RetryPolicy } from '../shared/transport/retry';
import { opportunityBody } from './body';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './description';
import { isInvalid, itemLabel, itemsChecker, type CheckedItem, type ItemCheck } from './items';
import {
	CREDENTIAL_TYPE,
	describeFailure,
	endpointsOf,
	isUploaded,
	putOpportunity,
	uploadUrl,
	type Endpoints,
	type Failure,
	type SendSettings,
	type UploadOutcome,
} from './transport';

interface UploadOptions {
	concurrency: number;
	dateFormat: 'date' | 'dateTime';
	maxRetries: number;
	requestsPerSecond: number;
	retryUnknownOutcome: boolean;
	roundValue: boolean;
	stripCookiePrefix: boolean;
	timeout: number;
	validateOnly: boolean;
}

const DEFAULT_OPTIONS: UploadOptions = {
	concurrency: DEFAULT_CONCURRENCY,
	dateFormat: 'date',
	maxRetries: 5,
	requestsPerSecond: 0,
	retryUnknownOutcome: true,
	roundValue: false,
	stripCookiePrefix: true,
	timeout: 30_000,
	validateOnly: false,
};

/** Backoff between retries; a server asking for a longer wait than a minute is not waited for. */
const BACKOFF = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

interface Upload {
	context: IExecuteFunctions;
	/**
	 * Read from the credential when the first valid item is sent (a run of invalid items needs
	 * none); set means an upload was attempted, so the login, if any, is done.
	 */
	endpoints?: Endpoints;
	settings: SendSettings;
	/** Set once a failure showed that every item would fail the same way: nothing more is sent. */
	stopped?: { itemIndex: number; failure: Failure };
}

function uploaded(item: CheckedItem, outcome: UploadOutcome): ItemResult {
	const { result } = outcome;
	return succeeded(item.itemIndex, {
		status: 'uploaded',
		reference: item.opportunity.reference,
		siteId: item.opportunity.siteId,
		httpStatus: result.kind === 'response' ? result.status : null,
		response: result.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome.attempts,
		retriedAfter: outcome.retriedAfter,
	});
}

function notUploaded(item: CheckedItem, failure: Failure, outcome?: UploadOutcome): ItemResult {
	const { result } = outcome ?? {};
	const fields: IDataObject = {
		status: 'failed',
		reference: item.opportunity.reference,
		siteId: item.opportunity.siteId,
		httpStatus: outcome ? (failure.httpStatus ?? null) : null,
		response: result?.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome?.attempts ?? 0,
		retriedAfter: outcome?.retriedAfter ?? [],
	};
	const label = itemLabel(item.itemIndex, item.opportunity.reference);
	return failed(item.itemIndex, fields, `${label}: ${failure.message}`, failure.description);
}

function notSentAfterStop(item: CheckedItem, stopped: NonNullable<Upload['stopped']>): ItemResult {
	const { itemIndex, failure } = stopped;
	return notUploaded(item, {
		...failure,
		message: `Not sent, as item ${itemIndex} failed: ${failure.message}`,
	});
}

async function uploadOne(upload: Upload, item: CheckedItem): Promise<ItemResult | undefined> {
	if (upload.stopped) return notSentAfterStop(item, upload.stopped);
	upload.endpoints ??= endpointsOf(await upload.context.getCredentials(CREDENTIAL_TYPE));
	const { endpoints } = upload;
	const url = uploadUrl(endpoints, item.opportunity.siteId);
	const body = JSON.stringify(opportunityBody(item.opportunity));
	const outcome = await putOpportunity(upload.context, url, body, upload.settings);
	if (outcome.result.kind === 'cancelled') {
		// Stopped while it waited for its turn; when the execution was cancelled, the node throws.
		return upload.stopped ? notSentAfterStop(item, upload.stopped) : undefined;
	}
	if (isUploaded(outcome.result, endpoints)) return uploaded(item, outcome);
	const failure = describeFailure(outcome, endpoints, upload.settings);
	if (failure.fatal) upload.stopped ??= { itemIndex: item.itemIndex, failure };
	return notUploaded(item, failure, outcome);
}

/**
 * Checks and sends the items through a bounded pool, started in input order. Each item is checked
 * when its turn comes, so the checks run while earlier uploads wait for the network. Items go one
 * by one until the first is sent, so that n8n logs in once rather than once per parallel request.
 */
async function uploadAll(
	upload: Upload,
	check: (itemIndex: number) => ItemCheck,
	count: number,
	concurrency: number,
): Promise<ItemResult[]> {
	const results: ItemResult[] = [];
	const worker = async (itemIndex: number) => {
		const checked = check(itemIndex);
		const result = isInvalid(checked) ? checked : await uploadOne(upload, checked);
		if (result) results.push(result);
	};
	const { signal } = upload.settings;
	let next = 0;
	while (next < count && !upload.endpoints && !signal?.aborted) await worker(next++);
	const first = next;
	await runPool(count - first, concurrency, async (index) => await worker(first + index), signal);
	return results;
}

/** The slowest pace accepted: one upload every 100 seconds. Slower is a mistake, not a setting. */
const MIN_REQUESTS_PER_SECOND = 0.01;

function requestsPerSecond(context: IExecuteFunctions, value: unknown): number {
	const rate = value === undefined || value === '' ? 0 : Number(value);
	if (rate === 0 || rate >= MIN_REQUESTS_PER_SECOND) return rate;
	throw new NodeOperationError(
		context.getNode(),
		`Max Requests per Second must be 0 (no limit) or at least ${MIN_REQUESTS_PER_SECOND}, got ${preview(value)}`,
		{ description: 'Set it in the options, just under the rate limit of your Ruler account.' },
	);
}

function readOptions(context: IExecuteFunctions): UploadOptions {
	const options = {
		...DEFAULT_OPTIONS,
		...(context.getNodeParameter('options', 0, {}) as Partial<UploadOptions>),
	};
	const concurrency = Math.min(
		MAX_CONCURRENCY,
		Math.max(1, Math.floor(Number(options.concurrency) || 1)),
	);
	return {
		...options,
		concurrency,
		maxRetries: Math.max(0, Math.floor(Number(options.maxRetries) || 0)),
		requestsPerSecond: requestsPerSecond(context, options.requestsPerSecond),
	};
}

function checkOnly(check: (itemIndex: number) => ItemCheck, count: number): ItemResult[] {
	return Array.from({ length: count }, (_, itemIndex) => {
		const checked = check(itemIndex);
		if (isInvalid(checked)) return checked;
		const { opportunity } = checked;
		return succeeded(itemIndex, {
			status: 'valid',
			reference: opportunity.reference,
			siteId: opportunity.siteId,
			body: opportunityBody(opportunity) as unknown as IDataObject,
		});
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const check = itemsChecker(this, {
		zone: this.getTimezone(),
		now: DateTime.utc(),
		dateFormat: options.dateFormat,
		roundValue: options.roundValue,
		stripCookiePrefix: options.stripCookiePrefix,
	});
	const count = this.getInputData().length;
	if (options.validateOnly) return finishRun(this, checkOnly(check, count), 'valid');

	const policy: RetryPolicy = { ...BACKOFF, maxRetries: options.maxRetries };
	const signal = this.getExecutionCancelSignal();
	const upload: Upload = {
		context: this,
		settings: {
			policy,
			gate: new RequestGate(options.requestsPerSecond),
			stopped: () => upload.stopped !== undefined,
			timeoutMs: options.timeout,
			retryUnknownOutcome: options.retryUnknownOutcome,
			signal,
		},
	};
	const results = await uploadAll(upload, check, count, options.concurrency);
	if (signal?.aborted) {
		const done = results.filter((r) => r.ok).length;
		throw new NodeOperationError(this.getNode(), 'The execution was cancelled', {
			description: `${done} of ${count} items were uploaded before it stopped; the others were not checked, not sent or their outcome is unknown.`,
		});
	}
	return finishRun(
		this,
		results.sort((a, b) => a.itemIndex - b.itemIndex),
		'uploaded',
	);
}
