import { importParameters, runEloqua, useEloquaSandbox } from '../../../../harness/eloqua';

// The two rows of Oracle's "upload data for an opportunity import definition" example.
const SEED_ROWS = [
	{
		OpportunityID: '1',
		OpportunityName: 'ABC Company',
		AccountName: 'ABC',
		CreatedDate: '2017-10-05 1:15',
		Amount: '1000000',
		CloseDate: '',
		Currency: 'USD',
		ForecastToCloseDate: '',
		Stage: 'Prospecting',
		Territory: 'West',
	},
	{
		OpportunityID: '2',
		OpportunityName: 'XYZ Company',
		AccountName: 'XYZ',
		CreatedDate: '2017-10-05 1:25',
		Amount: '1000000',
		CloseDate: '',
		Currency: 'USD',
		ForecastToCloseDate: '',
		Stage: 'Prospecting',
		Territory: 'West',
	},
];

const SEED_FIELDS = {
	OpportunityID: '{{Opportunity.Id}}',
	OpportunityName: '{{Opportunity.Field(Name)}}',
	AccountName: '{{Opportunity.Field(AccountName)}}',
	CreatedDate: '{{Opportunity.CreatedAt}}',
	Amount: '{{Opportunity.Field(Amount)}}',
	CloseDate: '{{Opportunity.Field(CloseDate)}}',
	Currency: '{{Opportunity.Field(Currency)}}',
	ForecastToCloseDate: '{{Opportunity.Field(ForecastToCloseDate)}}',
	Stage: '{{Opportunity.Field(Stage)}}',
	Territory: '{{Opportunity.Field(Territory)}}',
};

describe('the seed example: two rows into existing definition 18', () => {
	const env = useEloquaSandbox();

	it('uploads exactly the documented body to /opportunities/imports/18/data and imports both rows', async () => {
		const { sandbox } = env;
		sandbox.addDefinition(
			{ name: 'Seed', fields: SEED_FIELDS, identifierFieldName: 'OpportunityID' },
			18,
		);

		const { main, error } = await runEloqua(
			sandbox,
			// As Given: the example's dates go out byte for byte (Eloqua Time would send 01:15:00).
			importParameters(
				{
					definitionMode: 'existing',
					importDefinitionId: { __rl: true, mode: 'id', value: '18' },
				},
				{ dateFormat: 'asGiven' },
			),
			SEED_ROWS,
		);

		expect(error).toBeUndefined();
		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].path).toBe('/pod1/api/bulk/2.0/opportunities/imports/18/data');
		expect(uploads[0].headers['content-type']).toMatch(/^application\/json/);
		expect(uploads[0].body).toBe(JSON.stringify(SEED_ROWS));
		expect(uploads[0].headers.authorization).toBe(sandbox.basicAuthorization);

		expect(
			main.map((item) => [item.pairedItem, item.json.status, item.json.opportunityId]),
		).toEqual([
			[{ item: 0 }, 'imported', '1'],
			[{ item: 1 }, 'imported', '2'],
		]);
		// Definition 18 has no isSyncTriggeredOnImport, so it syncs on upload: the upload's own sync
		// (its 201 answer) is the one that processed the rows, and the node starts none.
		expect(uploads[0].created).toMatch(/^\/syncs\/\d+$/);
		expect(main[0].json).toMatchObject({
			importDefinitionUri: '/opportunities/imports/18',
			status: 'imported',
			dealKey: '1',
			syncUri: uploads[0].created,
			// One summary per sync, shared by its rows: the whole sync's status and counts.
			sync: { uri: uploads[0].created, status: 'success', rows: 2, rejectedRows: 0 },
		});
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST')).toHaveLength(0);
		// An existing definition belongs to the user: it is never deleted.
		expect(sandbox.requestsTo(/\/opportunities\/imports\/18$/, 'DELETE')).toHaveLength(0);
	});
});
