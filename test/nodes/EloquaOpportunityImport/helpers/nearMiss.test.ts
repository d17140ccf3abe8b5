import { didYouMean, nearMisses } from '../../../../nodes/EloquaOpportunityImport/helpers/nearMiss';

describe('near misses between input fields and column names', () => {
	it('ignores case, spaces, underscores and hyphens, and leaves exact and unrelated names out', () => {
		const misses = nearMisses(
			['Opportunity ID', 'opportunity_name', 'close-date', 'STAGE', 'Amount', 'Amount2', 'notes'],
			['OpportunityID', 'OpportunityName', 'CloseDate', 'Stage', 'Amount'],
		);
		expect(misses).toEqual([
			{ field: 'Opportunity ID', column: 'OpportunityID' },
			{ field: 'opportunity_name', column: 'OpportunityName' },
			{ field: 'close-date', column: 'CloseDate' },
			{ field: 'STAGE', column: 'Stage' },
		]);
		expect(didYouMean(misses.slice(0, 2))).toBe(
			'found `Opportunity ID` — did you mean `OpportunityID`? found `opportunity_name` — did you mean `OpportunityName`?',
		);
	});
});
