import type { IDataObject, INode, Logger } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, type ItemResult } from '../../shared/items/results';
import { throwIfCancelled } from '../../shared/transport/cancellation';
import { errorFields } from '../../shared/transport/explain';
import type { EloquaClient } from '../transport/client';
import { checkItems, type CheckedItems } from './checks';
import { runImport, type ImportJob } from './job';
import { LINK_OPPORTUNITY_COLUMN, linkColumns, linkKey, type LinkSettings } from './linkage';
import { outcomeFields, type RowOutcome } from './outcomes';
import type { RowRules } from './rows';

/** How link rows are checked: both values present (text); throws for a field name Eloqua cannot take. */
export function linkRules(node: INode, zone: string, settings: LinkSettings): RowRules {
	return { columns: linkColumns(node, settings), zone, dateHandling: 'asGiven' };
}

/** Checks the link rows (one per item): both values present and the pair not repeated in the run. */
export function checkLinkRows(
	rules: RowRules,
	settings: LinkSettings,
	itemIndexes: number[],
	valuesOf: (itemIndex: number) => IDataObject,
	fields: IDataObject,
): CheckedItems {
	return checkItems(itemIndexes, valuesOf, {
		rules,
		identifierColumn: LINK_OPPORTUNITY_COLUMN,
		key: linkKey(settings),
		repeatRule: 'a link is sent once per run',
		fields,
	});
}

/** What linking right after an import needs from the action. */
export interface LinkAfterImport {
	client: EloquaClient;
	settings: LinkSettings;
	/** The value an item links to (its Value to Match). */
	valueOf: (itemIndex: number) => IDataObject[string];
	/** The linkage job; built inside the linking, so that a bad link field fails the links only. */
	job: () => ImportJob;
	logger: Logger;
}

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
	results: ItemResult[],
	link: LinkAfterImport,
): Promise<ItemResult[]> {
	const { settings } = link;
	const imported = new Set(results.filter((r) => r.ok && r.fields.status === 'imported'));
	const values = new Map([...imported].map((r) => [r.itemIndex, link.valueOf(r.itemIndex)]));
	const opportunityIds = new Map([...imported].map((r) => [r.itemIndex, r.fields.opportunityId]));
	const linkBase = (itemIndex: number): IDataObject => ({
		linkType: settings.entity,
		linkedTo: (values.get(itemIndex) as string) ?? null,
	});
	const withLink = (result: ItemResult, fields: IDataObject): ItemResult => ({
		...result,
		fields: { ...result.fields, link: fields },
	});
	let checked: CheckedItems;
	let linked: { definitionUri: string | null; outcomes: RowOutcome[] };
	try {
		const job = link.job();
		checked = checkLinkRows(
			job.rules,
			settings,
			[...imported].filter((r) => !isEmpty(values.get(r.itemIndex))).map((r) => r.itemIndex),
			(i) => ({
				[LINK_OPPORTUNITY_COLUMN]: opportunityIds.get(i),
				[settings.field]: values.get(i),
			}),
			{},
		);
		linked = checked.valid.length
			? await runImport(job, checked.valid, link.logger)
			: { definitionUri: null, outcomes: [] };
	} catch (error) {
		// The opportunities are imported whatever happened to the linking: each item keeps saying so.
		throwIfCancelled(link.client.signal, link.client.nodeForErrors());
		const problem = errorFields(error);
		return results.map((result) => {
			if (!imported.has(result)) return result;
			const { itemIndex } = result;
			if (isEmpty(values.get(itemIndex)))
				return withLink(result, { status: 'skipped', ...linkBase(itemIndex) });
			const failure = {
				status: 'failed',
				...linkBase(itemIndex),
				httpStatus: problem.httpStatus ?? null,
			};
			return linkFailure(result, failure, problem.message, problem.description);
		});
	}
	const outcomes = new Map(linked.outcomes.map((o) => [o.itemIndex, o]));
	const refused = new Map(checked.invalid.map((r) => [r.itemIndex, r]));

	return results.map((result) => {
		if (!imported.has(result)) return result;
		const { itemIndex } = result;
		if (isEmpty(values.get(itemIndex)))
			return withLink(result, { status: 'skipped', ...linkBase(itemIndex) });
		const invalidLink = refused.get(itemIndex);
		if (invalidLink) {
			// The check's message names the item; after "imported, but not linked" only its reason is kept.
			const label = itemLabel(itemIndex, LINK_OPPORTUNITY_COLUMN, opportunityIds.get(itemIndex));
			return linkFailure(
				result,
				{ status: 'invalid', ...linkBase(itemIndex) },
				String(invalidLink.error).slice(label.length + 2),
				invalidLink.description,
			);
		}
		const outcome = outcomes.get(itemIndex)!;
		const fields = outcomeFields(outcome, 'linked', (link) => {
			Object.assign(link, linkBase(itemIndex));
			link.importDefinitionUri = linked.definitionUri;
		});
		// The item's own result carries the deal's key; its link needs no second one.
		delete fields.dealKey;
		if (!outcome.problem) return withLink(result, fields);
		return linkFailure(result, fields, outcome.problem.message, outcome.problem.description);
	});
}
