import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, succeeded, type ItemResult } from '../../shared/items/results';
import type { JobStatus } from '../transport/batch';
import type { Opportunity } from './schema';

/** One valid item as a row of a batch job. */
export interface BatchRow {
	itemIndex: number;
	opportunity: Opportunity;
}

/** Where a row went: its job (once Ruler gave one) and its row number in that job's file. */
export interface RowPlace {
	jobId: string | null;
	rowNumber: number | null;
}

function rowFields({ opportunity }: BatchRow, place: RowPlace): IDataObject {
	return {
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		jobId: place.jobId,
		rowNumber: place.rowNumber,
		valueSent: opportunity.value,
	};
}

/** Stored: its job finished and did not list the row among its failures. */
export function uploadedRow(row: BatchRow, place: RowPlace, job: JobStatus): ItemResult {
	return succeeded(row.itemIndex, {
		status: 'uploaded',
		...rowFields(row, place),
		jobStatus: job.status,
	});
}

/** Accepted in a job that had not finished when the node stopped waiting (or did not wait). */
export function queuedRow(row: BatchRow, place: RowPlace, job?: JobStatus): ItemResult {
	return succeeded(row.itemIndex, {
		status: 'queued',
		...rowFields(row, place),
		jobStatus: job?.status ?? 'pending',
		percentageProgress: job?.percentageProgress ?? 0,
	});
}

export interface RowFailureReason {
	message: string;
	description: string;
	httpStatus?: number;
}

export function failedRow(row: BatchRow, place: RowPlace, reason: RowFailureReason): ItemResult {
	const label = itemLabel(row.itemIndex, 'reference', row.opportunity.reference);
	return failed(
		row.itemIndex,
		{ status: 'failed', ...rowFields(row, place), httpStatus: reason.httpStatus ?? null },
		`${label}: ${reason.message}`,
		reason.description,
	);
}
