import { useEloquaSandbox } from '../../../../harness/eloqua';
import { FIELDS, runOperation } from './fixtures';

describe('Import Definition → Create', () => {
	const env = useEloquaSandbox();
	const run = runOperation(() => env.sandbox, 'importDefinition');

	it('creates an opportunity import definition from the given columns', async () => {
		const { main } = await run({
			operation: 'create',
			definitionType: 'opportunity',
			name: 'Nightly',
			definitionColumns: {
				column: Object.entries(FIELDS).map(([name, statement]) => ({ name, statement })),
			},
			identifierColumn: 'Id',
			options: { updateRule: 'ifNewIsNotNull', autoDeleteDuration: '' },
		});
		expect(
			JSON.parse(
				env.sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')[0].body!,
			),
		).toEqual({
			name: 'Nightly',
			fields: FIELDS,
			identifierFieldName: 'Id',
			isIdentifierFieldCaseSensitive: false,
			isSyncTriggeredOnImport: false,
			updateRule: 'ifNewIsNotNull',
			dataRetentionDuration: 'P1D',
		});
		expect(main[0].json).toMatchObject({
			name: 'Nightly',
			uri: expect.stringMatching(/^\/opportunities\/imports\/\d+$/),
			fields: FIELDS,
		});
	});

	it('creates a contact linkage definition', async () => {
		const { main } = await run({
			operation: 'create',
			definitionType: 'contactLink',
			name: 'Links',
			linkTo: 'Contact',
			contactField: 'C_EmailAddress',
		});
		expect(main[0].json).toMatchObject({
			uri: expect.stringMatching(/^\/opportunities\/contacts\/imports\/\d+$/),
			linkOpportunitiesSourceField: 'C_EmailAddress',
		});
	});

	it("shows Eloqua's validation failures field by field", async () => {
		const { error } = await run({
			operation: 'create',
			definitionType: 'opportunity',
			name: 'Bad',
			definitionColumns: { column: [{ name: 'Id', statement: '{{Opportunity.Id}}' }] },
			identifierColumn: 'Id',
		});
		expect(error?.message).toBe('Eloqua rejected the request as invalid (HTTP 400)');
		expect((error as { description?: string }).description).toContain(
			'fields: Must include {{Opportunity.Field(Name)}}',
		);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});
});
