import type { ItemResult } from '../../shared/items/results';
import type { JobStatus } from '../transport/batch';
import type { UploadOutcome } from '../transport/client';
import type { JobFile } from './batchFiles';
import {
	failedRow,
	rejectedRow,
	uploadedRow,
	type BatchRow,
	type RowFailureReason,
	type RowPlace,
} from './batchResults';
import { readFailures, type FailuresReader, type RowFailure } from './failures';
import type { Pace } from './wait';

/** A file Ruler accepted as a job, and its last status read. */
export interface SentJob extends JobFile {
	jobId: string;
	status?: JobStatus;
	pace?: Pace;
}

/**
 * Each failure's row: by its row number when the row there has the failure's Reference (or the
 * failure names none), else by its Reference. `unmatched` counts failures that fit no row.
 */
function matchFailures(rows: BatchRow[], failures: RowFailure[]) {
	const byReference = new Map(rows.map((row, i) => [row.opportunity.reference, i]));
	const matched = new Map<number, string>();
	let unmatched = 0;
	for (const { rowNumber, reference, errorMessage } of failures) {
		const at = rowNumber === undefined ? -1 : rowNumber - 1;
		const fits =
			at >= 0 && at < rows.length && [rows[at].opportunity.reference, ''].includes(reference);
		const index = fits ? at : byReference.get(reference);
		if (index === undefined) unmatched += 1;
		else matched.set(index, errorMessage);
	}
	return { matched, unmatched };
}

const getFailures = (jobId: string) =>
	`Read them with Batch Job → Get Failures and the job ID ${jobId}.`;

/**
 * The results of a finished job's rows: rejected with Ruler's errorMessage when listed among its
 * failures, all failed with its failureReason when the job failed as a whole, uploaded otherwise.
 * A row is uploaded only when the job's failures could be read and did not name it.
 */
export async function settleJob(
	job: SentJob,
	read: FailuresReader,
	explain: (outcome: UploadOutcome) => RowFailureReason,
): Promise<ItemResult[]> {
	const status = job.status as JobStatus;
	const place = (i: number): RowPlace => ({ jobId: job.jobId, rowNumber: i + 1 });
	const wholeJob = status.status.toLowerCase() === 'failed';
	const clean = status.status.toLowerCase() === 'complete' && !Number(status.failureCount);
	const failures = clean ? { ok: true as const, failures: [] } : await readFailures(read);
	const jobReason: RowFailureReason = {
		message: `Ruler's batch job ${job.jobId} failed${status.failureReason ? `: ${status.failureReason}` : ''}`,
		description: `Nothing of this row was stored. Check the reason, then run the item again. ${getFailures(job.jobId)}`,
	};
	if (!failures.ok) {
		const why = explain(failures.outcome);
		const reason = wholeJob
			? jobReason
			: {
					message: `Ruler's batch job ${job.jobId} ended ${status.status}, and its failures could not be read (${why.message})`,
					description: `Whether this row was stored is not known. ${getFailures(job.jobId)}`,
					httpStatus: why.httpStatus,
				};
		return job.rows.map((row, i) => failedRow(row, place(i), reason));
	}
	const { matched, unmatched } = matchFailures(job.rows, failures.failures);
	return job.rows.map((row, i) => {
		const said = matched.get(i);
		if (said !== undefined)
			return rejectedRow(
				row,
				place(i),
				{
					message: `Ruler could not store the row of batch job ${job.jobId}: ${said}`,
					description: 'Fix the value Ruler names in the source data, and run the item again.',
				},
				said,
			);
		if (wholeJob) return failedRow(row, place(i), jobReason);
		if (unmatched)
			return failedRow(row, place(i), {
				message: `Ruler listed ${unmatched} failure(s) of batch job ${job.jobId} that match no row sent, so whether this row was stored is not known`,
				description: getFailures(job.jobId),
			});
		return uploadedRow(row, place(i), status);
	});
}
