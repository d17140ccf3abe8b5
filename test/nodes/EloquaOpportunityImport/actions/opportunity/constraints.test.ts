import { getOpportunityStatements } from '../../../../../nodes/EloquaOpportunityImport/methods/loadOptions';
import { getOpportunityColumns } from '../../../../../nodes/EloquaOpportunityImport/methods/resourceMapping';
import {
	eloquaEditor,
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../../harness/eloqua';

const definitionPosts = (sandbox: EloquaSandbox) =>
	sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST');

// Endpoints: "GET /opportunities/fields: … hasNotNullConstraint, hasReadOnlyConstraint"; "The 18B
// field list shows Id, Name, CreatedDate and Stage with hasNotNullConstraint: true."
describe('fields the instance requires or forbids', () => {
	const env = useEloquaSandbox({ readOnlyFields: ['Territory', 'DealScore1'] });

	it('offers no read-only field and marks not-null fields required, for a new definition', async () => {
		const editor = eloquaEditor(env.sandbox, { definitionMode: 'create' });
		const { fields } = await getOpportunityColumns.call(editor);
		expect(fields.map((f) => [f.id, f.required])).toEqual([
			['OpportunityID', true],
			['OpportunityName', true],
			['AccountName', false],
			['CreatedDate', true],
			['Amount', true],
			['CloseDate', false],
			['Currency', false],
			['ForecastToCloseDate', false],
			['Stage', true],
			['Owner', false],
			['PrimaryCampaignId', false],
			['Region1', false],
			['RenewalDate1', false],
		]);
		const statements = (await getOpportunityStatements.call(editor)).map((o) => o.value);
		expect(statements).not.toContain('{{Opportunity.Field(Territory)}}');
		expect(statements).not.toContain('{{Opportunity.Field(DealScore1)}}');
		expect(statements).toContain('{{Opportunity.Field(Region1)}}');
	});

	const addDefinitionWithTerritory = (sandbox: EloquaSandbox) =>
		sandbox.addDefinition(
			{
				name: 'CRM',
				fields: {
					Id: '{{Opportunity.Id}}',
					Name: '{{Opportunity.Field(Name)}}',
					Value: '{{Opportunity.Field(Amount)}}',
					Phase: '{{Opportunity.Field(Stage)}}',
					Created: '{{Opportunity.CreatedAt}}',
					Terr: '{{Opportunity.Field(Territory)}}',
				},
				isSyncTriggeredOnImport: false,
			},
			5,
		);

	it("offers an existing definition's columns the same way", async () => {
		const { sandbox } = env;
		addDefinitionWithTerritory(sandbox);
		const { fields } = await getOpportunityColumns.call(
			eloquaEditor(sandbox, {
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'id', value: '5' },
			}),
		);
		expect(fields.map((f) => [f.id, f.required])).toEqual([
			['Id', true],
			['Name', true],
			['Value', true],
			['Phase', true],
			['Created', true],
		]);
	});

	it('refuses a mapping with a read-only field before creating anything', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(
			sandbox,
			importParameters({
				columns: {
					mappingMode: 'defineBelow',
					value: {
						OpportunityID: '={{ $json.OpportunityID }}',
						OpportunityName: '={{ $json.OpportunityName }}',
						Amount: '={{ $json.Amount }}',
						Stage: '={{ $json.Stage }}',
						Territory: '={{ $json.Territory }}',
						DealScore1: '1',
					},
				},
			}),
			[opportunity(1, { Territory: 'West' })],
		);
		expect(error?.message).toBe(
			'The node is not set up: Columns: read-only columns are mapped: Territory, Deal Score (DealScore1)',
		);
		expect((error as { description?: string }).description).toBe(
			'Eloqua marks these fields read-only (hasReadOnlyConstraint): imports cannot write them. Remove them from Columns.',
		);
		expect(definitionPosts(sandbox)).toHaveLength(0);
	});

	it('leaves read-only fields out when mapping automatically', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters(), [
			opportunity(1, { Territory: 'West', Region1: 'EMEA' }),
		]);
		expect(Object.keys(JSON.parse(definitionPosts(sandbox)[0].body!).fields)).toEqual([
			'OpportunityID',
			'OpportunityName',
			'AccountName',
			'Amount',
			'Currency',
			'Stage',
			'Region1',
		]);
		expect(JSON.parse(sandbox.requestsTo(/\/data$/, 'POST')[0].body!)).toEqual([
			{
				OpportunityID: '1',
				OpportunityName: 'Deal 1',
				AccountName: 'ABC',
				Amount: '1000',
				Currency: 'USD',
				Stage: 'Prospecting',
				Region1: 'EMEA',
			},
		]);
		expect(main.map((item) => [item.json.status, item.json.opportunityId])).toEqual([
			['imported', '1'],
		]);
	});

	it('refuses an existing definition with a read-only column before uploading', async () => {
		const { sandbox } = env;
		addDefinitionWithTerritory(sandbox);
		const { error } = await runEloqua(
			sandbox,
			importParameters({
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'id', value: '5' },
			}),
			[{ Id: '1', Name: 'Deal', Value: 1, Phase: 'Prospecting' }],
		);
		expect(error?.message).toBe(
			'The node is not set up: Definition /opportunities/imports/5 has read-only columns: Terr',
		);
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(0);
	});
});

// Definition body: "identifierFieldName (… for opportunities it must be the column mapped to
// {{Opportunity.Id}} …)".
describe('the Identifier Column option', () => {
	const env = useEloquaSandbox();

	it('refuses any column but the one mapped to the opportunity ID, before sending anything', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(
			sandbox,
			importParameters({}, { identifierColumn: 'AccountName' }),
			[opportunity(1)],
		);
		expect(error?.message).toBe(
			'The node is not set up: Options → Identifier Column is "AccountName"; it can only be OpportunityID',
		);
		expect((error as { description?: string }).description).toBe(
			'Eloqua matches opportunities only on the column mapped to {{Opportunity.Id}}, which is OpportunityID. Remove the option "Identifier Column" from Options, or set it to OpportunityID.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('keeps working for saved workflows that set it to OpportunityID', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { identifierColumn: 'OpportunityID' }),
			[opportunity(1)],
		);
		expect(JSON.parse(definitionPosts(sandbox)[0].body!).identifierFieldName).toBe('OpportunityID');
		expect(main.map((item) => item.json.status)).toEqual(['imported']);
	});
});
