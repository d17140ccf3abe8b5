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

/** UTF-8 bytes of the header with `labels` Label columns: each adds `Label,`. */
const headerBytes = (labels: number) =>
	Buffer.byteLength(csvHeader(0) + LINE_BREAK) + labels * 'Label,'.length;

/** The rows gathered for one site's next file, and what their CSV will weigh. */
interface OpenFile {
	rows: BatchRow[];
	/** Bytes of the rows, each written with its own Label columns. */
	rowBytes: number;
	/** Label cells of the rows, each with its own labels. */
	labelCells: number;
	/** Label columns the file needs: the most labels a row has. */
	labels: number;
}

/**
 * Bytes of the file with one more row: in a file of L Label columns a row of k labels has L - k
 * more empty cells, one comma each, so the size is known without writing the file.
 */
function bytesWith(file: OpenFile, size: number, labels: number): number {
	const columns = Math.max(file.labels, labels);
	const rows = file.rows.length + 1;
	const cells = file.labelCells + labels;
	return headerBytes(columns) + file.rowBytes + size + rows * columns - cells;
}

/**
 * Gathers the rows, as they come, into files per site within both limits. A file is given out
 * as soon as it is full, so that Ruler works on it while later items are read. A row that alone
 * is over the byte limit goes to `onOversized`.
 */
export class JobFileBuilder {
	private readonly open = new Map<string, OpenFile>();

	constructor(
		private readonly limits: JobLimits,
		private readonly onOversized: (row: BatchRow, bytes: number) => void,
	) {}

	/** Adds a row; returns the file this filled, if any. */
	add(row: BatchRow): JobFile | undefined {
		const { siteId, labels } = row.opportunity;
		const size = Buffer.byteLength(csvRow(row.opportunity, labels.length) + LINE_BREAK);
		if (headerBytes(labels.length) + size > this.limits.maxBytes) {
			this.onOversized(row, size);
			return undefined;
		}
		const current = this.open.get(siteId);
		const full =
			current !== undefined &&
			(current.rows.length >= this.limits.rowsPerJob ||
				bytesWith(current, size, labels.length) > this.limits.maxBytes);
		// A file may stay full for a row when the one before it filled two at once.
		const closed = full ? this.close(siteId) : undefined;
		const file = this.open.get(siteId) ?? this.start(siteId);
		file.rows.push(row);
		file.rowBytes += size;
		file.labelCells += labels.length;
		file.labels = Math.max(file.labels, labels.length);
		if (closed) return closed;
		return file.rows.length >= this.limits.rowsPerJob ? this.close(siteId) : undefined;
	}

	/** The files not yet full, in the order their sites came. */
	rest(): JobFile[] {
		return [...this.open.keys()].map((siteId) => this.close(siteId));
	}

	private start(siteId: string): OpenFile {
		const file = { rows: [], rowBytes: 0, labelCells: 0, labels: 0 };
		this.open.set(siteId, file);
		return file;
	}

	private close(siteId: string): JobFile {
		const { rows } = this.open.get(siteId) as OpenFile;
		this.open.delete(siteId);
		return jobFile(siteId, rows);
	}
}
