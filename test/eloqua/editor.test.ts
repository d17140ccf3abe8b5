import { searchImportDefinitions } from '../../nodes/EloquaOpportunityImport/methods/listSearch';
import { getOpportunityColumns } from '../../nodes/EloquaOpportunityImport/methods/resourceMapping';
import { eloquaEditor, useEloquaSandbox } from '../harness/eloqua';

describe('what the editor loads from the instance', () => {
	const env = useEloquaSandbox();

	it('offers the standard columns (required ones marked) and the custom fields for a new definition', async () => {
		const { fields } = await getOpportunityColumns.call(eloquaEditor(env.sandbox, { definitionMode: 'create' }));
		expect(fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['OpportunityID', 'Opportunity ID', true],
			['OpportunityName', 'Opportunity Name', true],
			['AccountName', 'Account Name', false],
			['CreatedDate', 'Created Date (date)', false],
			['Amount', 'Amount (number)', true],
			['CloseDate', 'Close Date (date)', false],
			['Currency', 'Currency (3-letter code)', false],
			['ForecastToCloseDate', 'Forecast to Close Date (date)', false],
			['Stage', 'Stage', true],
			['Territory', 'Territory', false],
			['Owner', 'Owner', false],
			['PrimaryCampaignId', 'Primary Campaign ID', false],
			['Region1', 'Region', false],
			['DealScore1', 'Deal Score (number)', false],
			['RenewalDate1', 'Renewal Date (date)', false],
		]);
	});

	it("offers an existing definition's own columns", async () => {
		const { sandbox } = env;
		sandbox.addDefinition({ name: 'CRM sync', fields: { Id: '{{Opportunity.Id}}', Name: '{{Opportunity.Field(Name)}}', Value: '{{Opportunity.Field(Amount)}}', Phase: '{{Opportunity.Field(Stage)}}', Score: '{{Opportunity.Field(DealScore1)}}' } }, 31);
		const { fields } = await getOpportunityColumns.call(
			eloquaEditor(sandbox, { definitionMode: 'existing', importDefinitionId: { __rl: true, mode: 'list', value: '31' } }),
		);
		expect(fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['Id', 'Id', true],
			['Name', 'Name', true],
			['Value', 'Value (number)', true],
			['Phase', 'Phase', true],
			['Score', 'Score (number)', false],
		]);
	});

	it('lists definitions by name, filtered and paged', async () => {
		const { sandbox } = env;
		for (let i = 1; i <= 120; i++) {
			sandbox.addDefinition({ name: i % 2 ? `Nightly ${i}` : `Ad hoc ${i}`, fields: { Id: '{{Opportunity.Id}}' } }, 100 + i);
		}
		const editor = eloquaEditor(sandbox, { definitionMode: 'existing' });
		const first = await searchImportDefinitions.call(editor, 'nightly');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Nightly 1 (/opportunities/imports/101)', value: '101' });
		expect(first.paginationToken).toBe('100');
		const second = await searchImportDefinitions.call(editor, 'nightly', first.paginationToken as string);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
	});
});
