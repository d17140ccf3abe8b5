import { EloquaApi } from '../../credentials/EloquaApi.credentials';
import { EloquaOAuth2Api } from '../../credentials/EloquaOAuth2Api.credentials';
import { RulerApi } from '../../credentials/RulerApi.credentials';
import { withDefaults } from '../harness/credential-defaults';
import { testCredential } from '../harness/credential-test';
import { oauth2Client } from '../harness/oauth2-client';
import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';

const decodeBasic = (header: unknown) =>
	Buffer.from(String(header).replace(/^Basic /, ''), 'base64').toString('utf8');

describe('Eloqua Basic credential', () => {
	// A site name with a space and a password with a colon and non-ASCII letters: the header must
	// still split into the right user and password.
	const env = useEloquaSandbox({ site: 'Acme Corp', username: 'API.User', password: 'pa:ss wörd' });
	const basic = { siteName: 'Acme Corp', username: 'API.User', password: 'pa:ss wörd' };

	it('logs in as "Site\\User" with Basic authentication, in the credential test', async () => {
		const { sandbox } = env;
		expect(await testCredential(new EloquaApi(), { ...basic, loginUrl: sandbox.url })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [request] = sandbox.requests;
		expect(sandbox.requests).toHaveLength(1);
		expect(request.path).toBe('/id');
		expect(request.headers.authorization).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
		expect(decodeBasic(request.headers.authorization)).toBe('Acme Corp\\API.User:pa:ss wörd');
	});

	it('sends the same header on every request of a run', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters(), [opportunity(1)], {
			credentials: { eloquaApi: { ...basic, loginUrl: sandbox.url } },
		});
		expect(main.map((item) => item.json.status)).toEqual(['imported']);
		const headers = new Set(sandbox.requests.map((r) => r.headers.authorization));
		expect(sandbox.requests.length).toBeGreaterThan(3);
		expect([...headers].map(decodeBasic)).toEqual(['Acme Corp\\API.User:pa:ss wörd']);
	});

	it('fails the credential test clearly on the "Not authenticated." answer, without the password', async () => {
		const { sandbox } = env;
		const result = await testCredential(new EloquaApi(), {
			...basic,
			password: 'wrong-password',
			loginUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Eloqua answered "Not authenticated.": check the site name, username and password/,
		);
		expect(result.message).not.toContain('wrong-password');
		expect(decodeBasic(sandbox.requests[0].headers.authorization)).toBe(
			'Acme Corp\\API.User:wrong-password',
		);
	});

	it('tolerates trailing slashes in the login URL', async () => {
		const { sandbox } = env;
		const result = await testCredential(new EloquaApi(), {
			...basic,
			loginUrl: `${sandbox.url}//`,
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/id']);
	});

	it('asks Eloqua itself when the user leaves the login URL alone', () => {
		const data = withDefaults(new EloquaApi(), basic);
		expect(data.loginUrl).toBe('https://login.eloqua.com');
	});
});

describe('Eloqua OAuth2 credential', () => {
	const env = useEloquaSandbox();

	it.each([
		[undefined, 'https://login.eloqua.com'],
		['https://login.eloqua.com/', 'https://login.eloqua.com'],
		['https://proxy.test/eloqua//', 'https://proxy.test/eloqua'],
	])('derives the authorize and token URLs from the login URL %p', (loginUrl, base) => {
		const data = withDefaults(new EloquaOAuth2Api(), loginUrl ? { loginUrl } : {});
		expect(data).toMatchObject({
			authUrl: `${base}/auth/oauth2/authorize`,
			accessTokenUrl: `${base}/auth/oauth2/token`,
		});
	});

	/** The credential as a user saves it: the login URL and the app's client; the rest are defaults. */
	const saved = (loginUrl: string) =>
		withDefaults(new EloquaOAuth2Api(), {
			loginUrl,
			clientId: 'n8n-client',
			clientSecret: 'client-secret',
		});

	it('connects like n8n does: the login page asks for the full scope, the code is exchanged with the client as Basic', async () => {
		const { sandbox } = env;
		const data = saved(`${sandbox.url}/`);
		const callback = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
		const client = oauth2Client(data, callback);

		const login = new URL(client.code.getUri());
		expect(`${login.origin}${login.pathname}`).toBe(`${sandbox.url}/auth/oauth2/authorize`);
		expect(Object.fromEntries(login.searchParams)).toMatchObject({
			client_id: 'n8n-client',
			response_type: 'code',
			scope: 'full',
		});

		const token = await client.code.getToken(`${callback}?code=valid-code`);
		expect(token.accessToken).toMatch(/^access-\d+$/);
		const [exchange] = sandbox.requestsTo('/auth/oauth2/token', 'POST');
		expect(decodeBasic(exchange.headers.authorization)).toBe('n8n-client:client-secret');
	});

	it('refreshes an expired token at the derived token URL and goes on', async () => {
		const { sandbox } = env;
		sandbox.expireAccessTokens();
		const credential = {
			...saved(`${sandbox.url}/`),
			oauthTokenData: {
				access_token: 'valid-access-token',
				refresh_token: 'valid-refresh-token',
				token_type: 'bearer',
			},
		};
		const { main } = await runEloqua(
			sandbox,
			importParameters({ authentication: 'oAuth2' }),
			[opportunity(1)],
			{ credentials: { eloquaOAuth2Api: credential } },
		);
		expect(main.map((item) => item.json.status)).toEqual(['imported']);
		const refreshes = sandbox.requestsTo('/auth/oauth2/token', 'POST');
		expect(refreshes).toHaveLength(1);
		expect(decodeBasic(refreshes[0].headers.authorization)).toBe('n8n-client:client-secret');
	});
});

describe('secrets in the credential forms', () => {
	it('masks every field that holds a password, secret or token', () => {
		const secretFields = [new EloquaApi(), new EloquaOAuth2Api(), new RulerApi()].flatMap((type) =>
			type.properties
				.filter((p) => /password|secret|token/i.test(p.name) && !/url$/i.test(p.name))
				.map((p) => ({
					field: `${type.name}.${p.name}`,
					masked: p.typeOptions?.password === true,
				})),
		);
		expect(secretFields).toHaveLength(4);
		expect(secretFields.filter((f) => !f.masked)).toEqual([]);
	});
});
