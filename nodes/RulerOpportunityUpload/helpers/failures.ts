import type { IDataObject } from 'n8n-workflow';

import type { UploadOutcome } from '../transport/client';
import { okBody } from '../transport/batch';
import { parseCsv } from './csv';

/** One row a batch job could not store, as Ruler reported it. */
export interface RowFailure {
	/** The row within the job's file, counting data rows from 1. */
	rowNumber?: number;
	reference: string;
	errorMessage: string;
	/** The row's fields as Ruler gave them back. */
	fields: IDataObject;
}

/** Reads the failures in one format: `format` is the query value Ruler documents (csv | json). */
export type FailuresReader = (format: 'json' | 'csv') => Promise<UploadOutcome>;

export type FailuresRead =
	| { ok: true; failures: RowFailure[] }
	| { ok: false; outcome: UploadOutcome };

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function rowNumberOf(value: unknown): number | undefined {
	const number = Number(value);
	return value !== '' && Number.isInteger(number) && number > 0 ? number : undefined;
}

function fromJson(entries: unknown[]): RowFailure[] {
	return entries.map((entry) => {
		const fields = { ...((entry ?? {}) as IDataObject) };
		const rowNumber = rowNumberOf(fields.rowNumber ?? fields.RowNumber);
		const errorMessage = text(fields.errorMessage ?? fields.ErrorMessage);
		for (const key of ['rowNumber', 'RowNumber', 'errorMessage', 'ErrorMessage'])
			delete fields[key];
		return { rowNumber, reference: text(fields.Reference), errorMessage, fields };
	});
}

/** "CSV has RowNumber first and ErrorMessage last". */
function fromCsv(csv: string): RowFailure[] {
	const [header = [], ...rows] = parseCsv(csv);
	const names = header.slice(1, -1);
	return rows.map((cells) => {
		const fields: IDataObject = {};
		names.forEach((name, i) => {
			const value = cells[i + 1] ?? '';
			// Label repeats: its values are kept as a list.
			if (name === 'Label') fields.Label = [...((fields.Label as string[]) ?? []), value];
			else fields[name] = value;
		});
		return {
			rowNumber: rowNumberOf(cells[0]),
			reference: text(fields.Reference),
			errorMessage: cells.length > 1 ? text(cells[cells.length - 1]) : '',
			fields,
		};
	});
}

/**
 * A job's failed rows: the JSON list, or, when an entry there has no row number, the CSV list,
 * which always has one ("RowNumber first").
 */
export async function readFailures(read: FailuresReader): Promise<FailuresRead> {
	const json = await read('json');
	const body = okBody(json);
	if (!Array.isArray(body)) return { ok: false, outcome: json };
	const failures = fromJson(body);
	if (failures.every((failure) => failure.rowNumber !== undefined)) return { ok: true, failures };
	const csv = await read('csv');
	const csvBody = okBody(csv);
	if (typeof csvBody !== 'string') return { ok: false, outcome: csv };
	return { ok: true, failures: fromCsv(csvBody) };
}
