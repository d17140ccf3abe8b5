import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { redactBody } from '../shared/describe';
import { runPool } from '../shared/pool';
import { failed, finishRun, succeeded, type ItemResult } from '../shared/results';
import type { RetryPolicy } from '../shared/retry';
import { opportunityBody } from './body';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './description';
import { checkItems, itemLabel, type CheckedItem } from './items';
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
	endpoints: Endpoints;
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

async function uploadOne(upload: Upload, item: CheckedItem): Promise<ItemResult | undefined> {
	if (upload.stopped) {
		const { itemIndex, failure } = upload.stopped;
		return notUploaded(item, {
			...failure,
			message: `Not sent, as item ${itemIndex} failed: ${failure.message}`,
		});
	}
	const url = uploadUrl(upload.endpoints, item.opportunity.siteId);
	const body = JSON.stringify(opportunityBody(item.opportunity));
	const outcome = await putOpportunity(upload.context, url, body, upload.settings);
	if (outcome.result.kind === 'cancelled') return undefined;
	if (isUploaded(outcome.result, upload.endpoints)) return uploaded(item, outcome);
	const failure = describeFailure(outcome, upload.endpoints, upload.settings);
	if (failure.fatal) upload.stopped = upload.stopped ?? { itemIndex: item.itemIndex, failure };
	return notUploaded(item, failure, outcome);
}

/**
 * Sends the valid items through a bounded pool, started in input order. The first goes alone, so
 * that n8n logs in once rather than once per parallel request.
 */
async function uploadAll(
	upload: Upload,
	items: CheckedItem[],
	concurrency: number,
): Promise<ItemResult[]> {
	const results: ItemResult[] = [];
	const worker = async (index: number) => {
		const result = await uploadOne(upload, items[index]);
		if (result) results.push(result);
	};
	const { signal } = upload.settings;
	await runPool(1, 1, worker, signal);
	await runPool(items.length - 1, concurrency, async (index) => await worker(index + 1), signal);
	return results;
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
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const { valid, invalid } = checkItems(this, {
		zone: this.getTimezone(),
		now: DateTime.utc(),
		dateFormat: options.dateFormat,
		roundValue: options.roundValue,
		stripCookiePrefix: options.stripCookiePrefix,
	});
	if (options.validateOnly || valid.length === 0) {
		const checked = valid.map(({ itemIndex, opportunity }) =>
			succeeded(itemIndex, {
				status: 'valid',
				reference: opportunity.reference,
				siteId: opportunity.siteId,
				body: opportunityBody(opportunity) as unknown as IDataObject,
			}),
		);
		return finishRun(this, [...checked, ...invalid], options.validateOnly ? 'valid' : 'uploaded');
	}

	const policy: RetryPolicy = { ...BACKOFF, maxRetries: options.maxRetries };
	const signal = this.getExecutionCancelSignal();
	const upload: Upload = {
		context: this,
		endpoints: endpointsOf(await this.getCredentials(CREDENTIAL_TYPE)),
		settings: {
			policy,
			timeoutMs: options.timeout,
			retryUnknownOutcome: options.retryUnknownOutcome,
			signal,
		},
	};
	const results = await uploadAll(upload, valid, options.concurrency);
	if (signal?.aborted) {
		const done = results.filter((r) => r.ok).length;
		throw new NodeOperationError(this.getNode(), 'The execution was cancelled', {
			description: `${done} of ${valid.length} opportunities were uploaded before it stopped; the others were not sent or their outcome is unknown.`,
		});
	}
	const byItem = [...results, ...invalid].sort((a, b) => a.itemIndex - b.itemIndex);
	return finishRun(this, byItem, 'uploaded');
}
