import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, invalidFieldLabels, succeeded, type ItemResult } from '../../shared/items/results';
import { FirstUse, RULE_MESSAGES, type FieldWarning } from '../../shared/values/rules';
import { preview } from '../../shared/values/text';
import type { StagingRow } from './lifecycle';
import { keyOf, type RowKey } from './rejects';
import { cellValue, rowChecker, type Row, type RowRules } from './rows';

export interface CheckedItems {
	valid: StagingRow[];
	invalid: ItemResult[];
	/** Valid items whose values were changed to be sent (a number rounded), by item index. */
	warnings: Map<number, FieldWarning[]>;
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
export function checkItems(
	itemIndexes: number[],
	valuesOf: (itemIndex: number) => IDataObject,
	settings: CheckSettings,
): CheckedItems {
	const check = rowChecker(settings.rules);
	const columns = new Map(settings.rules.columns.map((column) => [column.name, column]));
	const firstUse = new FirstUse();
	const valid: StagingRow[] = [];
	const invalid: ItemResult[] = [];
	const warnings = new Map<number, FieldWarning[]>();
	const id = settings.identifierColumn;
	const labelOf = (name: string) => columns.get(name)?.displayName ?? name;
	const reject = (itemIndex: number, values: IDataObject, problem: string, fields: string[]) =>
		invalid.push(
			failed(
				itemIndex,
				{
					status: 'invalid',
					dealKey: values[id] ?? null,
					opportunityId: values[id] ?? null,
					...settings.fields,
					invalidFields: invalidFieldLabels(fields, labelOf),
				},
				`${itemLabel(itemIndex, id, values[id])}: ${problem}`,
				'Fix the value in the source data or the mapping, and run again.',
			),
		);
	// Read by the closures below for the item in hand: none is made per item.
	let values: IDataObject = {};
	let identifier: string | undefined;
	const sent = (column: string) => cellValue(columns.get(column)!, values[column], settings.rules);
	const keyValue = (column: string) => (column === id ? identifier : sent(column));
	for (const itemIndex of itemIndexes) {
		values = valuesOf(itemIndex);
		const found = check(values);
		const problems = found?.problems;
		if (problems) {
			const fields = problems.map((p) => p.field);
			reject(itemIndex, values, problems.map((p) => p.message).join('; '), fields);
			continue;
		}
		identifier = sent(id);
		const key = keyOf(settings.key, keyValue) ?? '';
		const earlier = firstUse.claim(key, itemIndex);
		if (earlier !== undefined) {
			const repeated = settings.key
				.map(({ column }) => `${column} ${preview(sent(column))}`)
				.join(' and ');
			reject(
				itemIndex,
				values,
				RULE_MESSAGES.repeated(repeated, earlier, settings.repeatRule),
				settings.key.map(({ column }) => column),
			);
			continue;
		}
		valid.push({ itemIndex, identifier: identifier ?? '', key, values });
		if (found?.warnings) warnings.set(itemIndex, found.warnings);
	}
	return { valid, invalid, warnings };
}

/**
 * Adds each item's value warnings (a number rounded) to its result, before any warning about its
 * sync: whatever happened to the row, the item says what was changed in it.
 */
export function withValueWarnings(
	results: ItemResult[],
	warnings: ReadonlyMap<number, FieldWarning[]>,
): ItemResult[] {
	if (warnings.size === 0) return results;
	return results.map((result) => {
		const own = warnings.get(result.itemIndex);
		if (!own) return result;
		const later = (result.fields.warnings as IDataObject[] | undefined) ?? [];
		const fields = { ...result.fields, warnings: [...(own as unknown as IDataObject[]), ...later] };
		return { ...result, fields };
	});
}

/** The items that passed the checks, as a run that sends nothing reports them: with the row they would send. */
export function validResults(
	valid: readonly StagingRow[],
	toRow: (values: IDataObject) => Row,
	fieldsOf: (row: Row) => IDataObject = () => ({}),
): ItemResult[] {
	return valid.map(({ itemIndex, identifier, values }) => {
		const row = toRow(values);
		return succeeded(itemIndex, {
			status: 'valid',
			dealKey: identifier,
			opportunityId: identifier,
			...fieldsOf(row),
			row,
		});
	});
}
