import { sleep } from 'n8n-workflow';

import { useSandbox } from '../../harness/sandbox';
import { createEloquaSandbox } from '../eloqua';

// The emulator must behave like API-CONTRACT.md, or the node tests prove nothing. Each test names
// the contract line it holds the sandbox to.
describe('the Eloqua sandbox', () => {
	const env = useSandbox(() => createEloquaSandbox(), { pinned: false });
	const call = async (
		method: string,
		path: string,
		body?: unknown,
		authorization = env.sandbox.basicAuthorization,
	) => {
		const response = await fetch(`${env.sandbox.url}${path}`, {
			method,
			headers: { authorization, 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
	const bulk = '/pod1/api/bulk/2.0';
	const FIELDS = {
		Id: '{{Opportunity.Id}}',
		Name: '{{Opportunity.Field(Name)}}',
		Stage: '{{Opportunity.Field(Stage)}}',
		Amount: '{{Opportunity.Field(Amount)}}',
	};
	const row = (id: number | string, extra: object = {}) => ({
		Id: String(id),
		Name: `n${id}`,
		Stage: 'Prospecting',
		Amount: '1',
		...extra,
	});
	const create = async (extra: object = {}, fields: object = FIELDS) =>
		(
			await call('POST', `${bulk}/opportunities/imports`, {
				name: 'T',
				fields,
				identifierFieldName: 'Id',
				...extra,
			})
		).body as { uri: string };
	/** A definition that stages uploads until a sync is started. */
	const staging = (extra: object = {}, fields?: object) =>
		create({ isSyncTriggeredOnImport: false, ...extra }, fields);
	const startSync = async (uri: string) =>
		(await call('POST', `${bulk}/syncs`, { syncedInstanceUri: uri })).body as { uri: string };
	const settle = async (syncUri: string) => {
		for (let i = 0; i < 10; i++) {
			const { body } = await call('GET', `${bulk}${syncUri}`);
			if (['success', 'warning', 'error'].includes(body.status)) return body.status as string;
		}
		throw new Error(`${syncUri} did not end`);
	};
	const rejectsOf = async (syncUri: string) =>
		(await call('GET', `${bulk}${syncUri}/rejects`)).body.items;
	const logsOf = async (syncUri: string) =>
		(await call('GET', `${bulk}${syncUri}/logs`)).body.items.map(
			(l: { statusCode: string; count: number }) => [l.statusCode, l.count],
		);

	it('answers /id with the JSON string "Not authenticated." for bad credentials', async () => {
		// "/id answers HTTP 200 with the JSON string "Not authenticated."" (Base URL and authentication)
		expect(await call('GET', '/id', undefined, 'Basic eDp5')).toEqual({
			status: 200,
			body: 'Not authenticated.',
		});
		expect((await call('GET', '/id')).body.urls.base).toBe(`${env.sandbox.url}/pod1`);
	});

	it('refuses a definition without the required statements, field by field', async () => {
		// "Required statements: {{Opportunity.Id}}, …(Name), …(Stage), …(Amount)"; 400 `failures` shape.
		const { status, body } = await call('POST', `${bulk}/opportunities/imports`, {
			name: 'x',
			fields: { Id: '{{Opportunity.Id}}' },
		});
		expect(status).toBe(400);
		expect(body.failures.map((f: { constraint: string }) => f.constraint)).toEqual([
			'Must include {{Opportunity.Field(Name)}}',
			'Must include {{Opportunity.Field(Stage)}}',
			'Must include {{Opportunity.Field(Amount)}}',
		]);
	});

	it('serves hasNotNullConstraint and hasReadOnlyConstraint on every field', async () => {
		// "GET /opportunities/fields: … hasNotNullConstraint, hasReadOnlyConstraint"; "The 18B field
		// list shows Id, Name, CreatedDate and Stage with hasNotNullConstraint: true."
		const { body } = await call('GET', `${bulk}/opportunities/fields?limit=1000&offset=0`);
		const notNull = body.items
			.filter((f: { hasNotNullConstraint: boolean }) => f.hasNotNullConstraint)
			.map((f: { statement: string }) => f.statement);
		expect(notNull).toEqual([
			'{{Opportunity.Id}}',
			'{{Opportunity.Field(Name)}}',
			'{{Opportunity.CreatedAt}}',
			'{{Opportunity.Field(Stage)}}',
		]);
		expect(
			body.items.every((f: object) => typeof (f as never)['hasReadOnlyConstraint'] === 'boolean'),
		).toBe(true);
		const readOnly = createEloquaSandbox({ readOnlyFields: ['Region1'] }).fields;
		expect(readOnly.filter((f) => f.hasReadOnlyConstraint).map((f) => f.internalName)).toEqual([
			'Region1',
		]);
	});

	it('answers an upload over 32 MB with 404 and the 501st upload of a sync with 400', async () => {
		// Limits: "32 MB per upload request; a larger one fails with a misleading 404"; "500 uploads
		// per sync; the 501st gets 400 There was a validation error."
		const created = await staging();
		const data = `${bulk}${created.uri}/data`;
		const huge = JSON.stringify([row(0, { Name: 'x'.repeat(32 * 1024 * 1024) })]);
		expect((await call('POST', data, huge)).status).toBe(404);
		for (let i = 0; i < 500; i++) expect((await call('POST', data, [row(i)])).status).toBe(204);
		expect(await call('POST', data, [row(501)])).toEqual({
			status: 400,
			body: {
				failures: [{ field: 'data', constraint: 'There was a validation error.', value: '' }],
			},
		});
		expect((await call('POST', `${bulk}/syncs`, { syncedInstanceUri: created.uri })).status).toBe(
			201,
		);
		expect((await call('POST', data, [row(502)])).status).toBe(204);
	});

	it('syncs on upload when the definition leaves isSyncTriggeredOnImport out: 201 with that upload’s sync', async () => {
		// "By default, isSyncTriggeredOnImport is true … An upload to such a definition answers 201
		// with a sync object, and that sync processes that upload's rows" (Syncing on upload).
		const created = await create();
		expect((await call('GET', `${bulk}${created.uri}`)).body).not.toHaveProperty(
			'isSyncTriggeredOnImport',
		);
		const first = await call('POST', `${bulk}${created.uri}/data`, [row(1), row(2)]);
		const second = await call('POST', `${bulk}${created.uri}/data`, [
			row(3, { Stage: 'Dreaming' }),
		]);
		expect(first).toEqual({
			status: 201,
			body: expect.objectContaining({
				uri: expect.stringMatching(/^\/syncs\/\d+$/),
				status: 'pending',
				syncedInstanceUri: created.uri,
			}),
		});
		expect(second.status).toBe(201);
		expect(await settle(first.body.uri)).toBe('success');
		expect(await settle(second.body.uri)).toBe('error');
		expect(await logsOf(first.body.uri)).toEqual([
			['ELQ-00001', 2],
			['SBX-CREATED', 2],
		]);
		expect(await rejectsOf(second.body.uri)).toEqual([
			expect.objectContaining({ recordIndex: 1, statusCode: 'ELQ-00039' }),
		]);
	});

	it('moves a sync pending → active → warning and rejects unknown stages with ELQ-00039', async () => {
		// "status: pending → active → success | warning | error"; "ELQ-00039 invalid opportunity
		// stage"; "ELQ-00060 Total rejected records"; rejects carry recordIndex, fieldValues keyed by
		// the definition's column names, invalidFields, statusCode, message.
		const created = await staging();
		await call('POST', `${bulk}${created.uri}/data`, [row(1), row(2, { Stage: 'Dreaming' })]);
		const sync = await startSync(created.uri);
		const statuses = [];
		for (let i = 0; i < 5; i++)
			statuses.push((await call('GET', `${bulk}${sync.uri}`)).body.status);
		expect(statuses).toEqual(['pending', 'active', 'active', 'warning', 'warning']);
		expect(await rejectsOf(sync.uri)).toEqual([
			expect.objectContaining({
				recordIndex: 2,
				statusCode: 'ELQ-00039',
				invalidFields: ['Stage'],
				fieldValues: row(2, { Stage: 'Dreaming' }),
			}),
		]);
		expect(await logsOf(sync.uri)).toEqual([
			['ELQ-00001', 2],
			['SBX-CREATED', 1],
			['ELQ-00060', 1],
			['ELQ-00039', 1],
		]);
	});

	it('calls a sync’s callbackUrl once the sync has ended, with a POST', async () => {
		// `POST /syncs {"syncedInstanceUri", "callbackUrl"?}` (Endpoints); Oracle: "When a sync
		// completes, Eloqua will make a call to the URL specified in this parameter". The method and
		// body are [open]: the sandbox POSTs the ended sync as JSON. The sandbox itself takes the call
		// here, so its request record shows it.
		const url = `${env.sandbox.url}/webhook-waiting/42`;
		const created = await staging();
		await call('POST', `${bulk}${created.uri}/data`, [row(1), row(2, { Stage: 'Dreaming' })]);
		const sync = (
			await call('POST', `${bulk}/syncs`, { syncedInstanceUri: created.uri, callbackUrl: url })
		).body as { uri: string; status: string };
		expect(sync.status).toBe('pending');
		expect(env.sandbox.requestsTo('/webhook-waiting/42')).toEqual([]);
		for (let i = 0; i < 100 && env.sandbox.callbacks.length === 0; i++) await sleep(50);
		expect(env.sandbox.callbacks).toEqual([{ syncUri: sync.uri, url, status: expect.any(Number) }]);
		const calls = env.sandbox.requestsTo('/webhook-waiting/42');
		expect(calls.map((r) => [r.method, JSON.parse(r.body ?? '{}').status])).toEqual([
			['POST', 'warning'],
		]);
		expect((await call('GET', `${bulk}${sync.uri}`)).body.status).toBe('warning');
	});

	it('stores a record with a field-level reject (ELQ-00040) without the value it could not take', async () => {
		// "RudderStack treats a reject whose statusCode is ELQ-00040 as success … the record was
		// imported and the named field value dropped"; "ELQ-00144 Total records with rejected fields".
		const fields = { ...FIELDS, Score: '{{Opportunity.Field(DealScore1)}}' };
		const created = await staging({}, fields);
		await call('POST', `${bulk}${created.uri}/data`, [row('A', { Score: '7' })]);
		await settle((await startSync(created.uri)).uri);
		await call('POST', `${bulk}${created.uri}/data`, [row('A', { Score: 'lots', Name: 'new' })]);
		const sync = await startSync(created.uri);
		expect(await settle(sync.uri)).toBe('warning');
		expect(await rejectsOf(sync.uri)).toEqual([
			expect.objectContaining({
				recordIndex: 1,
				statusCode: 'ELQ-00040',
				invalidFields: ['Score'],
			}),
		]);
		expect(await logsOf(sync.uri)).toEqual([
			['ELQ-00001', 1],
			['SBX-UPDATED', 1],
			['ELQ-00144', 1],
			['ELQ-00040', 1],
		]);
		expect(env.sandbox.state.opportunities.get('a')).toEqual({
			Id: 'A',
			Name: 'new',
			Stage: 'Prospecting',
			Amount: '1',
			Score: '7',
		});
	});

	it('refuses the whole row instead when fieldRejects is rejectRow (the other answer to the open point)', async () => {
		env.sandbox.config.fieldRejects = 'rejectRow';
		const created = await staging();
		await call('POST', `${bulk}${created.uri}/data`, [row('B', { Amount: 'lots' })]);
		const sync = await startSync(created.uri);
		expect(await settle(sync.uri)).toBe('error');
		expect(env.sandbox.state.opportunities.has('b')).toBe(false);
	});

	it('blanks a stored value for a column left out under updateRule always, keeps it under ifNewIsNotNull', async () => {
		// "A column left out of one row is a blank cell; under `always` it clears the stored value";
		// "ifNewIsNotNull: Update if the new value is not blank" (Values).
		const fields = { ...FIELDS, Territory: '{{Opportunity.Field(Territory)}}' };
		for (const [updateRule, kept] of [
			['always', ''],
			['ifNewIsNotNull', 'EMEA'],
		]) {
			env.sandbox.reset();
			const created = await staging({ updateRule }, fields);
			await call('POST', `${bulk}${created.uri}/data`, [row('T', { Territory: 'EMEA' })]);
			await settle((await startSync(created.uri)).uri);
			await call('POST', `${bulk}${created.uri}/data`, [row('T')]);
			await settle((await startSync(created.uri)).uri);
			expect(env.sandbox.state.opportunities.get('t')?.Territory).toBe(kept);
		}
	});

	it('rejects a row staged twice in one sync as ELQ-00026', async () => {
		// "[doc] ELQ-00026 Duplicate identifier" (Failures and retries).
		const created = await staging();
		await call('POST', `${bulk}${created.uri}/data`, [row(1)]);
		await call('POST', `${bulk}${created.uri}/data`, [row(1)]);
		const sync = await startSync(created.uri);
		expect(await settle(sync.uri)).toBe('warning');
		expect(await rejectsOf(sync.uri)).toEqual([
			expect.objectContaining({ recordIndex: 2, statusCode: 'ELQ-00026' }),
		]);
		expect(env.sandbox.state.writes).toBe(1);
	});

	it('counts recordIndex across the uploads of a sync, or per upload when switched', async () => {
		// [open] "whether it counts across several uploads of one sync" (Outcomes).
		for (const [recordIndex, expected] of [
			['acrossUploads', 3],
			['perUpload', 1],
		] as const) {
			env.sandbox.reset();
			env.sandbox.config.recordIndex = recordIndex;
			const created = await staging();
			await call('POST', `${bulk}${created.uri}/data`, [row(1), row(2)]);
			await call('POST', `${bulk}${created.uri}/data`, [row(3, { Stage: 'Dreaming' })]);
			const sync = await startSync(created.uri);
			await settle(sync.uri);
			expect((await rejectsOf(sync.uri))[0].recordIndex).toBe(expected);
		}
	});

	it('accepts a second sync while one runs; lists and filters syncs by definition, newest first', async () => {
		// "syncing it while another sync runs could lead to syncs failing" (so it is accepted);
		// "GET /syncs (q, orderBy, limit, offset): list syncs (find the syncs of a definition)".
		const a = await staging();
		const b = await staging();
		await call('POST', `${bulk}${a.uri}/data`, [row(1)]);
		const first = await startSync(a.uri);
		const second = await call('POST', `${bulk}/syncs`, { syncedInstanceUri: a.uri });
		expect(second.status).toBe(201);
		await startSync(b.uri);
		const q = encodeURIComponent(`syncedInstanceUri='${a.uri}'`);
		const { body } = await call('GET', `${bulk}/syncs?q=${q}&orderBy=createdAt%20DESC&limit=1`);
		expect(body).toMatchObject({ totalResults: 2, hasMore: true, limit: 1 });
		expect(body.items.map((s: { uri: string }) => s.uri)).toEqual([second.body.uri]);
		const next = await call('GET', `${bulk}/syncs?q=${q}&orderBy=createdAt%20DESC&offset=1`);
		expect(next.body.items.map((s: { uri: string }) => s.uri)).toEqual([first.uri]);
		const named = await call(
			'GET',
			`${bulk}/opportunities/imports?q=${encodeURIComponent("name='T*'")}`,
		);
		expect(named.body.totalResults).toBe(2);
	});

	it('accepts deleting a definition mid-sync and fails that sync with ELQ-00143; staged data answers 409', async () => {
		// "Deleting a definition while its sync runs is accepted and the sync then fails (ELQ-00143)";
		// "Since 24B, deleting staged data while a sync is in progress answers 409."
		const created = await staging();
		await call('POST', `${bulk}${created.uri}/data`, [row(1)]);
		const sync = await startSync(created.uri);
		expect((await call('DELETE', `${bulk}${created.uri}/data`)).status).toBe(409);
		expect((await call('DELETE', `${bulk}${created.uri}`)).status).toBe(204);
		expect(await settle(sync.uri)).toBe('error');
		expect(await logsOf(sync.uri)).toEqual([
			['ELQ-00001', 1],
			['ELQ-00143', 0],
		]);
		expect(env.sandbox.state.opportunities.size).toBe(0);
	});

	it('processes an upload or a sync whose answer is then lost', async () => {
		// "A 503, a reset or a timeout after the request was sent does not mean it was not processed."
		const created = await staging();
		env.sandbox.loseAnswer('upload');
		await expect(call('POST', `${bulk}${created.uri}/data`, [row(1)])).rejects.toThrow();
		env.sandbox.loseAnswer('sync', { status: 503 });
		const lost = await call('POST', `${bulk}/syncs`, { syncedInstanceUri: created.uri });
		expect(lost).toEqual({
			status: 503,
			body: { message: 'There was a timeout processing the request' },
		});
		const { body } = await call(
			'GET',
			`${bulk}/syncs?q=${encodeURIComponent(`syncedInstanceUri='${created.uri}'`)}`,
		);
		expect(body.items).toHaveLength(1);
		expect(await settle(body.items[0].uri)).toBe('success');
		expect(env.sandbox.state.opportunities.has('1')).toBe(true);
	});

	it('refreshes an OAuth token with or without redirect_uri and scope, as switched', async () => {
		// [open] "whether a refresh needs redirect_uri/scope in the body".
		const client = `Basic ${Buffer.from('n8n-client:client-secret').toString('base64')}`;
		const refresh = (form: string) =>
			fetch(`${env.sandbox.url}/auth/oauth2/token`, {
				method: 'POST',
				headers: { authorization: client, 'content-type': 'application/x-www-form-urlencoded' },
				body: form,
			}).then((r) => r.status);
		env.sandbox.config.refreshRequires = ['redirect_uri', 'scope'];
		expect(await refresh('grant_type=refresh_token&refresh_token=valid-refresh-token')).toBe(400);
		env.sandbox.config.refreshRequires = [];
		expect(await refresh('grant_type=refresh_token&refresh_token=valid-refresh-token')).toBe(200);
	});

	it('requires authentication on the Bulk API and answers 401 at a pod the instance left', async () => {
		// "A 401 on an API call can mean the instance moved pods: re-discover once, then fail."
		expect(
			(await call('GET', `${bulk}/opportunities/fields`, undefined, 'Basic eDp5')).status,
		).toBe(401);
		env.sandbox.movePod();
		expect((await call('GET', `${bulk}/opportunities/fields`)).status).toBe(401);
		expect((await call('GET', '/pod2/api/bulk/2.0/opportunities/fields')).status).toBe(200);
	});
});
