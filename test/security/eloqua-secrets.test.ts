import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';

// Sentinels in every secret field; none of them, nor the Basic header built from them, may surface.
const sentinel = (name: string) => ['SENTINEL', name, '7f3a'].join('-');
const PASSWORD = sentinel('pass');
const ACCESS_TOKEN = sentinel('access');
const REFRESH_TOKEN = sentinel('refresh');
const CLIENT_SECRET = sentinel('client-secret');
const WRONG_PASSWORD = sentinel('wrong');

describe('Eloqua secrets never surface', () => {
	const env = useEloquaSandbox({ password: PASSWORD, clientSecret: CLIENT_SECRET });
	const basic = () => env.sandbox.basicAuthorization.slice('Basic '.length);
	const forbidden = () => [PASSWORD, ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, basic()];

	const everythingSaid = (run: { main: INodeExecutionData[]; errorOutput: INodeExecutionData[]; error?: unknown }) => {
		const error = run.error as { message?: string; description?: string; context?: unknown } | undefined;
		return [
			JSON.stringify(run.main),
			JSON.stringify(run.errorOutput),
			error ? JSON.stringify({ message: error.message, description: error.description, context: error.context }) : '',
			error ? JSON.stringify(error) : '',
		].join('\n');
	};

	// Rows always have three cells: jest reads a test function with more parameters than cells as
	// one that waits for a `done` callback.
	const scenarios: Array<[string, () => void, IDataObject | undefined]> = [
		['a 400 that echoes the request headers', () => env.sandbox.faults.add({ method: 'POST', path: '/pod1/api/bulk/2.0/opportunities/imports', echoRequest: true, status: 400 }), undefined],
		['an upload 400 that echoes the request', () => env.sandbox.faults.add({ method: 'POST', path: /\/data$/, echoRequest: true, status: 400 }), undefined],
		['a 401 on every call', () => env.sandbox.faults.add({ path: '/pod1/', status: 401, body: { message: 'Unauthorized' }, times: Infinity }), undefined],
		['a 500 that echoes the request', () => env.sandbox.faults.add({ path: '/pod1/api/bulk/2.0/syncs', echoRequest: true, status: 500, times: Infinity }), undefined],
		['connection resets on uploads', () => env.sandbox.faults.add({ method: 'POST', path: /\/data$/, reset: true, times: 2 }), undefined],
		['a sync that ends in error', () => (env.sandbox.state.syncOutcome = 'error'), undefined],
		['wrong credentials', () => undefined, { password: WRONG_PASSWORD }],
	];

	for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
		it.each(scenarios)(`Basic auth, ${onError}: %s`, async (_name, arrange, credentialOverrides) => {
			arrange();
			const run = await runEloqua(env.sandbox, importParameters({}, { pollIntervalSeconds: 0.01 }), [opportunity(1), opportunity(2, { Stage: 'Nope' })], {
				onError,
				credentials: { eloquaApi: env.sandbox.credentials(credentialOverrides) },
			});
			const said = everythingSaid(run);
			for (const secret of [...forbidden(), WRONG_PASSWORD]) expect(said).not.toContain(secret);
			expect(said).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
		});
	}

	it.each(scenarios.slice(0, 4))('OAuth2: %s', async (_name, arrange) => {
		arrange();
		env.sandbox.state.accessTokens.add(ACCESS_TOKEN);
		env.sandbox.state.refreshTokens.add(REFRESH_TOKEN);
		const run = await runEloqua(env.sandbox, importParameters({ authentication: 'oAuth2' }), [opportunity(1)], {
			onError: 'continueErrorOutput',
			credentials: { eloquaOAuth2Api: env.sandbox.oauthCredentials({ oauthTokenData: { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: 'bearer' } }) },
		});
		const said = everythingSaid(run);
		for (const secret of forbidden()) expect(said).not.toContain(secret);
		expect(said).not.toMatch(/Bearer [A-Za-z0-9._-]{8,}/);
	});
});
