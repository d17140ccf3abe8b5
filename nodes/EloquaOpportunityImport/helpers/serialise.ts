import type { IDataObject } from 'n8n-workflow';

import { csvField, csvRecord } from '../../shared/values/csv';
import { csvFile, JSON_ARRAY, type Framing } from '../../shared/values/chunking';
import { sentText, type RowRules } from './rows';

/** How rows are uploaded: a JSON array of objects (the seed's way) or a CSV file with a header row. */
export type UploadFormat = 'json' | 'csv';

/** "application/json array or text/csv, UTF-8" (the data endpoint). */
export const UPLOAD_CONTENT_TYPES: Record<UploadFormat, string> = {
	json: 'application/json; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
};

/** Whether JSON escapes a character of the text: a quote, a backslash or a control character. */
function needsEscape(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x22 || code === 0x5c) return true;
	}
	return false;
}

/**
 * A string as JSON writes it. Most cells need no escape, and quoting them costs less than
 * JSON.stringify; lone surrogates never get here (the checks refuse them).
 */
const jsonString = (text: string) => (needsEscape(text) ? JSON.stringify(text) : `"${text}"`);

/** What frames the rows of one upload: JSON's brackets, or the CSV header row of the column names. */
export function uploadFraming(rules: RowRules, format: UploadFormat = 'json'): Framing {
	if (format === 'json') return JSON_ARRAY;
	return csvFile(csvRecord(rules.columns.map((column) => column.name)));
}

/**
 * Returns a function that writes one checked item's values as the text of its uploaded row: every
 * column in the definition's order, a blank one as "". The text is written straight from the
 * values, with no row object in between (a million items make a million of them otherwise).
 */
export function rowSerialiser(
	rules: RowRules,
	format: UploadFormat = 'json',
): (values: IDataObject) => string {
	const { columns } = rules;
	if (format === 'csv') {
		return (values) => {
			let line = '';
			for (let i = 0; i < columns.length; i++) {
				const column = columns[i];
				line += (i ? ',' : '') + csvField(sentText(column, values[column.name], rules));
			}
			return line;
		};
	}
	const keys = columns.map((column, i) => `${i ? ',' : '{'}${JSON.stringify(column.name)}:`);
	return (values) => {
		let json = '';
		for (let i = 0; i < columns.length; i++) {
			const column = columns[i];
			json += keys[i] + jsonString(sentText(column, values[column.name], rules));
		}
		return columns.length ? `${json}}` : '{}';
	};
}
