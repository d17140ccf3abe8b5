'use strict';
// CSV uploads as the data endpoint takes them: "`application/json` array or `text/csv`, UTF-8"
// (API-CONTRACT.md, Endpoints, POST /opportunities/imports/{id}/data). Read as RFC 4180: fields
// split by commas, records by CRLF (a bare LF is taken too), a quoted field may hold commas, quotes
// (doubled) and line breaks. The header row names the columns, as the keys of a JSON row do ("The
// seed's upload: ... rows keyed by the definition's column names"): each record becomes the same
// object a JSON row would be, so rejects are found and mapped the same way.

/** Whether a request's Content-Type is CSV. */
const isCsv = (contentType) => /^text\/csv\b/i.test(String(contentType || ''));

/** The records of a CSV text as arrays of fields, or `{ error }` for an unclosed quote. */
function records(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') ((field += '"'), (i += 2));
			else if (c === '"') ((quoted = false), i++);
			else ((field += c), i++);
		} else if (c === '"' && field === '') ((quoted = true), i++);
		else if (c === ',') (row.push(field), (field = ''), i++);
		else if (c === '\r' || c === '\n') {
			row.push(field);
			rows.push(row);
			((row = []), (field = ''));
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else ((field += c), i++);
	}
	if (quoted) return { error: 'A quoted field is not closed' };
	// The last record may end without a line break.
	if (field !== '' || row.length) (row.push(field), rows.push(row));
	return { rows };
}

/**
 * Parses an uploaded CSV file into row objects keyed by its header row, or `{ error }` with the
 * sentence the 400 carries. A record whose field count differs from the header's is refused: RFC
 * 4180 says each record has the same number of fields (what Eloqua answers is not documented).
 */
function parseCsv(text) {
	const parsed = records(text);
	if (parsed.error) return { error: parsed.error };
	const [header, ...rest] = parsed.rows;
	if (!header || header.every((name) => name === '')) return { error: 'The header row is missing' };
	const rows = [];
	for (let r = 0; r < rest.length; r++) {
		const fields = rest[r];
		if (fields.length !== header.length)
			return {
				error: `Record ${r + 1} has ${fields.length} fields, the header row ${header.length}`,
			};
		const row = {};
		for (let f = 0; f < header.length; f++) row[header[f]] = fields[f];
		rows.push(row);
	}
	return { rows, header };
}

/** Counts the records of a CSV file without building them (benchmark uploads): line breaks outside quotes. */
function countCsvRecords(text) {
	let count = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) quoted = !quoted;
		else if (c === 10 && !quoted) count++;
	}
	const endsWithBreak = text.length > 0 && text.charCodeAt(text.length - 1) === 10;
	// Less the header row; a last record without a line break still counts.
	return Math.max(0, count - 1 + (endsWithBreak ? 0 : 1));
}

module.exports = { isCsv, parseCsv, countCsvRecords };
