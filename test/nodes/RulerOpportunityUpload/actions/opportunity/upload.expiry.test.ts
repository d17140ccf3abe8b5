import { errorOf } from '../../../../harness/engine';
import {
	deal,
	deals,
	fieldsOf,
	runContinuing,
	runRuler,
	uploadParameters,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';

// API-CONTRACT.md, Single upload: tokens come with expires_in and no refresh endpoint; whether an
// expired token answers 401 or 403 is [open].

const trail = (sandbox: RulerSandbox) =>
	sandbox.requests.map((r) =>
		`${r.method} ${r.path} ${r.fault ?? r.status} ${r.headers.authorization ?? ''}`.trim(),
	);

const LOGIN = 'POST /v1/login 200';
const upload = (status: number | string, token: string) =>
	`PUT /v1/1234/opportunity/upload ${status} Bearer ${token}`;

const iso = (ms: number) => new Date(ms).toISOString();

describe('an expired token answered 403: one fresh login and one resend', () => {
	const env = useRulerSandbox({ expiredTokenStatus: 403 });

	it('logs in again after a 403 on a stale token, saves the new token and sends the item once more', async () => {
		const { sandbox } = env;
		const stale = sandbox.issueToken();
		sandbox.expireTokens();

		const { main, error, credentialsHelper } = await runRuler(
			sandbox,
			uploadParameters(),
			[deal('E-0'), deal('E-1')],
			{ credentials: { rulerApi: sandbox.credentials({ sessionToken: stale }) } },
		);

		expect(error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			upload(403, stale),
			LOGIN,
			upload(201, 'ruler-token-2'),
			upload(201, 'ruler-token-2'),
		]);
		expect(credentialsHelper.updates.map((u) => u.data.sessionToken)).toEqual(['ruler-token-2']);
		expect(main.map((item) => item.json)).toMatchObject([
			{ status: 'uploaded', httpStatus: 201, attempts: 2, retriedAfter: ['HTTP 403'] },
			{ status: 'uploaded', httpStatus: 201, attempts: 1, retriedAfter: [] },
		]);
		expect(sandbox.writesFor('1234', 'E-0')).toBe(1);
	});

	it('gives a pasted token no second chance: its 403 stops the run without a login', async () => {
		const { sandbox } = env;
		const credentials = sandbox.tokenCredentials({ sessionToken: 'checked' });
		sandbox.expireTokens();

		const { main } = await runRuler(sandbox, uploadParameters(), [deal('T-0'), deal('T-1')], {
			credentials: { rulerApi: credentials },
			onError: 'continueRegularOutput',
		});

		expect(trail(sandbox)).toEqual([upload(403, 'ruler-token-1')]);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "T-0"): Ruler refused access (HTTP 403)',
		);
		expect(fieldsOf(main[0])).toMatchObject({ attempts: 1, retriedAfter: [] });
		expect(errorOf(main[1]).message).toMatch(/: Not sent, as item 0 failed: Ruler refused access/);
	});
});

describe('what n8n saves after a login', () => {
	const env = useRulerSandbox({ expiresIn: 3600 });

	it('saves when the token stops being used: expires_in after the login, less a tenth of it', async () => {
		const { sandbox } = env;
		const before = Date.now();

		const { credentialsHelper } = await runRuler(sandbox, uploadParameters(), [deal('S-0')]);

		const saved = Date.parse(String(credentialsHelper.updates[0].data.sessionExpiresAt));
		// 3600 s, less a tenth of it capped at a minute.
		expect(saved).toBeGreaterThanOrEqual(before + 3_540_000);
		expect(saved).toBeLessThanOrEqual(Date.now() + 3_540_000);
	});
});

describe("logging in again once the token's expires_in has passed", () => {
	const env = useRulerSandbox({ expiresIn: 1 });

	it('logs in before the first upload when the saved token has expired, and never sends it', async () => {
		const { sandbox } = env;
		const saved = sandbox.issueToken();

		const { main, credentialsHelper } = await runRuler(sandbox, uploadParameters(), [deal('P-0')], {
			credentials: {
				rulerApi: sandbox.credentials({
					sessionToken: saved,
					sessionExpiresAt: iso(Date.now() - 1000),
				}),
			},
		});

		expect(trail(sandbox)).toEqual([LOGIN, upload(201, 'ruler-token-2')]);
		expect(credentialsHelper.updates.map((u) => u.data.sessionToken)).toEqual(['ruler-token-2']);
		expect(main[0].json).toMatchObject({ status: 'uploaded', attempts: 1 });
	});

	it('uses a saved token that has not expired as it is', async () => {
		const { sandbox } = env;
		const saved = sandbox.issueToken();

		await runRuler(sandbox, uploadParameters(), [deal('P-1')], {
			credentials: {
				rulerApi: sandbox.credentials({
					sessionToken: saved,
					sessionExpiresAt: iso(Date.now() + 60_000),
				}),
			},
		});

		expect(trail(sandbox)).toEqual([upload(201, saved)]);
	});

	it('renews once in the middle of a run: one upload logs in, the others wait and use the new token', async () => {
		const { sandbox } = env;
		// D-0 is answered after a second: by then the token (1 s, used for 0.9 s) has expired.
		sandbox.faults.add({
			path: sandbox.uploadPath,
			pick: (request) =>
				JSON.parse(request.body ?? '{}').Reference === 'D-0' ? { delayMs: 1000 } : undefined,
		});

		const { main } = await runContinuing(sandbox, deals(4), { concurrency: 3 });

		const sent = trail(sandbox);
		expect(sent.slice(0, 4)).toEqual([
			LOGIN,
			upload('delay 1000', 'ruler-token-1'),
			LOGIN,
			upload(201, 'ruler-token-2'),
		]);
		expect(sent.slice(4).sort()).toEqual([
			upload(201, 'ruler-token-2'),
			upload(201, 'ruler-token-2'),
		]);
		expect(main.map((item) => item.json.status)).toEqual(Array(4).fill('uploaded'));
	});
});

describe('a Ruler that keeps to expires_in: the node never sends an expired token', () => {
	const env = useRulerSandbox({ expiresIn: 1, tokensExpire: true, expiredTokenStatus: 403 });

	it('logs in again before the upload that comes after the token expired', async () => {
		const { sandbox } = env;

		// Two seconds apart: the first token has expired when the second upload is due.
		const { main } = await runContinuing(sandbox, deals(2), { requestsPerSecond: 0.5 });

		expect(trail(sandbox)).toEqual([
			LOGIN,
			upload(201, 'ruler-token-1'),
			LOGIN,
			upload(201, 'ruler-token-2'),
		]);
		expect(main.map((item) => item.json)).toMatchObject([
			{ status: 'uploaded', attempts: 1 },
			{ status: 'uploaded', attempts: 1 },
		]);
	});
});
