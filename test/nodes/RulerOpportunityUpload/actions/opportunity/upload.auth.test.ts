import {
	deal,
	deals,
	fieldsOf,
	runContinuing,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';
import { errorOf } from '../../../../harness/engine';

const SECRET_PASSWORD = 'Sup3r-Secret!pass';

/** What n8n saves after a login: the token, and when the node stops using it. */
const savedLogin = (sessionToken: string) => ({
	type: 'rulerApi',
	data: { sessionToken, sessionExpiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/) },
});

const trail = (sandbox: RulerSandbox) =>
	sandbox.requests.map((r) =>
		`${r.method} ${r.path} ${r.fault ?? r.status} ${r.headers.authorization ?? ''}`.trim(),
	);

describe('logging in, tokens and secrets', () => {
	const env = useRulerSandbox({ password: SECRET_PASSWORD });

	it('logs in again after a 401 on a stale token, saves the new token and sends the request once more', async () => {
		const { sandbox } = env;
		const stale = sandbox.issueToken();
		sandbox.expireTokens();

		const { main, error, credentialsHelper } = await runRuler(
			sandbox,
			uploadParameters(),
			[deal('N-0')],
			{
				credentials: { rulerApi: sandbox.credentials({ sessionToken: stale }) },
			},
		);

		expect(error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			`PUT /v1/1234/opportunity/upload 401 Bearer ${stale}`,
			'POST /v1/login 200',
			'PUT /v1/1234/opportunity/upload 201 Bearer ruler-token-2',
		]);
		expect(credentialsHelper.updates).toEqual([savedLogin('ruler-token-2')]);
		expect(main[0].json).toMatchObject({ status: 'uploaded', httpStatus: 201, attempts: 1 });
		expect(sandbox.writesFor('1234', 'N-0')).toBe(1);
	});

	it('uses a pasted access token: checks it once with an empty upload to site 0, never logs in', async () => {
		const { sandbox } = env;
		const credentials = sandbox.tokenCredentials();

		const { main, error, credentialsHelper } = await runRuler(
			sandbox,
			uploadParameters(),
			[deal('K-0'), deal('K-1')],
			{
				credentials: { rulerApi: credentials },
			},
		);

		expect(error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			'PUT /v1/0/opportunity/upload 400 Bearer ruler-token-1',
			'PUT /v1/1234/opportunity/upload 201 Bearer ruler-token-1',
			'PUT /v1/1234/opportunity/upload 201 Bearer ruler-token-1',
		]);
		expect(sandbox.requests[0].body).toBe('{}');
		expect(credentialsHelper.updates).toEqual([
			{ type: 'rulerApi', data: { sessionToken: 'checked' } },
		]);
		expect(main.map((item) => item.json.status)).toEqual(['uploaded', 'uploaded']);
	});

	it('stops at the first refusal of a pasted token and sends nothing more', async () => {
		const { sandbox } = env;
		const credentials = sandbox.tokenCredentials({ accessToken: 'not-a-ruler-token' });

		const { main } = await runRuler(
			sandbox,
			uploadParameters(),
			[deal('R-0'), deal('R-1'), deal('R-2')],
			{
				credentials: { rulerApi: credentials },
				onError: 'continueRegularOutput',
			},
		);

		expect(trail(sandbox)).toEqual(['PUT /v1/0/opportunity/upload 401 Bearer not-a-ruler-token']);
		expect(main.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[{ item: 0 }, 'Item 0 (reference "R-0"): Ruler did not accept the access token (HTTP 401)'],
			[
				{ item: 1 },
				'Item 1 (reference "R-1"): Not sent, as item 0 failed: Ruler did not accept the access token (HTTP 401)',
			],
			[
				{ item: 2 },
				'Item 2 (reference "R-2"): Not sent, as item 0 failed: Ruler did not accept the access token (HTTP 401)',
			],
		]);
		expect(fieldsOf(main[0]).description).toBe(
			'The pasted token is wrong or has expired. Paste a current token in the credential, or switch it to Username and Password so that n8n logs in by itself. Ruler said: Authorization has been denied for this request.',
		);
		expect(fieldsOf(main[1])).toMatchObject({ status: 'failed', httpStatus: null, attempts: 0 });
	});

	it('says "Ruler login failed" in plain words for a wrong password, tries once and sends nothing', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(sandbox, uploadParameters(), [deal('P-0'), deal('P-1')], {
			credentials: { rulerApi: sandbox.credentials({ password: 'wrong-password' }) },
			onError: 'continueRegularOutput',
		});

		expect(trail(sandbox)).toEqual(['POST /v1/login 400']);
		expect(main.map((item) => errorOf(item).message)).toEqual([
			'Item 0 (reference "P-0"): Ruler login failed (HTTP 400)',
			'Item 1 (reference "P-1"): Not sent, as item 0 failed: Ruler login failed (HTTP 400)',
		]);
		expect(fieldsOf(main[0])).toEqual({
			status: 'failed',
			dealKey: 'P-0',
			reference: 'P-0',
			siteId: '1234',
			valueGiven: 1000,
			valueSent: 1000,
			warnings: [],
			httpStatus: 400,
			response: {
				error: 'invalid_grant',
				error_description: 'The user name or password is incorrect.',
			},
			attempts: 1,
			retriedAfter: [],
			description: `n8n could not log in to Ruler at ${sandbox.url}/v1/login. Check the username and password in the Ruler credential, and its Auth URL. Ruler said: The user name or password is incorrect.`,
		});
		expect(JSON.stringify(main)).not.toContain('wrong-password');
	});

	it('treats a login answer without a token as a failed login', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ path: '/v1/login', status: 200, body: { scope: 'api' } });

		const { main } = await runRuler(sandbox, uploadParameters(), [deal('E-0')], {
			onError: 'continueRegularOutput',
		});

		expect(trail(sandbox)).toEqual(['POST /v1/login 200']);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "E-0"): Ruler login failed (HTTP 200)',
		);
		expect(fieldsOf(main[0]).description).toMatch(
			/ Ruler said: The login answer had no access token\.$/,
		);
	});

	it('retries a login that met a temporary error', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ path: '/v1/login', status: 503, headers: { 'Retry-After': '0' } });

		const { main } = await runRuler(sandbox, uploadParameters(), [deal('M-0')]);

		expect(trail(sandbox)).toEqual([
			'POST /v1/login 503',
			'POST /v1/login 200',
			'PUT /v1/1234/opportunity/upload 201 Bearer ruler-token-1',
		]);
		expect(main[0].json).toMatchObject({
			status: 'uploaded',
			attempts: 2,
			retriedAfter: ['HTTP 503'],
		});
	});

	it('logs in with the first valid item alone, also when the items before it are invalid', async () => {
		const { sandbox } = env;
		sandbox.config.latencyMs = 40;
		const items = [deal('X-0', { currency: 'pounds' }), deal('X-1', { stage: '' }), ...deals(6)];

		const { main } = await runContinuing(sandbox, items, { concurrency: 3 });

		// Successes come first, then the failures, each in input order.
		expect(main.map((item) => fieldsOf(item).status)).toEqual([
			...Array(6).fill('uploaded'),
			'invalid',
			'invalid',
		]);
		expect(sandbox.requestsTo('/v1/login', 'POST')).toHaveLength(1);
		const sent = uploadsOf(sandbox);
		expect(JSON.parse(sent[0].body ?? '').Reference).toBe('D-0');
		// D-0 went alone: the next upload arrived only after its answer (40 ms of latency).
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(40);
	});

	it('after a 403, logs in afresh and resends once; a second 403 stops the run, also uploads waiting for their turn', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			times: Infinity,
			pick: (request) =>
				JSON.parse(request.body ?? '{}').Reference === 'D-1'
					? { status: 403, body: { message: 'No access to this site.' } }
					: undefined,
		});

		const { main } = await runContinuing(sandbox, deals(6), {
			concurrency: 4,
			requestsPerSecond: 5,
		});

		expect(trail(sandbox)).toEqual([
			'POST /v1/login 200',
			'PUT /v1/1234/opportunity/upload 201 Bearer ruler-token-1',
			'PUT /v1/1234/opportunity/upload 403 Bearer ruler-token-1',
			'POST /v1/login 200',
			'PUT /v1/1234/opportunity/upload 403 Bearer ruler-token-2',
		]);
		expect(uploadsOf(sandbox).map((r) => JSON.parse(r.body ?? '').Reference)).toEqual([
			'D-0',
			'D-1',
			'D-1',
		]);
		expect(main.map((item) => fieldsOf(item).status)).toEqual([
			'uploaded',
			'failed',
			'failed',
			'failed',
			'failed',
			'failed',
		]);
		expect(errorOf(main[1]).message).toBe(
			'Item 1 (reference "D-1"): Ruler refused access (HTTP 403)',
		);
		expect(fieldsOf(main[1])).toMatchObject({
			httpStatus: 403,
			attempts: 2,
			retriedAfter: ['HTTP 403'],
			description:
				"n8n logged in again and sent it once more, and Ruler refused it again: the user of the credential may not upload opportunities to this site. Check the Site ID, and the user's access to the site in Ruler. Ruler said: No access to this site.",
		});
		for (const item of main.slice(2)) {
			expect(errorOf(item).message).toMatch(/: Not sent, as item 1 failed: Ruler refused access/);
		}
	});

	it('puts no password or token in any output item or error', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			status: 500,
			body: { message: 'Echo: Authorization: Bearer ruler-token-1', access_token: 'ruler-token-1' },
		});

		const failedRun = await runRuler(sandbox, uploadParameters(), [
			deal('Z-0'),
			deal('Z-1', { currency: 'x' }),
		]);
		const routedRun = await runRuler(sandbox, uploadParameters(), [deal('Z-0'), deal('Z-2')], {
			onError: 'continueErrorOutput',
		});
		const refusedRun = await runRuler(sandbox, uploadParameters(), [deal('Z-3')], {
			credentials: { rulerApi: sandbox.credentials({ password: `${SECRET_PASSWORD}-old` }) },
		});

		expect(failedRun.error?.message).toBe('2 of 2 items failed (0 uploaded)');
		expect(routedRun.errorOutput).toHaveLength(0);
		expect(refusedRun.error?.description).toContain('Ruler login failed (HTTP 400)');
		const everything = JSON.stringify(
			[failedRun, routedRun, refusedRun].map((r) => [
				r.main,
				r.errorOutput,
				r.error,
				r.error?.description,
			]),
		);
		expect(everything).toContain('[redacted]');
		expect(everything).not.toContain(SECRET_PASSWORD);
		expect(everything).not.toMatch(/ruler-token-\d/);
	});
});
