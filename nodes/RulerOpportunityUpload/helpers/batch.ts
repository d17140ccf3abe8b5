import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ItemResult } from '../../shared/items/results';
import { cancelledError } from '../../shared/transport/cancellation';
import { bodyText } from '../../shared/transport/explain';
import {
	batchRequest,
	batchUrls,
	isFinal,
	multipartFile,
	okBody,
	type BatchRequestSettings,
	type JobStatus,
} from '../transport/batch';
import {
	CREDENTIAL_TYPE,
	endpointsOf,
	isUnknownOutcome,
	shortReason,
	type Endpoints,
	type UploadOutcome,
} from '../transport/client';
import { Session } from '../transport/session';
import { describeFailure } from '../transport/statuses';
import {
	failedRow,
	queuedRow,
	rejectedRow,
	type BatchRow,
	type RowFailureReason,
} from './batchResults';
import { jobIdOf, lostAnswer, refusedRow, rowErrorsOf } from './batchAnswers';
import { jobFile, JobFileBuilder, type JobFile, type JobLimits } from './batchFiles';
import { settleJob, type SentJob } from './settle';
import { waitForJobs } from './wait';

export interface BatchSettings extends BatchRequestSettings, JobLimits {
	waitForCompletion: boolean;
	maxWaitMs: number;
}

const FILE_NAME = 'opportunities.csv';

/** Sends the valid items as batch jobs and gives each its result. */
class BatchRun {
	readonly results: ItemResult[] = [];

	readonly sent: SentJob[] = [];

	private stop?: RowFailureReason;

	private connection?: { endpoints: Endpoints; session: Session };

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: BatchSettings,
	) {}

	get cancelled(): boolean {
		return this.settings.signal?.aborted === true;
	}

	/** One authenticated request through the run's login (renewed when it expires). */
	async request(options: IHttpRequestOptions, resendUnknown: boolean): Promise<UploadOutcome> {
		const { session } = (this.connection ??= await this.connect());
		return await session.send(
			async (context, maySend) =>
				(await maySend())
					? await batchRequest(context, options, this.settings, resendUnknown)
					: { result: { kind: 'cancelled', url: options.url }, attempts: 0, retriedAfter: [] },
			() => !this.cancelled,
		);
	}

	/** Sends one file; with row errors, the other rows go once more as a new job. */
	async submit(file: JobFile, resent = false): Promise<void> {
		const place = { jobId: null, rowNumber: null };
		if (this.stop) return this.failAll(file.rows, this.stop);
		const { endpoints } = (this.connection ??= await this.connect());
		const { body, contentType } = multipartFile(file.csv, FILE_NAME);
		const url = batchUrls(endpoints, file.siteId).upload;
		const headers = { 'Content-Type': contentType };
		const outcome = await this.request({ method: 'POST', url, body, headers, json: false }, false);
		if (outcome.result.kind === 'cancelled') return;
		const jobId = jobIdOf(outcome);
		if (jobId !== undefined) {
			this.sent.push({ ...file, jobId });
			this.context.logger.info(`Ruler batch job ${jobId} accepted: ${file.rows.length} rows`);
			return;
		}
		const rowErrors = outcome.result.url === url ? rowErrorsOf(outcome) : new Map<number, string>();
		if (rowErrors.size === 0) return this.failAll(file.rows, this.explain(outcome, endpoints));
		const others: BatchRow[] = [];
		file.rows.forEach((row, i) => {
			const said = rowErrors.get(i + 1);
			if (said === undefined) others.push(row);
			else
				this.results.push(rejectedRow(row, { ...place, rowNumber: i + 1 }, refusedRow(said), said));
		});
		if (others.length === 0) return;
		if (!resent) return await this.submit(jobFile(file.siteId, others), true);
		this.failAll(others, {
			message: 'Not sent: Ruler refused the batch file again, for other rows',
			description:
				'The rows Ruler named failed; this one was in the file sent again without them, which Ruler refused too. Run the item again.',
		});
	}

	async settle(job: SentJob): Promise<ItemResult[]> {
		const { endpoints } = (this.connection ??= await this.connect());
		const urls = batchUrls(endpoints, job.siteId);
		const read = async (format: 'json' | 'csv') =>
			await this.request(
				{ method: 'GET', url: urls.failures(job.jobId), qs: { format }, json: format === 'json' },
				true,
			);
		return await settleJob(job, read, (outcome) => this.explain(outcome, endpoints));
	}

	/** Reads the job's status into it, and logs its progress. */
	async read(job: SentJob): Promise<void> {
		const { endpoints } = (this.connection ??= await this.connect());
		const url = batchUrls(endpoints, job.siteId).status(job.jobId);
		const body = okBody(await this.request({ method: 'GET', url, json: true }, true));
		const status = body as JobStatus | undefined;
		// A status that cannot be read leaves the job as it was: at Max Wait its rows are queued.
		if (typeof status?.status !== 'string') return;
		job.status = status;
		this.context.logger.info(
			`Ruler batch job ${job.jobId}: ${status.status}, ${status.percentageProgress ?? 0}% (${status.processedRows ?? 0} of ${status.totalRows ?? job.rows.length} rows processed)`,
		);
	}

	explain(outcome: UploadOutcome, endpoints: Endpoints): RowFailureReason {
		const { result } = outcome;
		if (isUnknownOutcome(result)) return lostAnswer(shortReason(result));
		const failure = describeFailure(outcome, endpoints, {
			...this.settings,
			retryUnknownOutcome: true,
		});
		if (failure.fatal)
			this.stop ??= {
				...failure,
				message: `Not sent, as an earlier batch job failed: ${failure.message}`,
			};
		if (result.kind === 'response' && result.status === 400 && result.url !== endpoints.loginUrl) {
			const said = bodyText(result.body);
			return {
				...failure,
				message: `Ruler refused the batch file (HTTP 400)${said ? `: ${said}` : ''}`,
			};
		}
		return failure;
	}

	failAll(rows: BatchRow[], reason: RowFailureReason): void {
		for (const row of rows)
			this.results.push(failedRow(row, { jobId: null, rowNumber: null }, reason));
	}

	private async connect() {
		const credentials = await this.context.getCredentials(CREDENTIAL_TYPE);
		const endpoints = endpointsOf(credentials);
		const session = new Session(this.context, CREDENTIAL_TYPE, credentials, !endpoints.tokenMode);
		return { endpoints, session };
	}
}

