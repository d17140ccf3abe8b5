import type { Opportunity } from './schema';

/** The documented upload body, keys in the documentation's order. */
export interface OpportunityBody {
	OpportunityValue: number;
	OpportunityDateTime: string;
	PipelineStage: string;
	VisitorIdentifierOptions: Array<{ Key: string; Value: string }>;
	CurrencyCode: string;
	Labels?: string[];
	Reference: string;
	AdditionalDataProperties?: Array<{ Name: string; Value: string }>;
}

/** Builds the body of one upload. The optional lists are left out when empty. */
export function opportunityBody(opportunity: Opportunity): OpportunityBody {
	const { labels, properties } = opportunity;
	return {
		OpportunityValue: opportunity.value,
		OpportunityDateTime: opportunity.dateTime,
		PipelineStage: opportunity.stage,
		VisitorIdentifierOptions: opportunity.identifiers.map(({ key, value }) => ({
			Key: key,
			Value: value,
		})),
		CurrencyCode: opportunity.currency,
		...(labels.length ? { Labels: labels } : {}),
		Reference: opportunity.reference,
		...(properties.length
			? {
					AdditionalDataProperties: properties.map(({ name, value }) => ({
						Name: name,
						Value: value,
					})),
				}
			: {}),
	};
}
