import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';

const rows = (n: number) => Array.from({ length: n }, (_, i) => opportunity(i + 1));

describe('Eloqua transport: base URL, credentials and statuses', () => {
	const env = useEloquaSandbox();

	it('discovers the base URL once per execution', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters(), rows(2));
		expect(sandbox.requestsTo('/id')).toHaveLength(1);
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/').length).toBeGreaterThan(3);
	});

	it('looks the base URL up again once after a 401, when the instance moved', async () => {
		const { sandbox } = env;
		// The instance moves right after the definition is created: the upload gets a 401 at the old pod.
		sandbox.afterRequest({ method: 'POST', path: '/pod1/api/bulk/2.0/opportunities/imports' }, () =>
			sandbox.movePod(),
		);
		const { main } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(main[0].json.status).toBe('imported');
		expect(sandbox.requestsTo('/id')).toHaveLength(2);
		expect(
			sandbox.requestsTo(/^\/pod2\/api\/bulk\/2\.0\/opportunities\/imports\/\d+\/data$/, 'POST'),
		).toHaveLength(1);
	});

	it('explains the "Not authenticated." answer of /id and sends nothing else', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(sandbox, importParameters(), rows(1), {
			credentials: { eloquaApi: sandbox.credentials({ password: 'wrong' }) },
		});
		expect(error?.message).toBe('Eloqua did not accept the credentials ("Not authenticated.")');
		expect((error as { description?: string }).description).toMatch(
			/site name, username and password/,
		);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/id']);
		expect(JSON.stringify(error)).not.toContain('wrong');
	});

	it('refreshes an expired OAuth2 token that /id answers with "Not authenticated."', async () => {
		const { sandbox } = env;
		sandbox.expireAccessTokens();
		const { main, credentialsHelper } = await runEloqua(
			sandbox,
			importParameters({ authentication: 'oAuth2' }),
			rows(1),
		);
		expect(main[0].json.status).toBe('imported');
		const ids = sandbox.requestsTo('/id');
		expect(ids.map((r) => r.headers.authorization)).toEqual([
			'Bearer valid-access-token',
			expect.stringMatching(/^Bearer access-\d+$/),
		]);
		expect(sandbox.requestsTo('/auth/oauth2/token', 'POST')).toHaveLength(1);
		expect(credentialsHelper.updates.filter((u) => u.type === 'eloquaOAuth2Api')).toHaveLength(1);
	});

	it('refreshes the OAuth2 token when a Bulk call answers 401, and repeats the call', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/opportunities/imports',
			status: 401,
		});
		const { main } = await runEloqua(
			sandbox,
			importParameters({ authentication: 'oAuth2' }),
			rows(1),
		);
		expect(main[0].json.status).toBe('imported');
		const creates = sandbox
			.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')
			.filter((r) => !r.path.endsWith('/data'));
		expect(creates.map((r) => [r.fault, r.headers.authorization])).toEqual([
			[401, 'Bearer valid-access-token'],
			[undefined, expect.stringMatching(/^Bearer access-\d+$/)],
		]);
		expect(sandbox.requestsTo('/id')).toHaveLength(1);
	});

	it('answers a 503 on an upload by clearing the staged rows and sending them again after a backoff', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: /\/data$/,
			status: 503,
			body: { message: 'timeout processing the request' },
		});
		const { main } = await runEloqua(sandbox, importParameters(), rows(2));
		expect(main.map((item) => item.json.status)).toEqual(['imported', 'imported']);
		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		expect(uploads.map((r) => r.fault)).toEqual([503, undefined]);
		const [clear] = sandbox.requestsTo(/\/data$/, 'DELETE');
		expect(clear.at - uploads[0].at).toBeGreaterThanOrEqual(400);
		expect(clear.at).toBeLessThanOrEqual(uploads[1].at);
	});

	it('resends a GET after a 503 as it is, but never a POST /syncs without looking first', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ method: 'GET', path: /\/syncs\/\d+$/, status: 503, body: {} });
		sandbox.faults.add({ method: 'POST', path: '/pod1/api/bulk/2.0/syncs', status: 503, body: {} });
		const { main } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(main[0].json.status).toBe('imported');
		const order = sandbox.requests
			.filter((r) => r.path.includes('/syncs'))
			.map((r) => `${r.method} ${r.path.replace(/\d+/g, 'N')} ${r.fault ?? ''}`.trim());
		expect(order.slice(0, 4)).toEqual([
			'POST /podN/api/bulk/N.N/syncs 503',
			'GET /podN/api/bulk/N.N/syncs',
			'POST /podN/api/bulk/N.N/syncs',
			'GET /podN/api/bulk/N.N/syncs/N 503',
		]);
		expect(order[4]).toBe('GET /podN/api/bulk/N.N/syncs/N');
	});

	it('honours Retry-After on a 429', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/syncs',
			status: 429,
			headers: { 'Retry-After': '1' },
		});
		const { main } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(main[0].json.status).toBe('imported');
		const syncs = sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST');
		expect(syncs).toHaveLength(2);
		expect(syncs[1].at - syncs[0].at).toBeGreaterThanOrEqual(950);
	});

	it('sends an upload cut off by a connection reset again, after clearing what may be staged', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ method: 'POST', path: /\/data$/, reset: true });
		const { main } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(main[0].json.status).toBe('imported');
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(2);
		expect(sandbox.requestsTo(/\/data$/, 'DELETE')).toHaveLength(1);
	});

	it.each([
		[
			400,
			{ failures: [{ field: 'name', value: 'x', constraint: 'Must be unique' }] },
			'Eloqua rejected the request as invalid (HTTP 400)',
			'name: Must be unique (value "x")',
		],
		[
			401,
			{ message: 'Unauthorized' },
			'Eloqua did not accept the credentials (HTTP 401)',
			'Check the credential',
		],
		[
			403,
			'Service not enabled for your site',
			'Eloqua refused access (HTTP 403)',
			'Service not enabled for your site',
		],
		[
			404,
			'',
			'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)',
			'Max Upload Size',
		],
		[409, '', 'Eloqua reported a conflict (HTTP 409)', 'still pending or active'],
		[
			410,
			'',
			'The resource is no longer available in Eloqua (HTTP 410)',
			'Create a new definition',
		],
		[
			412,
			'',
			'Eloqua cannot delete it because something depends on it (HTTP 412)',
			'Delete unused import definitions',
		],
		[413, '', "Eloqua's staging storage is full (HTTP 413)", 'ELQ-00136'],
		[
			500,
			[
				{
					type: 'ImportDefinition',
					property: 'fields',
					requirement: { type: 'Required' },
					value: '',
				},
			],
			'Eloqua had an internal error (HTTP 500)',
			'fields: {"type":"Required"}',
		],
	])('explains HTTP %i when creating the definition', async (status, body, message, hint) => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/opportunities/imports',
			status,
			body,
			times: Infinity,
		});
		const { error } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(error?.message).toBe(message);
		expect(`${(error as { description?: string }).description}`).toContain(hint);
		// Not retried, except a 401: n8n itself resends it once, and the node looks the base URL up
		// again once and resends it (2 × 2).
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')).toHaveLength(
			status === 401 ? 4 : 1,
		);
		expect(sandbox.requestsTo('/id')).toHaveLength(status === 401 ? 2 : 1);
	});

	it.each([
		[429, 'Eloqua is limiting the request rate (HTTP 429)'],
		[502, "Eloqua's gateway failed (HTTP 502)"],
		[503, 'Eloqua timed out processing the request (HTTP 503)'],
	])('gives up on HTTP %i after the bounded retries', async (status, message) => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: '/pod1/api/bulk/2.0/opportunities/fields',
			status,
			headers: { 'Retry-After': '0' },
			times: Infinity,
		});
		const { error } = await runEloqua(sandbox, importParameters(), rows(1));
		expect(error?.message).toBe(message);
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/fields')).toHaveLength(6);
	});
});
