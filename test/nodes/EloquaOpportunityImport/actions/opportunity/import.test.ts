import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';

describe('Eloqua import with a definition created for the run', () => {
	const env = useEloquaSandbox();

	it('sends the documented definition body, uploads, syncs and deletes the definition afterwards', async () => {
		const { sandbox } = env;
		const { main, error } = await runEloqua(
			sandbox,
			importParameters(),
			[
				opportunity(1, {
					CreatedDate: '2024-05-01 09:30',
					Territory: 'West',
					Region1: 'EMEA',
					Ignored: 'x',
				}),
				opportunity(2),
			],
			{ executionId: '4711', workflowName: 'CRM to Eloqua' },
		);
		expect(error).toBeUndefined();

		const [create] = sandbox
			.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')
			.filter((r) => !r.path.endsWith('/data'));
		expect(JSON.parse(create.body!)).toEqual({
			name: 'n8n CRM to Eloqua #4711',
			fields: {
				OpportunityID: '{{Opportunity.Id}}',
				OpportunityName: '{{Opportunity.Field(Name)}}',
				AccountName: '{{Opportunity.Field(AccountName)}}',
				CreatedDate: '{{Opportunity.CreatedAt}}',
				Amount: '{{Opportunity.Field(Amount)}}',
				Currency: '{{Opportunity.Field(Currency)}}',
				Stage: '{{Opportunity.Field(Stage)}}',
				Territory: '{{Opportunity.Field(Territory)}}',
				Region1: '{{Opportunity.Field(Region1)}}',
			},
			identifierFieldName: 'OpportunityID',
			isIdentifierFieldCaseSensitive: false,
			isSyncTriggeredOnImport: false,
			updateRule: 'ifNewIsNotNull',
			dataRetentionDuration: 'P1D',
			autoDeleteDuration: 'P1D',
		});

		const [upload] = sandbox.requestsTo(/\/data$/, 'POST');
		expect(JSON.parse(upload.body!)).toEqual([
			{
				OpportunityID: '1',
				OpportunityName: 'Deal 1',
				AccountName: 'ABC',
				CreatedDate: '2024-05-01 09:30:00',
				Amount: '1000',
				Currency: 'USD',
				Stage: 'Prospecting',
				Territory: 'West',
				Region1: 'EMEA',
			},
			{
				OpportunityID: '2',
				OpportunityName: 'Deal 2',
				AccountName: 'ABC',
				CreatedDate: '',
				Amount: '1000',
				Currency: 'USD',
				Stage: 'Prospecting',
				Territory: '',
				Region1: '',
			},
		]);
		const [sync] = sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST');
		const definitionUri = JSON.parse(sync.body!).syncedInstanceUri;
		expect(definitionUri).toMatch(/^\/opportunities\/imports\/\d+$/);

		expect(
			main.map((item) => [
				item.pairedItem,
				item.json.status,
				item.json.opportunityId,
				item.json.importDefinitionUri,
			]),
		).toEqual([
			[{ item: 0 }, 'imported', '1', definitionUri],
			[{ item: 1 }, 'imported', '2', definitionUri],
		]);
		// The full log is behind Include Sync Log; by default the summary has none.
		expect(main[0].json.sync).not.toHaveProperty('log');
		const logged = await runEloqua(env.sandbox, importParameters({}, { includeSyncLog: true }), [
			opportunity(8),
			opportunity(9),
		]);
		expect((logged.main[0].json.sync as { log: unknown }).log).toEqual(
			expect.arrayContaining([expect.objectContaining({ statusCode: 'SBX-CREATED', count: 2 })]),
		);
		expect(sandbox.requestsTo(`/pod1/api/bulk/2.0${definitionUri}`, 'DELETE')).toHaveLength(1);
		expect(sandbox.definitionCount()).toBe(0);
		expect(sandbox.state.opportunities.get('1')).toMatchObject({
			OpportunityName: 'Deal 1',
			Region1: 'EMEA',
		});
	});

	it('keeps the definition when asked to, and applies the chosen definition settings', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(
			sandbox,
			importParameters(
				{},
				{
					deleteDefinitionAfterSync: false,
					updateRule: 'ifNewIsNotNull',
					dataRetentionDuration: 'PT12H',
					autoDeleteDuration: '',
					identifierCaseSensitive: true,
				},
			),
			[opportunity('A-1')],
		);
		expect(main[0].json.status).toBe('imported');
		const body = JSON.parse(
			sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')[0].body!,
		);
		expect(body).toMatchObject({
			updateRule: 'ifNewIsNotNull',
			dataRetentionDuration: 'PT12H',
			isIdentifierFieldCaseSensitive: true,
		});
		expect(body).not.toHaveProperty('autoDeleteDuration');
		expect(sandbox.requestsTo(/imports\/\d+$/, 'DELETE')).toHaveLength(0);
		expect(sandbox.definitionCount()).toBe(1);
	});

	it('maps columns defined below with per-item expressions', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(
			sandbox,
			importParameters({
				columns: {
					mappingMode: 'defineBelow',
					value: {
						OpportunityID: '={{ $json.id }}',
						OpportunityName: '={{ $json.title }}',
						Amount: '={{ $json.value }}',
						Stage: '={{ $json.stage }}',
					},
				},
			}),
			[
				{ id: 'crm-1', title: 'First', value: 10.5, stage: 'Proposal' },
				{ id: 'crm-2', title: 'Second', value: '20', stage: 'Closed Won' },
			],
		);
		expect(main.map((item) => item.json.status)).toEqual(['imported', 'imported']);
		expect(JSON.parse(sandbox.requestsTo(/\/data$/, 'POST')[0].body!)).toEqual([
			{ OpportunityID: 'crm-1', OpportunityName: 'First', Amount: '10.5', Stage: 'Proposal' },
			{ OpportunityID: 'crm-2', OpportunityName: 'Second', Amount: '20', Stage: 'Closed Won' },
		]);
	});

	it('refuses a mapping without the required columns before sending anything', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(
			sandbox,
			importParameters({
				columns: {
					mappingMode: 'defineBelow',
					value: { OpportunityID: '={{ $json.id }}', Amount: '1' },
				},
			}),
			[{ id: 1 }],
		);
		expect(error?.message).toBe(
			'The node is not set up: Columns: map the required columns Opportunity Name (OpportunityName), Stage',
		);
		// One node-level error, not one per item.
		expect(error?.context?.itemIndex).toBeUndefined();
		expect(sandbox.requests).toHaveLength(0);
	});
});
