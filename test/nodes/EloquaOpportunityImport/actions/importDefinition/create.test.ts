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

	it("leaves Eloqua's value unchanged for blank cells unless Empty Values says otherwise", async () => {
		const columns = Object.entries(FIELDS).map(([name, statement]) => ({ name, statement }));
		const create = (options = {}) =>
			run({
				operation: 'create',
				definitionType: 'opportunity',
				name: 'Nightly',
				definitionColumns: { column: columns },
				identifierColumn: 'Id',
				options,
			});
		await create();
		await create({ updateRule: 'always' });
		const bodies = env.sandbox
			.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')
			.map((request) => JSON.parse(request.body!).updateRule);
		expect(bodies).toEqual(['ifNewIsNotNull', 'always']);
	});

	it('takes the column mapped to {{Opportunity.Id}} as the identifier, and refuses another one', async () => {
		const column = {
			column: [
				{ name: 'Key', statement: '{{Opportunity.Id}}' },
				{ name: 'Title', statement: '{{Opportunity.Field(Name)}}' },
			],
		};
		const create = (identifierColumn?: string) =>
			run(
				{
					operation: 'create',
					definitionType: 'opportunity',
					name: 'Mine',
					definitionColumns: column,
					...(identifierColumn === undefined ? {} : { identifierColumn }),
				},
				[{}],
				{ onError: 'continueRegularOutput' },
			);
		const refused = await create('Title');
		expect(refused.main[0].json.error).toMatchObject({
			message:
				'Item 0: "Identifier Column" is "Title"; it can only be Key, the column mapped to {{Opportunity.Id}}',
			description: 'Set "Identifier Column" to Key, or leave it empty.',
		});
		expect(env.sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')).toHaveLength(
			0,
		);
		await create();
		const [body] = env.sandbox
			.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')
			.map((request) => JSON.parse(request.body!));
		expect(body.identifierFieldName).toBe('Key');
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
