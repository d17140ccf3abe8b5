import { DateTime } from 'luxon';

import { opportunityParser } from '../../../../nodes/RulerOpportunityUpload/helpers/schema';
import { RULE_MESSAGES } from '../../../../nodes/shared/values/rules';

const rules = {
	zone: 'UTC',
	now: DateTime.fromISO('2024-06-01T12:00:00Z', { zone: 'utc' }),
	dateFormat: 'date' as const,
	roundValue: false,
	stripCookiePrefix: true,
	allowedStages: [],
};

const values = (overrides: Record<string, unknown> = {}) => ({
	siteId: '1234',
	opportunityValue: 1000,
	opportunityDateTime: '2024-05-01',
	pipelineStage: 'Closed Won',
	currencyCode: 'gbp',
	reference: 'D-1',
	visitorIdentifiers: [{ key: 'EmailAddress', value: 'ada@example.com' }],
	labels: [],
	additionalDataProperties: [],
	...overrides,
});

describe('reading one opportunity', () => {
	const parse = opportunityParser(rules);

	it('reads numeric text as a number, and takes no exponent, infinity or yes/no', () => {
		const valueOf = (opportunityValue: unknown) => {
			const parsed = parse(values({ opportunityValue }));
			return parsed.ok ? parsed.opportunity.value : parsed.problems.map((p) => p.message);
		};
		expect(valueOf(' -.5 ')).toBe(-0.5);
		expect(valueOf('1000.')).toBe(1000);
		expect(valueOf('1e3')).toEqual([`Opportunity Value ${RULE_MESSAGES.number('1e3')}`]);
		expect(valueOf(Infinity)).toEqual([`Opportunity Value ${RULE_MESSAGES.number(Infinity)}`]);
		expect(valueOf(true)).toEqual([`Opportunity Value ${RULE_MESSAGES.number(true)}`]);
		expect(valueOf(null)).toEqual([`Opportunity Value ${RULE_MESSAGES.required}`]);
	});

	it('rounds the value only when asked', () => {
		const rounded = opportunityParser({ ...rules, roundValue: true })(
			values({ opportunityValue: '99.5' }),
		);
		expect(rounded).toEqual(expect.objectContaining({ ok: true }));
		expect(rounded.ok && rounded.opportunity.value).toBe(100);
	});

	it('checks the stage against the allowed stages only when there are some, in exact case', () => {
		const stageOf = (allowedStages: string[], pipelineStage: string) => {
			const parsed = opportunityParser({ ...rules, allowedStages })(values({ pipelineStage }));
			return parsed.ok ? parsed.opportunity.stage : parsed.problems;
		};
		expect(stageOf([], 'anything')).toBe('anything');
		expect(stageOf(['Lead', 'Closed Won'], ' Closed Won ')).toBe('Closed Won');
		expect(stageOf(['Lead', 'Closed Won'], 'closed won')).toEqual([
			{
				field: 'pipelineStage',
				message: `Pipeline Stage ${RULE_MESSAGES.oneOf(['Lead', 'Closed Won'], 'closed won')}`,
			},
		]);
	});

	it('names every problem of the item by its parameter, in the order of the parameters', () => {
		const parsed = parse(
			values({ opportunityDateTime: 'soon', currencyCode: 'pounds', reference: ' ' }),
		);
		expect(parsed).toEqual({
			ok: false,
			problems: [
				{ field: 'opportunityDateTime', message: `Opportunity Date ${RULE_MESSAGES.date('soon')}` },
				{ field: 'currencyCode', message: `Currency Code ${RULE_MESSAGES.currency('pounds')}` },
				{ field: 'reference', message: `Reference ${RULE_MESSAGES.required}` },
			],
		});
	});
});
