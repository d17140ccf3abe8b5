import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failed, type ItemResult } from '../../shared/results';
import { preview } from '../../shared/values';
import type { Column } from './columns';
import type { StagingRow } from './lifecycle';
import { keyOf, type RowKey } from './rejects';
import { rowChecker, type RowRules } from './schema';

export type MappingMode = 'defineBelow' | 'autoMapInputData';

/** "Item 3" or "Item 3 (OpportunityID "A-1")": how every message names an item. */
export function itemLabel(itemIndex: number, identifierColumn?: string, identifier?: unknown): string {
	const id = identifier === undefined || identifier === null || identifier === '' ? '' : ` (${identifierColumn} ${preview(identifier)})`;
	return `Item ${itemIndex}${id}`;
}

/** The values an item maps to columns: the mapper's resolved values, or the item's own same-named fields. */
export function mappedValues(
	context: IExecuteFunctions,
	mode: MappingMode,
	item: INodeExecutionData,
	itemIndex: number,
): IDataObject {
	if (mode === 'autoMapInputData') return item.json;
	return (context.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as IDataObject;
}

export interface CheckedItems {
	valid: StagingRow[];
	invalid: ItemResult[];
}

export interface CheckSettings {
	rules: RowRules;
	/** The column that names an item in messages and outputs (the opportunity ID). */
	identifierColumn: string;
	/** The columns that must be unique within a run: a repeat makes the later item invalid. */
	key: RowKey;
	/** What a repeat means, for the message, e.g. "an opportunity is sent once per run". */
	repeatRule: string;
	/** Fields every output item carries (definition URI...). */
	fields: IDataObject;
}

/**
 * Checks every item before anything is sent: each value against its column's rule, then the
 * identifier's uniqueness within the run (a repeat is reported against the earlier item, never merged).
 */
export function checkItems(itemIndexes: number[], valuesOf: (itemIndex: number) => IDataObject, settings: CheckSettings): CheckedItems {
	const check = rowChecker(settings.rules);
	const firstSeen = new Map<string, number>();
	const valid: StagingRow[] = [];
	const invalid: ItemResult[] = [];
	const id = settings.identifierColumn;
	for (const itemIndex of itemIndexes) {
		const values = valuesOf(itemIndex);
		const label = itemLabel(itemIndex, id, values[id]);
		const reject = (problem: string, field: string) =>
			invalid.push(
				failed(itemIndex, { ...settings.fields, status: 'invalid', opportunityId: values[id] ?? null, field }, `${label}: ${problem}`, 'Fix the value in the source data or the mapping, and run again.'),
			);
		const result = check(values);
		if (!result.ok) {
			reject(result.problems.map((p) => p.message).join('; '), result.problems[0].field);
			continue;
		}
		const identifier = result.row[id] ?? '';
		const key = keyOf(settings.key, result.row) ?? '';
		const earlier = firstSeen.get(key);
		if (earlier !== undefined) {
			const repeated = settings.key.map(({ column }) => `${column} ${preview(result.row[column])}`).join(' and ');
			reject(`${repeated} was already used by item ${earlier}; ${settings.repeatRule}, so this item was not sent`, settings.key[0].column);
			continue;
		}
		firstSeen.set(key, itemIndex);
		valid.push({ itemIndex, identifier, key, row: result.row });
	}
	return { valid, invalid };
}

/** The columns any valid row uses, in column order, plus the required ones. */
export function usedColumns(columns: Column[], rows: StagingRow[]): Column[] {
	const used = new Set<string>();
	for (const { row } of rows) for (const name of Object.keys(row)) used.add(name);
	return columns.filter((column) => column.required || used.has(column.name));
}
