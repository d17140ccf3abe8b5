import type { IDataObject } from 'n8n-workflow';

import { deal, runRuler, uploadParameters, useRulerSandbox } from '../harness/ruler';
import { everythingSaid, sentinel } from './said';

const PASSWORD = sentinel('ruler-pass');
const TOKEN_PREFIX = `${sentinel('ruler-session')}-`;
const PASTED_TOKEN = sentinel('ruler-pasted');
const WRONG_PASSWORD = sentinel('ruler-wrong');

describe('Ruler secrets never surface', () => {
	const env = useRulerSandbox({ password: PASSWORD, tokenPrefix: TOKEN_PREFIX });
	const upload = () => env.sandbox.uploadPath;

	// Every error path of an upload: echoed requests (headers and body), refusals, server errors,
	// retries given up, dropped connections, a stale token, a wrong password.
	const scenarios: Array<[string, () => void, IDataObject | undefined]> = [
		[
			'a 400 that echoes the request headers and body',
			() =>
				env.sandbox.faults.add({ path: upload(), echoRequest: true, status: 400, times: Infinity }),
			undefined,
		],
		[
			'a 500 that echoes the request',
			() =>
				env.sandbox.faults.add({ path: upload(), echoRequest: true, status: 500, times: Infinity }),
			undefined,
		],
		[
			'a 503 that echoes the request until the retries are used up',
			() =>
				env.sandbox.faults.add({
					path: upload(),
					echoRequest: true,
					status: 503,
					headers: { 'Retry-After': '0' },
					times: Infinity,
				}),
			undefined,
		],
		[
			'a login that echoes the form (with the password)',
			() => env.sandbox.faults.add({ path: '/v1/login', echoRequest: true, status: 400 }),
			undefined,
		],
		[
			'a token check that echoes the request',
			() => env.sandbox.faults.add({ path: '/v1/0/', echoRequest: true, status: 401 }),
			undefined,
		],
		[
			'a 401 on every upload',
			() =>
				env.sandbox.faults.add({
					path: upload(),
					status: 401,
					body: { message: 'Unauthorized' },
					times: Infinity,
				}),
			undefined,
		],
		[
			'a 403',
			() =>
				env.sandbox.faults.add({ path: upload(), status: 403, body: 'Forbidden', times: Infinity }),
			undefined,
		],
		[
			'dropped connections',
			() => env.sandbox.faults.add({ path: upload(), reset: true, times: 2 }),
			undefined,
		],
		[
			'a stale session token',
			() => env.sandbox.expireTokens(),
			{ sessionToken: `${TOKEN_PREFIX}stale` },
		],
		['a wrong password', () => undefined, { password: WRONG_PASSWORD }],
		[
			'a wrong pasted token',
			() => undefined,
			{ authMethod: 'accessToken', accessToken: WRONG_PASSWORD },
		],
	];

	for (const onError of ['stopWorkflow', 'continueErrorOutput', 'continueRegularOutput'] as const) {
		it.each(scenarios)(`${onError}: %s`, async (_name, arrange, overrides) => {
			const { sandbox } = env;
			arrange();
			const tokenMode = overrides?.authMethod === 'accessToken' || _name.includes('token check');
			const credentials = tokenMode
				? sandbox.tokenCredentials({ accessToken: PASTED_TOKEN, ...overrides })
				: sandbox.credentials(overrides);
			if (tokenMode && credentials.accessToken === PASTED_TOKEN)
				sandbox.state.tokens.add(PASTED_TOKEN);
			const run = await runRuler(
				sandbox,
				uploadParameters({}, { maxRetries: 1 }),
				[deal('S-0'), deal('S-1', { stage: 'closed won' })],
				{
					onError,
					credentials: { rulerApi: credentials },
				},
			);
			const said = everythingSaid(run);
			// The secrets did reach the sandbox (the scenario is real)...
			expect(
				sandbox.requests.some(
					(r) =>
						(r.headers.authorization ?? '').includes('SENTINEL') ||
						(r.body ?? '').includes('SENTINEL'),
				),
			).toBe(true);
			// ...and none of them came back out.
			for (const secret of [PASSWORD, TOKEN_PREFIX, PASTED_TOKEN, WRONG_PASSWORD, 'SENTINEL'])
				expect(said).not.toContain(secret);
			expect(said).not.toMatch(/Bearer (?!\[redacted\])[A-Za-z0-9._~+/=-]{6,}/);
		});
	}
});
