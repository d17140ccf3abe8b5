import { EloquaApi } from '../../credentials/EloquaApi.credentials';
import { EloquaOAuth2Api } from '../../credentials/EloquaOAuth2Api.credentials';
import { testCredential } from '../harness/credential-test';
import { useEloquaSandbox } from '../harness/eloqua';

describe('Eloqua credentials', () => {
	const env = useEloquaSandbox();

	it('passes the credential test with good Basic credentials, calling /id as Site\\User', async () => {
		const { sandbox } = env;
		expect(await testCredential(new EloquaApi(), sandbox.credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/id', sandbox.basicAuthorization],
		]);
	});

	it('fails the credential test clearly on the "Not authenticated." answer', async () => {
		const { sandbox } = env;
		const result = await testCredential(
			new EloquaApi(),
			sandbox.credentials({ password: 'wrong-password' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Eloqua answered "Not authenticated.": check the site name, username and password/,
		);
		expect(result.message).not.toContain('wrong-password');
	});

	it('tolerates a trailing slash in the login URL', async () => {
		const { sandbox } = env;
		expect(
			(await testCredential(new EloquaApi(), sandbox.credentials({ loginUrl: `${sandbox.url}/` })))
				.status,
		).toBe('OK');
	});

	it('derives the OAuth2 endpoints from the login URL and asks for the full scope with header auth', () => {
		const properties = Object.fromEntries(
			new EloquaOAuth2Api().properties.map((p) => [p.name, p.default]),
		);
		expect(properties).toMatchObject({
			grantType: 'authorizationCode',
			loginUrl: 'https://login.eloqua.com',
			authUrl: '={{$self["loginUrl"].replace(/\\/+$/, "") + "/auth/oauth2/authorize"}}',
			accessTokenUrl: '={{$self["loginUrl"].replace(/\\/+$/, "") + "/auth/oauth2/token"}}',
			scope: 'full',
			authentication: 'header',
		});
		expect(new EloquaOAuth2Api().extends).toEqual(['oAuth2Api']);
	});

	it('masks the password field', () => {
		const password = new EloquaApi().properties.find((p) => p.name === 'password');
		expect(password?.typeOptions?.password).toBe(true);
	});
});
