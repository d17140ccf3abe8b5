import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { failed, type ItemResult } from '../shared/items/results';
import { preview } from '../shared/values/text';
import {
	fieldLabel,
	itemChecker,
	type FieldProblem,
	type ItemRules,
	type Opportunity,
} from './schema';

export interface CheckedItem {
	itemIndex: number;
	opportunity: Opportunity;
}

/** Each value the schema checks, and where the node keeps it. */
const PARAMETERS: Array<[field: string, path: string, fallback: unknown]> = [
	['siteId', 'siteId', ''],
	['opportunityValue', 'opportunityValue', undefined],
	['opportunityDateTime', 'opportunityDateTime', ''],
	['pipelineStage', 'pipelineStage', ''],
	['currencyCode', 'currencyCode', ''],
	['reference', 'reference', ''],
	['visitorIdentifiers', 'visitorIdentifiers.identifier', []],
	['labels', 'labels', []],
	['additionalDataProperties', 'additionalDataProperties.property', []],
];

/** "Item 3" or "Item 3 (reference "D-1")": how every message names an item. */
export function itemLabel(itemIndex: number, reference?: unknown): string {
	const hasReference =
		reference !== undefined && reference !== null && String(reference).trim() !== '';
	return `Item ${itemIndex}${hasReference ? ` (reference ${preview(reference)})` : ''}`;
}

/** Resolves the item's parameters; an expression that fails is a problem of that item only. */
function readValues(context: IExecuteFunctions, itemIndex: number) {
	const values: Record<string, unknown> = {};
	const problems: FieldProblem[] = [];
	for (const [field, path, fallback] of PARAMETERS) {
		try {
			values[field] = context.getNodeParameter(path, itemIndex, fallback);
		} catch (error) {
			problems.push({
				field,
				message: `${fieldLabel(field)} could not be read: ${(error as Error).message}`,
			});
		}
	}
	return { values, problems };
}

/** An item ready to send, or its "invalid" result. */
export type ItemCheck = CheckedItem | ItemResult;

export const isInvalid = (check: ItemCheck): check is ItemResult => 'ok' in check;

function invalidItem(itemIndex: number, reference: unknown, found: FieldProblem[]): ItemResult {
	const fields: IDataObject = {
		status: 'invalid',
		reference: (reference as IDataObject[string]) ?? null,
		field: found[0].field,
		attempts: 0,
	};
	const message = `${itemLabel(itemIndex, reference)}: ${found.map((p) => p.message).join('; ')}`;
	return failed(
		itemIndex,
		fields,
		message,
		'Fix the value in the source data or in the node, and run again.',
	);
}

/**
 * Checks one item at a time, each value against its rule, then the reference's uniqueness per site
 * within the run: a repeat is reported against the earlier item, never merged. Items must be checked
 * in input order for "earlier" to hold.
 */
export function itemsChecker(
	context: IExecuteFunctions,
	rules: ItemRules,
): (itemIndex: number) => ItemCheck {
	const check = itemChecker(rules);
	const firstSeen = new Map<string, number>();
	return (itemIndex) => {
		const { values, problems } = readValues(context, itemIndex);
		if (problems.length) return invalidItem(itemIndex, values.reference, problems);
		const result = check(values);
		if (!result.ok) return invalidItem(itemIndex, values.reference, result.problems);
		const { siteId, reference } = result.opportunity;
		const key = JSON.stringify([siteId, reference]);
		const earlier = firstSeen.get(key);
		if (earlier !== undefined) {
			return invalidItem(itemIndex, values.reference, [
				{
					field: 'reference',
					message: `Reference ${preview(reference)} was already used by item ${earlier}; an opportunity is sent once per run, so this item was not sent`,
				},
			]);
		}
		firstSeen.set(key, itemIndex);
		return { itemIndex, opportunity: result.opportunity };
	};
}
