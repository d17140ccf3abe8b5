import { searchImportDefinitions } from '../../../../nodes/EloquaOpportunityImport/methods/listSearch';
import {
	getAccountFields,
	getContactFields,
	getOpportunityStatements,
} from '../../../../nodes/EloquaOpportunityImport/methods/loadOptions';
import { getOpportunityColumns } from '../../../../nodes/EloquaOpportunityImport/methods/resourceMapping';
import { eloquaEditor, useEloquaSandbox } from '../../../harness/eloqua';

describe('what the editor loads from the instance', () => {
	const env = useEloquaSandbox();

	it('offers the standard columns (required ones marked, with those the instance keeps non-empty) and the custom fields for a new definition', async () => {
		const { fields } = await getOpportunityColumns.call(
			eloquaEditor(env.sandbox, { definitionMode: 'create' }),
		);
		expect(fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['OpportunityID', 'Opportunity ID (OpportunityID)', true],
			['OpportunityName', 'Opportunity Name (OpportunityName)', true],
			['AccountName', 'Account Name (AccountName)', false],
			['CreatedDate', 'Created Date (CreatedDate, date)', true],
			['Amount', 'Amount (number)', true],
			['CloseDate', 'Close Date (CloseDate, date)', false],
			['Currency', 'Currency (3-letter code)', false],
			['ForecastToCloseDate', 'Forecast to Close Date (ForecastToCloseDate, date)', false],
			['Stage', 'Stage', true],
			['Territory', 'Territory', false],
			['Owner', 'Owner', false],
			['PrimaryCampaignId', 'Primary Campaign ID (PrimaryCampaignId)', false],
			['Region1', 'Region (Region1)', false],
			['DealScore1', 'Deal Score (DealScore1, number)', false],
			['RenewalDate1', 'Renewal Date (RenewalDate1, date)', false],
		]);
	});

	it("offers an existing definition's own columns", async () => {
		const { sandbox } = env;
		sandbox.addDefinition(
			{
				name: 'CRM sync',
				fields: {
					Id: '{{Opportunity.Id}}',
					Name: '{{Opportunity.Field(Name)}}',
					Value: '{{Opportunity.Field(Amount)}}',
					Phase: '{{Opportunity.Field(Stage)}}',
					Score: '{{Opportunity.Field(DealScore1)}}',
				},
			},
			31,
		);
		const { fields } = await getOpportunityColumns.call(
			eloquaEditor(sandbox, {
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'list', value: '31' },
			}),
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
			sandbox.addDefinition(
				{ name: i % 2 ? `Nightly ${i}` : `Ad hoc ${i}`, fields: { Id: '{{Opportunity.Id}}' } },
				100 + i,
			);
		}
		const editor = eloquaEditor(sandbox, { definitionMode: 'existing' });
		const first = await searchImportDefinitions.call(editor, 'nightly');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: 'Nightly 1 (/opportunities/imports/101)',
			value: '101',
		});
		expect(first.paginationToken).toBe('100');
		const second = await searchImportDefinitions.call(
			editor,
			'nightly',
			first.paginationToken as string,
		);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
	});

	it('lists linkage definitions for the linkage resources', async () => {
		const { sandbox } = env;
		sandbox.addDefinition({ name: 'Opportunities', fields: { Id: '{{Opportunity.Id}}' } }, 1);
		sandbox.addDefinition(
			{ name: 'Links', fields: { Id: '{{Opportunity.Id}}' } },
			2,
			'/opportunities/contacts/imports',
		);
		const result = await searchImportDefinitions.call(
			eloquaEditor(sandbox, {
				resource: 'importDefinition',
				operation: 'get',
				definitionType: 'contactLink',
			}),
		);
		expect(result.results).toEqual([
			{ name: 'Links (/opportunities/contacts/imports/2)', value: '2' },
		]);
	});

	it('offers contact and account fields to link on, and opportunity fields for definitions made by hand', async () => {
		const { sandbox } = env;
		expect(await getContactFields.call(eloquaEditor(sandbox, {}))).toEqual([
			{
				name: 'Email Address',
				value: 'C_EmailAddress',
				description: '{{Contact.Field(C_EmailAddress)}}',
			},
			{ name: 'First Name', value: 'C_FirstName', description: '{{Contact.Field(C_FirstName)}}' },
			{ name: 'Last Name', value: 'C_LastName', description: '{{Contact.Field(C_LastName)}}' },
		]);
		expect((await getAccountFields.call(eloquaEditor(sandbox, {}))).map((o) => o.value)).toEqual([
			'M_CompanyName',
			'M_Country',
		]);
		const statements = await getOpportunityStatements.call(eloquaEditor(sandbox, {}));
		expect(statements[0]).toEqual({
			name: 'Opportunity ID',
			value: '{{Opportunity.Id}}',
			description: '{{Opportunity.Id}}',
		});
		expect(statements.map((o) => o.value)).toContain('{{Opportunity.Field(Region1)}}');
	});
});
