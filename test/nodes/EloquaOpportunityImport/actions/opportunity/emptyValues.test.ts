import type { IDataObject } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../../harness/eloqua';

const uploadedRows = (sandbox: EloquaSandbox) =>
	sandbox.requestsTo(/\/data$/, 'POST').map((upload) => JSON.parse(upload.body!) as IDataObject[]);

const createdDefinition = (sandbox: EloquaSandbox) =>
	JSON.parse(sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')[0].body!);

const statuses = (main: Array<{ pairedItem?: unknown; json: IDataObject }>) =>
	main.map((item) => [item.pairedItem, item.json.status, item.json.opportunityId]);

// Values: "A column left out of one row is a blank cell; under `always` it clears the stored value.
// Rows must never differ in shape by accident: send every column in every row and let the user
// decide what a blank does."
describe('every row carries every column; Empty Values decides what a blank does', () => {
	const env = useEloquaSandbox();

	/** Opportunity 1 as Eloqua holds it before the run. */
	const storeWest = (sandbox: EloquaSandbox) =>
		sandbox.state.opportunities.set('1', {
			OpportunityID: '1',
			OpportunityName: 'Deal 1',
			Territory: 'West',
		});

	const items = [
		opportunity(1),
		opportunity(2, { Territory: 'East', Owner: null }),
		opportunity(3, { Territory: 'null', Owner: undefined }),
	];
	const row = (id: number, territory: string) => ({
		OpportunityID: String(id),
		OpportunityName: `Deal ${id}`,
		AccountName: 'ABC',
		Amount: '1000',
		Currency: 'USD',
		Stage: 'Prospecting',
		Territory: territory,
		Owner: '',
	});

	it('sends missing, null and "null" values as blank cells and leaves Eloqua\'s value unchanged by default', async () => {
		const { sandbox } = env;
		storeWest(sandbox);
		const { main, error } = await runEloqua(sandbox, importParameters(), items);
		expect(error).toBeUndefined();
		// A field some item has (even only as null) is a column of the run, in every row.
		expect(createdDefinition(sandbox)).toMatchObject({
			fields: {
				OpportunityID: '{{Opportunity.Id}}',
				OpportunityName: '{{Opportunity.Field(Name)}}',
				AccountName: '{{Opportunity.Field(AccountName)}}',
				Amount: '{{Opportunity.Field(Amount)}}',
				Currency: '{{Opportunity.Field(Currency)}}',
				Stage: '{{Opportunity.Field(Stage)}}',
				Territory: '{{Opportunity.Field(Territory)}}',
				Owner: '{{Opportunity.Field(Owner)}}',
			},
			updateRule: 'ifNewIsNotNull',
		});
		expect(uploadedRows(sandbox)).toEqual([[row(1, ''), row(2, 'East'), row(3, '')]]);
		expect(statuses(main)).toEqual([
			[{ item: 0 }, 'imported', '1'],
			[{ item: 1 }, 'imported', '2'],
			[{ item: 2 }, 'imported', '3'],
		]);
		expect(sandbox.state.opportunities.get('1')!.Territory).toBe('West');
	});

	it("clears Eloqua's value for a blank cell when Empty Values is Clear Eloqua's Value", async () => {
		const { sandbox } = env;
		storeWest(sandbox);
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { updateRule: 'always' }),
			items,
		);
		expect(createdDefinition(sandbox).updateRule).toBe('always');
		expect(uploadedRows(sandbox)).toEqual([[row(1, ''), row(2, 'East'), row(3, '')]]);
		expect(statuses(main).map(([, status]) => status)).toEqual([
			'imported',
			'imported',
			'imported',
		]);
		expect(sandbox.state.opportunities.get('1')!.Territory).toBe('');
	});

	it('keeps a column mapped below in the definition and every row even when all its values are blank', async () => {
		const { sandbox } = env;
		storeWest(sandbox);
		const { main } = await runEloqua(
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
					},
				},
			}),
			[opportunity(1), opportunity(2)],
		);
		expect(Object.keys(createdDefinition(sandbox).fields)).toEqual([
			'OpportunityID',
			'OpportunityName',
			'Amount',
			'Stage',
			'Territory',
		]);
		const mapped = (id: number) => ({
			OpportunityID: String(id),
			OpportunityName: `Deal ${id}`,
			Amount: '1000',
			Stage: 'Prospecting',
			Territory: '',
		});
		expect(uploadedRows(sandbox)).toEqual([[mapped(1), mapped(2)]]);
		expect(statuses(main).map(([, status]) => status)).toEqual(['imported', 'imported']);
		expect(sandbox.state.opportunities.get('1')!.Territory).toBe('West');
	});

	it("fills every column of an existing definition in every row, and the definition's own rule decides", async () => {
		const { sandbox } = env;
		sandbox.addDefinition(
			{
				name: 'CRM',
				fields: {
					Id: '{{Opportunity.Id}}',
					Name: '{{Opportunity.Field(Name)}}',
					Stage: '{{Opportunity.Field(Stage)}}',
					Amount: '{{Opportunity.Field(Amount)}}',
					Territory: '{{Opportunity.Field(Territory)}}',
				},
				updateRule: 'always',
				isSyncTriggeredOnImport: false,
			},
			5,
		);
		sandbox.state.opportunities.set('x-1', { Id: 'X-1', Name: 'Old', Territory: 'West' });
		const { main } = await runEloqua(
			sandbox,
			importParameters(
				{
					definitionMode: 'existing',
					importDefinitionId: { __rl: true, mode: 'id', value: '5' },
				},
				// Only for definitions created for the run: an existing definition keeps its own rule.
				{ updateRule: 'ifNewIsNotNull' },
			),
			[{ Id: 'X-1', Name: 'New', Stage: 'Proposal', Amount: 5 }],
		);
		expect(uploadedRows(sandbox)).toEqual([
			[{ Id: 'X-1', Name: 'New', Stage: 'Proposal', Amount: '5', Territory: '' }],
		]);
		expect(sandbox.requestsTo(/\/imports\/5$/, 'PUT')).toHaveLength(0);
		expect(statuses(main)).toEqual([[{ item: 0 }, 'imported', 'X-1']]);
		expect(sandbox.state.opportunities.get('x-1')).toMatchObject({ Name: 'New', Territory: '' });
	});

	it('shows the full row in Validate Only', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), items);
		expect(main.map((item) => item.json.row)).toEqual([row(1, ''), row(2, 'East'), row(3, '')]);
		expect(sandbox.requests).toHaveLength(2);
	});
});
