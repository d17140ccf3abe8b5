const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break, with
 * each quote doubled; otherwise as it is (leading and trailing spaces are part of the field).
 */
export function csvField(text: string): string {
	return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** One CSV record, without its line break. */
export function csvRecord(fields: readonly string[]): string {
	let line = '';
	for (let i = 0; i < fields.length; i++) line += (i ? ',' : '') + csvField(fields[i]);
	return line;
}

/** RFC 4180 ends every record with CRLF. */
export const CSV_LINE_BREAK = '\r\n';
