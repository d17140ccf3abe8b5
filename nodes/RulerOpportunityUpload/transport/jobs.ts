import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { ApiContext } from '../../shared/transport/http';
import { BACKOFF } from '../helpers/constants';
import { batchRequest, batchUrls, okBody } from './batch';
import { CREDENTIAL_TYPE, endpointsOf, type Endpoints, type UploadOutcome } from './client';
import { describeFailure } from './statuses';

const READ_SETTINGS = { policy: { ...BACKOFF, maxRetries: 3 }, timeoutMs: 30_000 };

type Urls = ReturnType<typeof batchUrls>;

/**
 * Reads of a site's batch jobs, for the Batch Job operations and the job picker: each read is
 * retried when temporary and throws, explained, when it fails.
 */
export class JobReader {
	private constructor(
		private readonly context: ApiContext,
		private readonly endpoints: Endpoints,
	) {}

	static async forNode(context: ApiContext): Promise<JobReader> {
		return new JobReader(context, endpointsOf(await context.getCredentials(CREDENTIAL_TYPE)));
	}

	/** The answer of a GET to one of the site's batch addresses, as JSON or as text (CSV). */
	async get(
		siteId: string,
		url: (urls: Urls) => string,
		qs?: Record<string, string>,
	): Promise<unknown> {
		const signal = (this.context as IExecuteFunctions).getExecutionCancelSignal?.();
		const outcome = await batchRequest(
			this.context,
			{
				method: 'GET',
				url: url(batchUrls(this.endpoints, siteId)),
				qs,
				json: qs?.format !== 'csv',
			},
			{ ...READ_SETTINGS, signal },
			true,
		);
		const body = okBody(outcome);
		if (body === undefined) throw this.failure(outcome);
		return body;
	}

	/** A reader for `readFailures`: its outcome, not thrown. */
	failuresOf(siteId: string, jobId: string) {
		return async (format: 'json' | 'csv'): Promise<UploadOutcome> =>
			await batchRequest(
				this.context,
				{
					method: 'GET',
					url: batchUrls(this.endpoints, siteId).failures(jobId),
					qs: { format },
					json: format === 'json',
				},
				READ_SETTINGS,
				true,
			);
	}

	failure(outcome: UploadOutcome): NodeOperationError {
		const failure = describeFailure(outcome, this.endpoints, {
			...READ_SETTINGS,
			retryUnknownOutcome: true,
		});
		return new NodeOperationError(this.context.getNode(), failure.message, {
			description: failure.description,
		});
	}
}
