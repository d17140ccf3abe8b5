import { createHash } from 'crypto';
import type { INode } from 'n8n-workflow';

import {
	BASE_URL_TTL_MS,
	BASE_URLS,
	baseUrlCacheKey,
	baseUrlFromIdAnswer,
	DEFAULT_LOGIN_URL,
	loginUrlOf,
} from '../../../../nodes/EloquaOpportunityImport/transport/baseUrl';
import type { HttpResult } from '../../../../nodes/shared/transport/http';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';

const node = {
	name: 'Eloqua',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const answer = (body: unknown, status = 200): HttpResult => ({
	kind: 'response',
	status,
	headers: {},
	body,
	url: `${DEFAULT_LOGIN_URL}/id`,
});
const withBase = (base: string) => answer({ site: { id: 1 }, urls: { base } });

describe('the base URL rule: credentials go only to the login host and an https eloqua.com base', () => {
	it('accepts an https pod on eloqua.com with the default login URL', () => {
		expect(
			baseUrlFromIdAnswer(node, withBase('https://secure.p03.eloqua.com'), DEFAULT_LOGIN_URL),
		).toBe('https://secure.p03.eloqua.com');
	});

	it.each([
		'http://secure.p03.eloqua.com',
		'https://eloqua.com.evil.example',
		'https://evil.example/secure.p03.eloqua.com',
		'https://secure.p03.eloqua.com.attacker.net',
	])('refuses %s with the default login URL', (base) => {
		expect(() => baseUrlFromIdAnswer(node, withBase(base), DEFAULT_LOGIN_URL)).toThrow(
			/not an https eloqua.com host; nothing was sent there/,
		);
	});

	it('allows another base when the credential names its own login URL (a proxy or a test server)', () => {
		expect(
			baseUrlFromIdAnswer(node, withBase('http://127.0.0.1:8080/pod1/'), 'http://127.0.0.1:8080'),
		).toBe('http://127.0.0.1:8080/pod1');
	});

	it.each([
		[answer('Not authenticated.'), 'Eloqua did not accept the credentials ("Not authenticated.")'],
		[
			answer({ site: {} }),
			'Eloqua did not accept the credentials (the login answer named no instance address)',
		],
		[answer('', 401), 'Eloqua did not accept the credentials (HTTP 401)'],
		[
			{ kind: 'network', code: 'ENOTFOUND', url: '' } as HttpResult,
			'Could not reach the Eloqua login service at https://login.eloqua.com',
		],
	])('explains a refused or failed lookup', (result, message) => {
		expect(() => baseUrlFromIdAnswer(node, result, DEFAULT_LOGIN_URL)).toThrow(message);
	});

	it('reads the login URL from the credential, defaulting to login.eloqua.com', () => {
		expect(loginUrlOf({})).toBe(DEFAULT_LOGIN_URL);
		expect(loginUrlOf({ loginUrl: ' https://proxy.example/eloqua/ ' })).toBe(
			'https://proxy.example/eloqua',
		);
	});
});

describe('the base URL cache: /id once per credential and hour, never keyed by a secret', () => {
	const PASSWORD = 'correct horse battery staple';
	const basic = { siteName: 'Acme', username: 'ada', password: PASSWORD, loginUrl: '' };

	it('keys a credential by a keyed hash that holds no secret and no plain hash of one', () => {
		const key = baseUrlCacheKey('eloquaApi', basic);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		const plainHashes = [PASSWORD, JSON.stringify([PASSWORD, null, null])].map((text) =>
			createHash('sha256').update(text).digest('hex'),
		);
		for (const leak of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), ...plainHashes])
			expect(key).not.toContain(leak);
		expect(baseUrlCacheKey('eloquaApi', { ...basic })).toBe(key);
	});

	it('gives each credential its own entry', () => {
		const token = (access_token: string) => ({
			loginUrl: '',
			clientId: 'app',
			clientSecret: 'app-secret',
			oauthTokenData: { access_token },
		});
		const keys = [
			baseUrlCacheKey('eloquaApi', basic),
			baseUrlCacheKey('eloquaApi', { ...basic, password: 'another password' }),
			baseUrlCacheKey('eloquaApi', { ...basic, username: 'grace' }),
			baseUrlCacheKey('eloquaApi', { ...basic, siteName: 'Other' }),
			baseUrlCacheKey('eloquaApi', { ...basic, loginUrl: 'https://proxy.example' }),
			baseUrlCacheKey('eloquaOAuth2Api', token('user-a')),
			// Users of two instances may authorise the same OAuth2 app.
			baseUrlCacheKey('eloquaOAuth2Api', token('user-b')),
		];
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('forgets a base URL after an hour', () => {
		BASE_URLS.clear();
		BASE_URLS.set('k', 'https://secure.p03.eloqua.com', 1000);
		expect(BASE_URLS.get('k', 1000 + BASE_URL_TTL_MS - 1)).toBe('https://secure.p03.eloqua.com');
		expect(BASE_URLS.get('k', 1000 + BASE_URL_TTL_MS)).toBeUndefined();
		BASE_URLS.set('old', 'https://a.eloqua.com', 0);
		BASE_URLS.set('new', 'https://b.eloqua.com', BASE_URL_TTL_MS);
		expect(BASE_URLS.size).toBe(1);
	});
});

describe('the base URL cache through the node', () => {
	const env = useEloquaSandbox();
	const rows = [opportunity(1)];

	it('asks /id once for two runs with the same credential', async () => {
		const { sandbox } = env;
		const first = await runEloqua(sandbox, importParameters(), rows);
		const before = sandbox.requests.length;
		const second = await runEloqua(sandbox, importParameters(), rows, { executionId: '2' });
		expect([first.main[0].json.status, second.main[0].json.status]).toEqual([
			'imported',
			'imported',
		]);
		expect(sandbox.requestsTo('/id')).toHaveLength(1);
		const secondRun = sandbox.requests.slice(before).map((r) => r.path);
		expect(secondRun[0]).toBe('/pod1/api/bulk/2.0/opportunities/fields');
		expect(secondRun.every((path) => path.startsWith('/pod1/api/bulk/2.0/'))).toBe(true);
	});

	it('looks again after a 401 and remembers the new address for the next run', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters(), rows);
		sandbox.movePod();
		const moved = await runEloqua(sandbox, importParameters(), rows, { executionId: '2' });
		const before = sandbox.requests.length;
		const after = await runEloqua(sandbox, importParameters(), rows, { executionId: '3' });
		expect([moved.main[0].json.status, after.main[0].json.status]).toEqual([
			'imported',
			'imported',
		]);
		expect(sandbox.requestsTo('/id')).toHaveLength(2);
		expect(sandbox.requests.slice(before).map((r) => r.path.split('/')[1])).toEqual(
			Array(sandbox.requests.length - before).fill('pod2'),
		);
	});

	it('keeps separate entries for separate credentials, and never one for refused credentials', async () => {
		const { sandbox } = env;
		const oauth = { authentication: 'oAuth2' };
		const wrong = { credentials: { eloquaApi: sandbox.credentials({ password: 'wrong' }) } };
		await runEloqua(sandbox, importParameters(), rows);
		await runEloqua(sandbox, importParameters(oauth), rows);
		await runEloqua(sandbox, importParameters(), rows);
		await runEloqua(sandbox, importParameters(oauth), rows);
		expect(sandbox.requestsTo('/id').map((r) => r.headers.authorization)).toEqual([
			sandbox.basicAuthorization,
			'Bearer valid-access-token',
		]);
		const before = sandbox.requests.length;
		const refused = await runEloqua(sandbox, importParameters(), rows, wrong);
		const again = await runEloqua(sandbox, importParameters(), rows, wrong);
		expect([refused.error?.message, again.error?.message]).toEqual([
			'Eloqua did not accept the credentials ("Not authenticated.")',
			'Eloqua did not accept the credentials ("Not authenticated.")',
		]);
		expect(sandbox.requests.slice(before).map((r) => r.path)).toEqual(['/id', '/id']);
	});
});
