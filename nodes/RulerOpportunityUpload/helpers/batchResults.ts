import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, invalidFieldLabels, succeeded, type ItemResult } from '../../shared/items/results';
import type { JobStatus } from '../transport/batch';
import { csvHeader, csvRow, fieldsNamedIn } from './csv';
import { fieldLabel, type Opportunity } from './schema';

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

/** The fields every result of a row has, `status` first, the deal's key as `dealKey`. */
function rowFields(status: string, { opportunity }: BatchRow, place: RowPlace): IDataObject {
	return {
		status,
		dealKey: opportunity.reference,
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		jobId: place.jobId,
		rowNumber: place.rowNumber,
		valueSent: opportunity.value,
	};
}

/** Validate Only: the row the item would be in its job's file, under the header it needs. */
export function validRow(row: BatchRow): ItemResult {
	const labelColumns = row.opportunity.labels.length;
	return succeeded(row.itemIndex, {
		...rowFields('valid', row, { jobId: null, rowNumber: null }),
		csvHeader: csvHeader(labelColumns),
		csvRow: csvRow(row.opportunity, labelColumns),
	});
}

/** Stored: its job finished and did not list the row among its failures. */
export function uploadedRow(row: BatchRow, place: RowPlace, job: JobStatus): ItemResult {
	return succeeded(row.itemIndex, {
		...rowFields('uploaded', row, place),
		jobStatus: job.status,
	});
}

/** Accepted in a job that had not finished when the node stopped waiting (or did not wait). */
export function queuedRow(row: BatchRow, place: RowPlace, job?: JobStatus): ItemResult {
	return succeeded(row.itemIndex, {
		...rowFields('queued', row, place),
		jobStatus: job?.status ?? 'pending',
		percentageProgress: job?.percentageProgress ?? 0,
	});
}

export interface RowFailureReason {
	message: string;
	description: string;
	httpStatus?: number;
}

/** Not delivered or not confirmed: the whole job failed, its answer was lost, or it was not sent. */
export function failedRow(row: BatchRow, place: RowPlace, reason: RowFailureReason): ItemResult {
	const label = itemLabel(row.itemIndex, 'reference', row.opportunity.reference);
	return failed(
		row.itemIndex,
		{ ...rowFields('failed', row, place), httpStatus: reason.httpStatus ?? null },
		`${label}: ${reason.message}`,
		reason.description,
	);
}

/**
 * Ruler refused the row's values (a 400 naming the row, or the row among its job's failures):
 * `invalidFields` are the fields Ruler's message names, as the node labels them.
 */
export function rejectedRow(
	row: BatchRow,
	place: RowPlace,
	reason: RowFailureReason,
	said: string,
): ItemResult {
	const label = itemLabel(row.itemIndex, 'reference', row.opportunity.reference);
	return failed(
		row.itemIndex,
		{
			...rowFields('rejected', row, place),
			invalidFields: invalidFieldLabels(fieldsNamedIn(said), fieldLabel),
			httpStatus: reason.httpStatus ?? null,
		},
		`${label}: ${reason.message}`,
		reason.description,
	);
}