/**
 * An upload in batch: valid items come in, in input order, and each file is sent as soon as it is
 * full; `finish` sends the rest, waits for the jobs (unless told not to) and gives every row its
 * result. Throws when the execution is cancelled: no job starts after that.
 */
export class BatchUpload {
	private readonly run: BatchRun;

	private readonly files: JobFileBuilder;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: BatchSettings,
	) {
		const run = new BatchRun(context, settings);
		this.run = run;
		this.files = new JobFileBuilder(settings, (row, bytes) =>
			run.failAll([row], {
				message: `The row is ${bytes} bytes, more than one batch file may hold (${settings.maxBytes} bytes)`,
				description:
					'Send this item with the Upload operation, or shorten its labels and properties.',
			}),
		);
	}

	async add(row: BatchRow): Promise<void> {
		const file = this.files.add(row);
		if (file && !this.run.cancelled) await this.run.submit(file);
	}

	async finish(): Promise<ItemResult[]> {
		const { run, settings } = this;
		for (const file of this.files.rest()) {
			if (run.cancelled) break;
			await run.submit(file);
		}
		if (settings.waitForCompletion && !run.cancelled)
			await waitForJobs(
				run.sent,
				async (job) => await run.read(job),
				settings.maxWaitMs,
				settings.signal,
			);
		if (run.cancelled) {
			const ids = run.sent.map((job) => job.jobId).join(', ');
			throw cancelledError(
				this.context.getNode(),
				ids
					? `Ruler accepted ${run.sent.length} batch job(s) before it stopped (${ids}); they go on in Ruler: read them with Batch Job → Get Status. No further job was sent.`
					: 'No batch job was accepted before it stopped.',
			);
		}
		for (const job of run.sent) {
			const done = job.status && isFinal(job.status);
			if (!done)
				run.results.push(
					...job.rows.map((row, i) =>
						queuedRow(row, { jobId: job.jobId, rowNumber: i + 1 }, job.status),
					),
				);
			else run.results.push(...(await run.settle(job)));
		}
		return run.results;
	}
}
