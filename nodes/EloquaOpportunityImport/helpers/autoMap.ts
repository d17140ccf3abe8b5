import type { IDataObject, INode, NodeExecutionHint } from 'n8n-workflow';

import { setupError } from '../../shared/items/setup';
import type { Column } from './columns';
import { didYouMean, nearMisses } from './nearMiss';

/** How many unmatched field names a hint lists before it counts the rest. */
const LISTED_FIELDS = 10;

const code = (name: string) => `\`${name}\``;

/** "`A`, `B` or `C`" (`joiner` "or" / "and"). */
function listOf(names: readonly string[], joiner: string): string {
	const all = names.map(code);
	return all.length < 2
		? all.join('')
		: `${all.slice(0, -1).join(', ')} ${joiner} ${all[all.length - 1]}`;
}

/** Every input field name of the items, in the order first seen. */
export function inputFieldNames(items: readonly IDataObject[]): string[] {
	const names = new Set<string>();
	for (const item of items) for (const name of Object.keys(item)) names.add(name);
	return [...names];
}

/**
 * Refuses an automatic mapping in which no item has a field for a required column: a naming mistake
 * in the setup, not in every deal. Names the input fields that almost match. A column that only some
 * items lack is left to the per-item checks.
 */
export function checkAutoMapped(node: INode, columns: readonly Column[], fields: string[]): void {
	const required = columns.filter((column) => column.required).map((column) => column.name);
	const missing = required.filter((name) => !fields.includes(name));
	// Items without any field are empty deals, not a naming mistake: the per-item checks say so.
	if (fields.length === 0 || missing.length === 0) return;
	const misses = nearMisses(fields, missing);
	const found = misses.length ? `; ${didYouMean(misses)}` : '';
	throw setupError(
		node,
		`Columns → Map Automatically: no input field is named ${listOf(missing, 'or')}${found}`,
		`Map Automatically sends each input field whose name equals a column name, letter for letter. Eloqua needs ${listOf(required, 'and')} in every row. Rename the input fields (for example with an Edit Fields node before this one), or choose Map Each Column Manually.`,
	);
}

/** The run's one hint about input fields that match no column (and are not sent), if there are any. */
export function unmatchedFieldsHint(
	columns: readonly Column[],
	fields: readonly string[],
): NodeExecutionHint | undefined {
	const names = new Set(columns.map((column) => column.name));
	const unmatched = fields.filter((field) => !names.has(field));
	if (unmatched.length === 0) return undefined;
	const suggestions = new Map(
		nearMisses(unmatched, [...names]).map(({ field, column }) => [field, column]),
	);
	const listed = unmatched
		.slice(0, LISTED_FIELDS)
		.map((field) =>
			suggestions.has(field)
				? `${code(field)} (did you mean ${code(suggestions.get(field)!)}?)`
				: code(field),
		);
	const more = unmatched.length - listed.length;
	const what =
		unmatched.length === 1
			? 'an input field that matches'
			: `${unmatched.length} input fields that match`;
	return {
		message: `Map Automatically did not send ${what} no column: ${listed.join(', ')}${more ? ` and ${more} more` : ''}.`,
		type: suggestions.size ? 'warning' : 'info',
		location: 'outputPane',
	};
}
