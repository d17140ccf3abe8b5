import type { IDataObject } from 'n8n-workflow';

import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { base64, everythingSaid, sentinel } from './said';

const PASSWORD = sentinel('pass');
const ACCESS_TOKEN = sentinel('access');
const REFRESH_TOKEN = sentinel('refresh');
const CLIENT_SECRET = sentinel('client-secret');
const WRONG_PASSWORD = sentinel('wrong');

describe('Eloqua secrets never surface', () => {
	const env = useEloquaSandbox({ password: PASSWORD, clientSecret: CLIENT_SECRET });
	const basic = () => env.sandbox.basicAuthorization.slice('Basic '.length);
	const clientBasic = () => base64(`${env.sandbox.config.clientId}:${CLIENT_SECRET}`);
	const forbidden = () => [
		PASSWORD,
		ACCESS_TOKEN,
		REFRESH_TOKEN,
		CLIENT_SECRET,
		WRONG_PASSWORD,
		basic(),
		clientBasic(),
		'SENTINEL',
	];
	const bulk = '/pod1/api/bulk/2.0';

	// Rows always have three cells: jest reads a test function with more parameters than cells as
	// one that waits for a `done` callback.
	const scenarios: Array<[string, () => void, IDataObject | undefined]> = [
		[
			'a 400 that echoes the request headers',
			() =>
				env.sandbox.faults.add({
					method: 'POST',
					path: `${bulk}/opportunities/imports`,
					echoRequest: true,
					status: 400,
				}),
			undefined,
		],
		[
			'an upload 400 that echoes the request',
			() =>
				env.sandbox.faults.add({ method: 'POST', path: /\/data$/, echoRequest: true, status: 400 }),
			undefined,
		],
		[
			'a 401 on every call',
			() =>
				env.sandbox.faults.add({
					path: '/pod1/',
					status: 401,
					body: { message: 'Unauthorized' },
					times: Infinity,
				}),
			undefined,
		],
		[
			'a 500 that echoes the request',
			() =>
				env.sandbox.faults.add({
					path: `${bulk}/syncs`,
					echoRequest: true,
					status: 500,
					times: Infinity,
				}),
			undefined,
		],
		[
			'a 503 that echoes the request until the retries are used up',
			() =>
				env.sandbox.faults.add({
					path: `${bulk}/opportunities/fields`,
					echoRequest: true,
					status: 503,
					headers: { 'Retry-After': '0' },
					times: Infinity,
				}),
			undefined,
		],
		[
			'a login lookup that echoes the request',
			() => env.sandbox.faults.add({ path: '/id', echoRequest: true, status: 403 }),
			undefined,
		],
		[
			'a connection reset on an upload',
			() => env.sandbox.faults.add({ method: 'POST', path: /\/data$/, reset: true }),
			undefined,
		],
		['a sync that ends in error', () => (env.sandbox.state.syncOutcome = 'error'), undefined],
		['wrong credentials', () => undefined, { password: WRONG_PASSWORD }],
	];
	// OAuth2 only: the token endpoint (which sees the client secret and the refresh token).
	const oauthScenarios: Array<[string, () => void, IDataObject | undefined]> = [
		...scenarios.slice(0, 8),
		['an expired token, refreshed', () => env.sandbox.expireAccessTokens(), undefined],
		[
			'an expired token whose refresh is refused',
			() => (env.sandbox.expireAccessTokens(), env.sandbox.state.refreshTokens.clear()),
			undefined,
		],
		[
			'a token endpoint that echoes the request',
			() => (
				env.sandbox.expireAccessTokens(),
				env.sandbox.faults.add({ path: '/auth/oauth2/token', echoRequest: true, status: 400 })
			),
			undefined,
		],
	];

	const expectNothingSaid = (said: string) => {
		for (const secret of forbidden()) expect(said).not.toContain(secret);
		expect(said).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
		expect(said).not.toMatch(/Bearer (?!\[redacted\])[A-Za-z0-9._~+/=-]{6,}/);
	};

	for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
		it.each(scenarios)(
			`Basic auth, ${onError}: %s`,
			async (_name, arrange, credentialOverrides) => {
				arrange();
				const run = await runEloqua(
					env.sandbox,
					importParameters(),
					[opportunity(1), opportunity(2, { Stage: 'Nope' })],
					{
						onError,
						credentials: { eloquaApi: env.sandbox.credentials(credentialOverrides) },
					},
				);
				// The secret did reach the sandbox (the scenario is real), and nothing of it came back out.
				expect(
					env.sandbox.requests.some((r) =>
						String(r.headers.authorization ?? '').startsWith('Basic '),
					),
				).toBe(true);
				expectNothingSaid(everythingSaid(run));
			},
		);

		it.each(oauthScenarios)(`OAuth2, ${onError}: %s`, async (_name, arrange) => {
			env.sandbox.state.accessTokens.add(ACCESS_TOKEN);
			env.sandbox.state.refreshTokens.add(REFRESH_TOKEN);
			arrange();
			const run = await runEloqua(
				env.sandbox,
				importParameters({ authentication: 'oAuth2' }),
				[opportunity(1)],
				{
					onError,
					credentials: {
						eloquaOAuth2Api: env.sandbox.oauthCredentials({
							oauthTokenData: {
								access_token: ACCESS_TOKEN,
								refresh_token: REFRESH_TOKEN,
								token_type: 'bearer',
							},
						}),
					},
				},
			);
			expect(
				env.sandbox.requests.some((r) => r.headers.authorization === `Bearer ${ACCESS_TOKEN}`),
			).toBe(true);
			expectNothingSaid(everythingSaid(run));
		});
	}

	// The per-item operations (definitions, syncs) have their own error path.
	it.each([
		[
			'a definition read that echoes the request',
			{
				resource: 'importDefinition',
				operation: 'get',
				definitionType: 'opportunity',
				definitionId: { __rl: true, mode: 'id', value: '5' },
			},
			`${bulk}/opportunities/imports/5`,
		],
		[
			'a sync read that echoes the request',
			{ resource: 'sync', operation: 'get', syncUri: '/syncs/9', options: {} },
			`${bulk}/syncs/9`,
		],
		[
			'a rejects read that echoes the request',
			{ resource: 'sync', operation: 'getRejects', syncUri: '/syncs/9', returnAll: true },
			`${bulk}/syncs/9/rejects`,
		],
	])('per item, Basic and OAuth2: %s', async (_name, parameters, path) => {
		for (const [authentication, onError] of [
			['basicAuth', 'continueRegularOutput'],
			['oAuth2', 'stopWorkflow'],
		] as const) {
			env.sandbox.reset();
			env.sandbox.state.accessTokens.add(ACCESS_TOKEN);
			env.sandbox.faults.add({ path, echoRequest: true, status: 400, times: Infinity });
			const run = await runEloqua(env.sandbox, { authentication, ...parameters }, [{}], {
				onError,
				credentials: {
					eloquaApi: env.sandbox.credentials(),
					eloquaOAuth2Api: env.sandbox.oauthCredentials({
						oauthTokenData: {
							access_token: ACCESS_TOKEN,
							refresh_token: REFRESH_TOKEN,
							token_type: 'bearer',
						},
					}),
				},
			});
			expect(env.sandbox.requestsTo(path)).not.toHaveLength(0);
			expectNothingSaid(everythingSaid(run));
		}
	});
});
