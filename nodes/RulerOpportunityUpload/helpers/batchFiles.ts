import type { BatchRow } from './batchResults';
import { csvHeader, csvRow } from './csv';

/** One job's file: the site's rows it carries, in input order, and its CSV text. */
export interface JobFile {
	siteId: string;
	rows: BatchRow[];
	csv: string;
}

export interface JobLimits {
	rowsPerJob: number;
	/** Most UTF-8 bytes of one file's CSV text, header included. */
	maxBytes: number;
}

const LINE_BREAK = '\r\n';

const labelColumns = (rows: BatchRow[]) =>
	rows.reduce((most, row) => Math.max(most, row.opportunity.labels.length), 0);

/** The file of some rows of one site, with as many Label columns as its rows need. */
export function jobFile(siteId: string, rows: BatchRow[]): JobFile {
	const labels = labelColumns(rows);
	const lines = [csvHeader(labels), ...rows.map((row) => csvRow(row.opportunity, labels))];
	return { siteId, rows, csv: `${lines.join(LINE_BREAK)}${LINE_BREAK}` };
}

function bySite(rows: BatchRow[]): Map<string, BatchRow[]> {
	const sites = new Map<string, BatchRow[]>();
	for (const row of rows) {
		const list = sites.get(row.opportunity.siteId) ?? [];
		list.push(row);
		sites.set(row.opportunity.siteId, list);
	}
	return sites;
}

/**
 * Splits the rows into files per site, within both limits; sizes are measured with the site's
 * most Label columns, so a file's own (fewer or as many) columns never take it over. A row that
 * alone is over the byte limit goes to `onOversized`.
 */
export function* jobFiles(
	rows: BatchRow[],
	limits: JobLimits,
	onOversized: (row: BatchRow, bytes: number) => void,
): Generator<JobFile> {
	for (const [siteId, siteRows] of bySite(rows)) {
		const labels = labelColumns(siteRows);
		const headerBytes = Buffer.byteLength(csvHeader(labels) + LINE_BREAK);
		let members: BatchRow[] = [];
		let bytes = headerBytes;
		for (const row of siteRows) {
			const size = Buffer.byteLength(csvRow(row.opportunity, labels) + LINE_BREAK);
			if (headerBytes + size > limits.maxBytes) {
				onOversized(row, size);
				continue;
			}
			if (members.length >= limits.rowsPerJob || bytes + size > limits.maxBytes) {
				yield jobFile(siteId, members);
				members = [];
				bytes = headerBytes;
			}
			members.push(row);
			bytes += size;
		}
		if (members.length) yield jobFile(siteId, members);
	}
}
