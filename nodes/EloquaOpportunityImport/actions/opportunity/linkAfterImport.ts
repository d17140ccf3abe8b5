import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asNodeError, failed, type ItemResult } from '../../../shared/items/results';
import { itemLabel, type CheckedItems } from '../../import/items';
import { problemOf, type RowOutcome } from '../../import/lifecycle';
import { LINK_OPPORTUNITY_COLUMN } from '../../import/linkage';
import { outcomeFields } from '../../import/results';
import type { LifecycleSettings } from '../../import/run';
import type { EloquaClient } from '../../transport/client';
import { readLinkSettings } from '../common/link.properties';
import { checkLinkRows, linkRows } from '../opportunityContactLink/import.operation';

const isEmpty = (value: unknown) =>
	value === undefined || value === null || String(value).trim() === '';

/** The imported item's result, now failed because its link failed: the import itself is kept in `status`. */
function linkFailure(
	result: ItemResult,
	link: IDataObject,
	problem: string,
	description?: string,
): ItemResult {
	const label = itemLabel(result.itemIndex, LINK_OPPORTUNITY_COLUMN, result.fields.opportunityId);
	return failed(
		result.itemIndex,
		{ ...result.fields, link },
		`${label}: imported, but not linked: ${problem}`,
		description,
	);
}

/**
 * Links the opportunities just imported to their contact or account, in one linkage import, and folds
 * each link's outcome into its item's result under `link`. Items with no value to match are left
 * unlinked (`link.status: "skipped"`); a link that fails makes the item a failure that still says
 * the opportunity was imported.
 */
export async function linkImported(
	context: IExecuteFunctions,
	client: EloquaClient,
	lifecycle: LifecycleSettings,
	results: ItemResult[],
): Promise<ItemResult[]> {
	const settings = readLinkSettings(context);
	const imported = results.filter((r) => r.ok && r.fields.status === 'imported');
	const values = new Map(
		imported.map((r) => [r.itemIndex, context.getNodeParameter('linkValue', r.itemIndex, '')]),
	);
	const opportunityIds = new Map(imported.map((r) => [r.itemIndex, r.fields.opportunityId]));
	const linkBase = (itemIndex: number): IDataObject => ({
		linkType: settings.entity,
		linkedTo: (values.get(itemIndex) as string) ?? null,
	});
	const skipped = (result: ItemResult): ItemResult => ({
		...result,
		fields: { ...result.fields, link: { status: 'skipped', ...linkBase(result.itemIndex) } },
	});
	let checked: CheckedItems;
	let linked: { definitionUri: string | null; outcomes: RowOutcome[] };
	try {
		checked = checkLinkRows(
			context,
			settings,
			imported.filter((r) => !isEmpty(values.get(r.itemIndex))).map((r) => r.itemIndex),
			(i) => ({
				[LINK_OPPORTUNITY_COLUMN]: opportunityIds.get(i),
				[settings.field]: values.get(i),
			}),
			{},
		);
		linked = checked.valid.length
			? await linkRows(context, client, settings, lifecycle, checked.valid)
			: { definitionUri: null, outcomes: [] };
	} catch (error) {
		// The opportunities are imported whatever happened to the linking: each item keeps saying so.
		if (client.signal?.aborted) throw asNodeError(context, error);
		const problem = problemOf(error);
		const link = (itemIndex: number): IDataObject => ({
			status: 'failed',
			...linkBase(itemIndex),
			httpStatus: problem.httpStatus ?? null,
		});
		return results.map((result) => {
			if (!imported.includes(result)) return result;
			if (isEmpty(values.get(result.itemIndex))) return skipped(result);
			return linkFailure(result, link(result.itemIndex), problem.message, problem.description);
		});
	}
	const outcomes = new Map(linked.outcomes.map((o) => [o.itemIndex, o]));
	const refused = new Map(checked.invalid.map((r) => [r.itemIndex, r]));

	return results.map((result) => {
		if (!imported.includes(result)) return result;
		const { itemIndex } = result;
		if (isEmpty(values.get(itemIndex))) return skipped(result);
		const invalidLink = refused.get(itemIndex);
		if (invalidLink) {
			const label = itemLabel(itemIndex, LINK_OPPORTUNITY_COLUMN, opportunityIds.get(itemIndex));
			return linkFailure(
				result,
				{ status: 'invalid', ...linkBase(itemIndex) },
				String(invalidLink.error).slice(label.length + 2),
				invalidLink.description,
			);
		}
		const outcome = outcomes.get(itemIndex)!;
		const link = {
			...outcomeFields(outcome, 'linked'),
			...linkBase(itemIndex),
			importDefinitionUri: linked.definitionUri,
		};
		if (!outcome.problem) return { ...result, fields: { ...result.fields, link } };
		return linkFailure(result, link, outcome.problem.message, outcome.problem.description);
	});
}
