import { z } from 'zod';

import type { FieldProblem } from '../../shared/values/rules';
import type { IdentifierKey } from './constants';
import {
	additionalDataProperties,
	currency,
	labels,
	opportunityDate,
	opportunityValue,
	pipelineStage,
	requiredText,
	siteId,
	visitorIdentifiers,
	type OpportunityRules,
} from './fields';

/** One item's opportunity, checked and normalised, ready to become the request body. */
export interface Opportunity {
	siteId: string;
	/** The value as sent; `valueGiven` is the value as read from the item. */
	value: number;
	valueGiven: number;
	dateTime: string;
	stage: string;
	currency: string;
	reference: string;
	identifiers: Array<{ key: IdentifierKey; value: string }>;
	labels: string[];
	properties: Array<{ name: string; value: string }>;
}

/** One item's values read against the rules: the opportunity, or every problem found. */
export type ParsedValues =
	| { ok: true; opportunity: Opportunity }
	| { ok: false; problems: FieldProblem[] };

/** What the messages call each parameter, and one entry of each list parameter. */
const FIELD_LABELS: Record<string, string> = {
	siteId: 'Site ID',
	opportunityValue: 'Opportunity Value',
	opportunityDateTime: 'Opportunity Date',
	pipelineStage: 'Pipeline Stage',
	currencyCode: 'Currency Code',
	reference: 'Reference',
	visitorIdentifiers: 'Visitor Identifiers',
	labels: 'Labels',
	additionalDataProperties: 'Additional Data Properties',
};
const ENTRY_LABELS: Record<string, string> = {
	visitorIdentifiers: 'Visitor Identifier',
	labels: 'Label',
	additionalDataProperties: 'Additional Data Property',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** The zod schema of one item's parameter values, compiled once per run. */
function opportunitySchema(rules: OpportunityRules) {
	return z
		.object({
			siteId,
			opportunityValue: opportunityValue(rules),
			opportunityDateTime: opportunityDate(rules),
			pipelineStage: pipelineStage(rules),
			currencyCode: currency,
			reference: requiredText,
			visitorIdentifiers: visitorIdentifiers(rules),
			labels,
			additionalDataProperties,
		})
		.transform(
			(v): Opportunity => ({
				siteId: v.siteId,
				value: v.opportunityValue.sent,
				valueGiven: v.opportunityValue.given,
				dateTime: v.opportunityDateTime,
				stage: v.pipelineStage,
				currency: v.currencyCode,
				reference: v.reference,
				identifiers: v.visitorIdentifiers,
				labels: v.labels,
				properties: v.additionalDataProperties,
			}),
		);
}

/** "Opportunity Value", or "Visitor Identifier 2 key" for a part of a list entry. */
function labelOf(path: Array<string | number>): string {
	const [field, index, part] = path;
	if (typeof index !== 'number') return fieldLabel(String(field));
	return [ENTRY_LABELS[String(field)], index + 1, part].filter((p) => p !== undefined).join(' ');
}

/** Reads one item's values against the rules; every problem is named by its parameter. */
export function opportunityParser(
	rules: OpportunityRules,
): (values: Record<string, unknown>) => ParsedValues {
	const schema = opportunitySchema(rules);
	return (values) => {
		const parsed = schema.safeParse(values);
		if (parsed.success) return { ok: true, opportunity: parsed.data };
		return {
			ok: false,
			problems: parsed.error.issues.map((issue) => ({
				field: String(issue.path[0]),
				message: `${labelOf(issue.path)} ${issue.message}`,
			})),
		};
	};
}
