import { type ItemResult } from '../../shared/items/results';
import { FirstUse, RULE_MESSAGES, type FieldProblem } from '../../shared/values/rules';
import { preview } from '../../shared/values/text';
import { invalidResult } from './results';
import type { OpportunityRules } from './fields';
import { opportunityParser, type Opportunity } from './schema';

/** An item whose values passed every check: ready to send. */
export interface ReadyItem {
	itemIndex: number;
	opportunity: Opportunity;
}

/** An item ready to send, or its "invalid" result. */
export type CheckedItem = ReadyItem | ItemResult;

export const isReady = (item: CheckedItem): item is ReadyItem => 'opportunity' in item;

/** One item's parameter values as read, and the problems met reading them (a failed expression). */
export interface ItemValues {
	values: Record<string, unknown>;
	problems: FieldProblem[];
}

/**
 * Checks the items of one run: each item's values against the rules, then its reference's
 * uniqueness per site within the run. A repeat is reported against the earlier item, never merged.
 * Items must be checked in input order for "earlier" to hold.
 */
export class ItemChecker {
	private readonly parse: ReturnType<typeof opportunityParser>;

	private readonly references = new FirstUse();

	constructor(rules: OpportunityRules) {
		this.parse = opportunityParser(rules);
	}

	check(itemIndex: number, { values, problems }: ItemValues): CheckedItem {
		if (problems.length) return invalidResult(itemIndex, values.reference, problems);
		const parsed = this.parse(values);
		if (!parsed.ok) return invalidResult(itemIndex, values.reference, parsed.problems);
		const { siteId, reference } = parsed.opportunity;
		const earlier = this.references.claim(JSON.stringify([siteId, reference]), itemIndex);
		if (earlier === undefined) return { itemIndex, opportunity: parsed.opportunity };
		return invalidResult(itemIndex, values.reference, [
			{
				field: 'reference',
				message: RULE_MESSAGES.repeated(
					`Reference ${preview(reference)}`,
					earlier,
					'an opportunity is sent once per run',
				),
			},
		]);
	}
}
