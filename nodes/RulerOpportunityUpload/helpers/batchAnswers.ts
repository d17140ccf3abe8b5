import type { IDataObject } from 'n8n-workflow';

import { answerBody, okBody } from '../transport/batch';
import type { UploadOutcome } from '../transport/client';
import type { RowFailureReason } from './batchResults';

// What Ruler's answers to a batch upload say, and the reasons rows fail by them.

/** "400 with row-level errors": the row numbers named, each with its messages. */
export function rowErrorsOf(outcome: UploadOutcome): Map<number, string> {
	const { result } = outcome;
	const errors = new Map<number, string>();
	if (result.kind !== 'response' || result.status !== 400) return errors;
	const list = (answerBody(result) as IDataObject | undefined)?.errors;
	if (!Array.isArray(list)) return errors;
	for (const entry of list as IDataObject[]) {
		const row = Number(entry?.rowNumber ?? entry?.RowNumber);
		const said = entry?.errors ?? entry?.errorMessage ?? entry?.message;
		const text = Array.isArray(said) ? said.map(String).join(' ') : String(said ?? '');
		if (Number.isInteger(row) && row > 0) errors.set(row, text);
	}
	return errors;
}

export const jobIdOf = (outcome: UploadOutcome) => {
	const jobId = (okBody(outcome) as IDataObject | undefined)?.jobId;
	return typeof jobId === 'string' || typeof jobId === 'number' ? String(jobId) : undefined;
};

/** A job sent whose answer never came: it may exist, so it is not sent again. */
export const lostAnswer = (reason: string): RowFailureReason => ({
	message: `The answer to the batch upload was lost (${reason}): Ruler may have created the job`,
	description:
		'It was not sent again, as that could store its rows twice. Look for the job with Batch Job → Get Many, and run the items again only if it is not there.',
});

export const refusedRow = (said: string): RowFailureReason => ({
	message: `Ruler refused the row in the batch file (HTTP 400): ${said}`,
	description: 'Fix the value Ruler names in the source data, and run the item again.',
	httpStatus: 400,
});
