import { useEloquaSandbox } from '../harness/eloqua';

// The emulator itself must behave like the documented API, or the node tests prove nothing.
describe('the Eloqua sandbox', () => {
	const env = useEloquaSandbox();
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
	const definition = {
		name: 'T',
		fields: {
			Id: '{{Opportunity.Id}}',
			Name: '{{Opportunity.Field(Name)}}',
			Stage: '{{Opportunity.Field(Stage)}}',
			Amount: '{{Opportunity.Field(Amount)}}',
		},
		identifierFieldName: 'Id',
	};

	it('answers /id with the JSON string "Not authenticated." for bad credentials', async () => {
		expect(await call('GET', '/id', undefined, 'Basic eDp5')).toEqual({
			status: 200,
			body: 'Not authenticated.',
		});
		expect((await call('GET', '/id')).body.urls.base).toBe(`${env.sandbox.url}/pod1`);
	});

	it('refuses a definition without the required statements, field by field', async () => {
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

	it('answers an upload over 32 MB with 404 and the 501st upload of a sync with 400', async () => {
		const { body: created } = await call('POST', `${bulk}/opportunities/imports`, definition);
		const data = `${bulk}${created.uri}/data`;
		const row = (i: number) => ({ Id: String(i), Name: 'n', Stage: 'Prospecting', Amount: '1' });
		const huge = JSON.stringify([{ ...row(0), Name: 'x'.repeat(32 * 1024 * 1024) }]);
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

	it('moves a sync pending → active → warning and rejects unknown stages with ELQ-00039', async () => {
		const { body: created } = await call('POST', `${bulk}/opportunities/imports`, definition);
		await call('POST', `${bulk}${created.uri}/data`, [
			{ Id: '1', Name: 'a', Stage: 'Prospecting', Amount: '1' },
			{ Id: '2', Name: 'b', Stage: 'Dreaming', Amount: '1' },
		]);
		const { body: sync } = await call('POST', `${bulk}/syncs`, { syncedInstanceUri: created.uri });
		const statuses = [];
		for (let i = 0; i < 5; i++)
			statuses.push((await call('GET', `${bulk}${sync.uri}`)).body.status);
		expect(statuses).toEqual(['pending', 'active', 'active', 'warning', 'warning']);
		const { body: rejects } = await call('GET', `${bulk}${sync.uri}/rejects?limit=1000&offset=0`);
		expect(rejects.items).toEqual([
			expect.objectContaining({
				recordIndex: 2,
				statusCode: 'ELQ-00039',
				invalidFields: ['Stage'],
				fieldValues: { Id: '2', Name: 'b', Stage: 'Dreaming', Amount: '1' },
			}),
		]);
		const { body: logs } = await call('GET', `${bulk}${sync.uri}/logs`);
		expect(
			logs.items.map((l: { statusCode: string; count: number }) => [l.statusCode, l.count]),
		).toEqual([
			['ELQ-00001', 2],
			['ELQ-00040', 1],
			['ELQ-00039', 1],
		]);
	});

	it('requires authentication on the Bulk API and answers 401 at a pod the instance left', async () => {
		expect(
			(await call('GET', `${bulk}/opportunities/fields`, undefined, 'Basic eDp5')).status,
		).toBe(401);
		env.sandbox.movePod();
		expect((await call('GET', `${bulk}/opportunities/fields`)).status).toBe(401);
		expect((await call('GET', '/pod2/api/bulk/2.0/opportunities/fields')).status).toBe(200);
	});
});
