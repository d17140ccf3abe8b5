import type { IDataObject } from 'n8n-workflow';

import { invalidFieldLabels } from '../../shared/items/results';
import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import { ELQ_CODES } from '../transport/statuses';
import type { Problem, RowWarning } from './outcomes';

export interface Reject {
	recordIndex?: number;
	fieldValues: IDataObject;
	invalidFields: string[];
	statusCode: string;
	message: string;
}

export function readReject(entry: IDataObject): Reject {
	const fieldValues = entry.fieldValues;
	return {
		recordIndex: typeof entry.recordIndex === 'number' ? entry.recordIndex : undefined,
		fieldValues: fieldValues && typeof fieldValues === 'object' ? (fieldValues as IDataObject) : {},
		invalidFields: Array.isArray(entry.invalidFields) ? entry.invalidFields.map(String) : [],
		statusCode: String(entry.statusCode ?? ''),
		message: String(entry.message ?? ''),
	};
}

/** Every reject of a sync (or the first `wanted`), paged 1000 at a time. */
export async function readRejects(
	client: EloquaClient,
	syncUri: string,
	wanted = Infinity,
): Promise<Reject[]> {
	return (await readPages(client, `${syncUri}/rejects`, wanted)).map(readReject);
}

/** The columns that tell a row apart from the others of its run, and whether case matters in each. */
export type RowKey = Array<{ column: string; caseSensitive: boolean }>;

/** A row's key: its key columns' values (read with `read`), normalised; undefined when one is missing. */
export function keyOf(key: RowKey, read: (column: string) => unknown): string | undefined {
	let joined: string | undefined;
	for (const { column, caseSensitive } of key) {
		const value = read(column);
		if (typeof value !== 'string' && typeof value !== 'number') return undefined;
		const part = caseSensitive ? String(value) : String(value).toLowerCase();
		joined = joined === undefined ? part : `${joined}\u0000${part}`;
	}
	return joined;
}

/** A row as it was staged in a sync, in upload order. */
export interface StagedRow {
	itemIndex: number;
	/** The row's key (see `keyOf`), unique within the run. */
	key: string;
}

/**
 * Maps rejects back to the items that caused them: by the key values Eloqua echoes in `fieldValues`
 * (keys are unique within a run), and by `recordIndex` (1-based, counted across the sync's uploads)
 * only when the key is missing or unknown. Returns the rejects per item index, and those that
 * matched no item.
 */
export function mapRejectsToItems(
	rejects: Reject[],
	staged: readonly StagedRow[],
	key: RowKey,
): { byItem: Map<number, Reject[]>; unmatched: Reject[] } {
	const byKey = new Map(staged.map((row) => [row.key, row.itemIndex]));
	const byItem = new Map<number, Reject[]>();
	const unmatched: Reject[] = [];
	for (const reject of rejects) {
		const echoed = keyOf(key, (column) => reject.fieldValues[column]);
		let itemIndex = echoed === undefined ? undefined : byKey.get(echoed);
		if (itemIndex === undefined && reject.recordIndex !== undefined) {
			itemIndex = staged[reject.recordIndex - 1]?.itemIndex;
		}
		if (itemIndex === undefined) {
			unmatched.push(reject);
			continue;
		}
		byItem.set(itemIndex, [...(byItem.get(itemIndex) ?? []), reject]);
	}
	return { byItem, unmatched };
}

/**
 * A row's rejects as its problem: each reason in plain words, with the columns Eloqua named
 * (`invalidFields` as the UI labels them, through `labelOf`).
 */
export function rejectProblem(
	rejects: Reject[],
	labelOf: (column: string) => string = (column) => column,
): Problem {
	const codes = rejects.map((r) => r.statusCode).filter(Boolean);
	const sentences = rejects.map((r) => {
		const plain = ELQ_CODES[r.statusCode];
		const fields = r.invalidFields.length
			? ` (field ${r.invalidFields.map((f) => `${f} = ${JSON.stringify(r.fieldValues[f] ?? '')}`).join(', ')})`
			: '';
		return `${r.statusCode ? `${r.statusCode}: ` : ''}${plain ?? r.message}${fields}`;
	});
	return {
		message: `Eloqua rejected the row: ${sentences.join('; ')}`,
		description:
			'Fix the value in the source data (or add the missing stage, contact or field in Eloqua) and run again.',
		code: codes[0],
		invalidFields: invalidFieldLabels(
			rejects.flatMap((r) => r.invalidFields),
			labelOf,
		),
	};
}

/**
 * A row's rejects as warnings when they only say a value was dropped: each has one of the codes that
 * still import the row (RudderStack's reading of ELQ-00040), and none names a key column, which
 * would mean the record could not be matched. Undefined when the row was not imported.
 */
export function droppedValueWarnings(
	rejects: Reject[],
	stillImported: ReadonlySet<string>,
	key: RowKey,
): RowWarning[] | undefined {
	const keyColumns = new Set(key.map(({ column }) => column));
	const dropsOnly = rejects.every(
		(r) => stillImported.has(r.statusCode) && !r.invalidFields.some((f) => keyColumns.has(f)),
	);
	if (!dropsOnly) return undefined;
	return rejects.flatMap((r) =>
		(r.invalidFields.length ? r.invalidFields : ['']).map((field) => ({
			field: field || undefined,
			value: field ? textOf(r.fieldValues[field]) : undefined,
			code: r.statusCode,
			message: `Eloqua imported the row without ${field ? `the value of ${field}` : 'a value'}: ${ELQ_CODES[r.statusCode] ?? r.message}`,
		})),
	);
}

const textOf = (value: unknown) =>
	value === undefined || value === null
		? null
		: typeof value === 'string'
			? value
			: JSON.stringify(value);

/** Rejects of a sync quoted in a warning; the rest are counted. */
const QUOTED_REJECTS = 3;

/**
 * Rejects that matched no row of the sync (neither by key nor by record index) as a warning for
 * every row of that sync: any of them may be the one Eloqua meant.
 */
export function unmatchedRejectsWarning(unmatched: Reject[], syncUri: string): RowWarning {
	const quoted = unmatched
		.slice(0, QUOTED_REJECTS)
		.map((r) => JSON.stringify(`${r.statusCode ? `${r.statusCode}: ` : ''}${r.message}`));
	const more =
		unmatched.length > QUOTED_REJECTS ? ` and ${unmatched.length - QUOTED_REJECTS} more` : '';
	const count = unmatched.length === 1 ? '1 reject' : `${unmatched.length} rejects`;
	return {
		code: 'unmatchedRejects',
		message: `${count} of sync ${syncUri} matched no row of this run: ${quoted.join('; ')}${more}. Check them with Sync → Get Rejects.`,
	};
}
