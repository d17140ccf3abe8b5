import { runEloqua, useEloquaSandbox } from '../harness/eloqua';

const FIELDS = {
	Id: '{{Opportunity.Id}}',
	Name: '{{Opportunity.Field(Name)}}',
	Stage: '{{Opportunity.Field(Stage)}}',
	Amount: '{{Opportunity.Field(Amount)}}',
};
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

describe('import definitions', () => {
	const env = useEloquaSandbox();
	const run = (parameters: object, items: object[] = [{}], extra = {}) =>
		runEloqua(env.sandbox, { resource: 'importDefinition', ...parameters }, items as never, extra);

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
			dataRetentionDuration: 'P7D',
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

	it('gets one definition, by ID or URI, per item', async () => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 5);
		env.sandbox.addDefinition({ name: 'B', fields: FIELDS }, 6);
		const { main } = await run(
			{ operation: 'get', definitionType: 'opportunity', definitionId: '={{ $json.ref }}' },
			[{ ref: byId(5) }, { ref: { __rl: true, mode: 'uri', value: '/opportunities/imports/6' } }],
		);
		expect(main.map((item) => [item.pairedItem, item.json.name])).toEqual([
			[{ item: 0 }, 'A'],
			[{ item: 1 }, 'B'],
		]);
	});

	it('lists more than 1000 definitions with Return All, and stops at the limit otherwise', async () => {
		for (let i = 1; i <= 1205; i++) env.sandbox.addDefinition({ name: `D${i}`, fields: FIELDS }, i);
		const all = await run({ operation: 'getMany', definitionType: 'opportunity', returnAll: true });
		expect(all.main).toHaveLength(1205);
		expect(
			env.sandbox
				.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'GET')
				.map((r) => [r.query.limit, r.query.offset]),
		).toEqual([
			['1000', '0'],
			['1000', '1000'],
		]);
		env.sandbox.requests.length = 0;
		const some = await run({
			operation: 'getMany',
			definitionType: 'opportunity',
			returnAll: false,
			limit: 3,
		});
		expect(some.main.map((item) => item.json.name)).toEqual(['D1', 'D2', 'D3']);
		expect(
			env.sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'GET')[0].query.limit,
		).toBe('3');
	});

	it('deletes a definition and clears its staged data', async () => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 7);
		env.sandbox.state.definitions.get(7)!.staged = [{ Id: '1' }];
		const cleared = await run({
			operation: 'clearStagedData',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(cleared.main[0].json).toEqual({
			uri: '/opportunities/imports/7',
			stagedDataCleared: true,
		});
		expect(env.sandbox.state.definitions.get(7)!.staged).toEqual([]);
		const deleted = await run({
			operation: 'delete',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(deleted.main[0].json).toEqual({ uri: '/opportunities/imports/7', deleted: true });
		expect(env.sandbox.definitionCount()).toBe(0);
	});

	it.each([
		[404, 'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)'],
		[410, 'The resource is no longer available in Eloqua (HTTP 410)'],
		[412, 'Eloqua cannot delete it because something depends on it (HTTP 412)'],
	])('explains HTTP %i per item with continue-on-fail', async (status, message) => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 8);
		env.sandbox.faults.add({
			method: 'DELETE',
			path: '/pod1/api/bulk/2.0/opportunities/imports/9',
			status,
		});
		const { main } = await run(
			{ operation: 'delete', definitionType: 'opportunity', definitionId: '={{ $json.ref }}' },
			[{ ref: byId(9) }, { ref: byId(8) }],
			{ onError: 'continueRegularOutput' },
		);
		expect(main.map((item) => item.json)).toEqual([
			{
				error: {
					message: `Item 0: ${message}`,
					description: expect.any(String),
					status: 'failed',
					httpStatus: status,
				},
			},
			{ uri: '/opportunities/imports/8', deleted: true },
		]);
	});

	it('refuses an ID that could change the request path', async () => {
		// n8n refuses such an ID typed in by hand; one that comes from an expression reaches the node.
		const { error } = await run({
			operation: 'get',
			definitionType: 'opportunity',
			definitionId: { __rl: true, mode: 'id', value: '={{ "../../syncs/1" }}' },
		});
		expect(error?.message).toBe('"../../syncs/1" is not a valid imports URI or ID');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('syncs, step by step', () => {
	const env = useEloquaSandbox();
	const run = (parameters: object, items: object[] = [{}], extra = {}) =>
		runEloqua(env.sandbox, { resource: 'sync', ...parameters }, items as never, extra);
	const staged = (rows: object[]) => {
		const definition = env.sandbox.addDefinition(
			{ name: 'S', fields: FIELDS, identifierFieldName: 'Id' },
			3,
		);
		definition.staged = rows;
		return definition;
	};

	it('starts a sync on a definition, then reads its status until it ends, its logs and its rejects', async () => {
		staged([
			{ Id: '1', Name: 'a', Stage: 'Prospecting', Amount: '1' },
			{ Id: '2', Name: 'b', Stage: 'Nope', Amount: '1' },
		]);
		const started = await run({
			operation: 'start',
			definitionType: 'opportunity',
			definitionId: byId(3),
			options: { callbackUrl: 'https://example.com/hook' },
		});
		expect(started.main[0].json).toEqual({
			uri: expect.stringMatching(/^\/syncs\/\d+$/),
			status: 'pending',
			syncedInstanceUri: '/opportunities/imports/3',
		});
		expect(JSON.parse(env.sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST')[0].body!)).toEqual(
			{ syncedInstanceUri: '/opportunities/imports/3', callbackUrl: 'https://example.com/hook' },
		);
		const syncUri = started.main[0].json.uri as string;

		const status = await run({ operation: 'get', syncUri, options: {} });
		expect(status.main[0].json.status).toBe('pending');
		const waited = await run({
			operation: 'get',
			syncUri: syncUri.split('/').pop(),
			options: { waitForCompletion: true, pollIntervalSeconds: 0.01 },
		});
		expect(waited.main[0].json).toMatchObject({ uri: syncUri, status: 'warning', timedOut: false });

		const logs = await run({ operation: 'getLogs', syncUri });
		expect(logs.main.map((item) => [item.json.statusCode, item.json.count])).toEqual([
			['ELQ-00001', 2],
			['ELQ-00040', 1],
			['ELQ-00039', 1],
		]);
		const rejects = await run({ operation: 'getRejects', syncUri, returnAll: true });
		expect(rejects.main.map((item) => item.json)).toEqual([
			expect.objectContaining({
				recordIndex: 2,
				statusCode: 'ELQ-00039',
				invalidFields: ['Stage'],
				explanation: 'the opportunity stage is not one of the stages configured in Eloqua',
				syncUri,
			}),
		]);
	});

	it('pages through more than 1000 rejects, or stops at the limit', async () => {
		staged(
			Array.from({ length: 1500 }, (_, i) => ({
				Id: String(i),
				Name: 'n',
				Stage: 'Nope',
				Amount: '1',
			})),
		);
		const { main } = await run({
			operation: 'start',
			definitionType: 'opportunity',
			definitionId: byId(3),
		});
		const syncUri = main[0].json.uri as string;
		await run({
			operation: 'get',
			syncUri,
			options: { waitForCompletion: true, pollIntervalSeconds: 0.01 },
		});
		const all = await run({ operation: 'getRejects', syncUri, returnAll: true });
		expect(all.main).toHaveLength(1500);
		const some = await run({ operation: 'getRejects', syncUri, returnAll: false, limit: 10 });
		expect(some.main).toHaveLength(10);
	});

	it('explains a sync that is not found, or gone', async () => {
		const missing = await run({ operation: 'get', syncUri: '/syncs/999', options: {} });
		expect(missing.error?.message).toBe(
			'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)',
		);
		env.sandbox.faults.add({ path: '/pod1/api/bulk/2.0/syncs/5/logs', status: 410 });
		const gone = await run({ operation: 'getLogs', syncUri: '/syncs/5' });
		expect(gone.error?.message).toBe('The resource is no longer available in Eloqua (HTTP 410)');
	});

	it('refuses a sync URI that is not one', async () => {
		const { error } = await run({ operation: 'get', syncUri: '/syncs/1?x=1', options: {} });
		expect(error?.message).toBe('"/syncs/1?x=1" is not a valid syncs URI or ID');
	});
});
