import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const trimSlash = (url: unknown) => String(url ?? '').replace(/\/+$/, '');

/** Thrown messages end up in n8n's credential test and node errors: they name the cause, never a secret. */
async function logIn(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const answer = (await helper.helpers.httpRequest({
		method: 'POST',
		url: `${trimSlash(credentials.authUrl)}/v1/login`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		}).toString(),
		json: true,
	})) as { access_token?: unknown };
	if (typeof answer?.access_token !== 'string' || !answer.access_token) {
		throw new Error('Ruler login answered without an access token: check the username and password');
	}
	return answer.access_token;
}

/**
 * Ruler documents no endpoint that only checks a token, so a pasted token is checked with an empty
 * upload to site 0: Ruler refuses the body (nothing is stored) but answers 401/403 first if the token
 * is not accepted.
 */
async function checkToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const answer = (await helper.helpers.httpRequest({
		method: 'PUT',
		url: `${trimSlash(credentials.apiUrl)}/v1/0/opportunity/upload`,
		headers: { Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		body: {},
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as { statusCode: number };
	if (answer.statusCode === 401 || answer.statusCode === 403) {
		throw new Error(`Ruler did not accept the access token (HTTP ${answer.statusCode}): paste a current token`);
	}
}

export class RulerApi implements ICredentialType {
	name = 'rulerApi';

	displayName = 'Ruler Analytics API';

	icon: Icon = { light: 'file:ruler.svg', dark: 'file:ruler.dark.svg' };

	documentationUrl = 'https://rulerapi.com/post-get-access-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'Username and Password',
					value: 'password',
					description: 'n8n logs in and logs in again whenever the token expires',
				},
				{ name: 'Access Token', value: 'accessToken', description: 'A token you got from Ruler' },
			],
			default: 'password',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['accessToken'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://rest.rulerapi.com',
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://authapi.rulerapi.com',
			displayOptions: { show: { authMethod: ['password'] } },
		},
	];

	/** Runs when the session token is empty, after a 401, and in the credential test. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMethod === 'accessToken') {
			await checkToken(this, credentials);
			return { sessionToken: 'checked' };
		}
		return { sessionToken: await logIn(this, credentials) };
	}

	// A pasted token is read directly so that editing it takes effect at once.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{"Bearer " + ($credentials.authMethod === "accessToken" ? $credentials.accessToken : $credentials.sessionToken)}}',
			},
		},
	};

	// The login or token check above is the real test; this request proves the API URL answers.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}/v1/',
			ignoreHttpStatusErrors: true,
		},
	};
}
