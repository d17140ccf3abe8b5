import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { trimSlash } from '../nodes/shared/transport/url';
import { sessionExpiry } from '../nodes/RulerOpportunityUpload/transport/session';

const statusOf = (error: unknown) =>
	(error as { response?: { status?: number } })?.response?.status;

/**
 * Failures name the cause in plain words (n8n shows the message in the credential test and in node
 * errors) and never a secret. The HTTP answer stays attached as the cause, so that the node can
 * tell a failed login from a failed upload by the address that answered.
 */
function refusal(message: string, cause: unknown): Error {
	return new Error(message, { cause });
}

async function logIn(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const url = `${trimSlash(credentials.authUrl)}/v1/login`;
	let answer: { access_token?: unknown; expires_in?: unknown };
	try {
		answer = (await helper.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				username: String(credentials.username ?? ''),
				password: String(credentials.password ?? ''),
			}).toString(),
			json: true,
		})) as typeof answer;
	} catch (error) {
		const status = statusOf(error);
		const detail = status ? `HTTP ${status}` : 'no answer';
		throw refusal(
			`Ruler login failed (${detail}): check the username, the password and the Auth URL`,
			error,
		);
	}
	if (typeof answer?.access_token !== 'string' || !answer.access_token) {
		// Shaped like an HTTP client's error, as the answer itself was not an error status.
		const cause = {
			config: { url },
			response: { status: 200, data: 'The login answer had no access token.' },
		};
		throw refusal(
			'Ruler login failed: the answer had no access token; check the username and password',
			cause,
		);
	}
	return { token: answer.access_token, expiresAt: sessionExpiry(answer.expires_in) };
}

/**
 * Ruler documents no endpoint that only checks a token, so a pasted token is checked with an empty
 * upload to site 0: Ruler refuses the body (nothing is stored) but answers 401/403 first if the token
 * is not accepted. No answer at all means the API URL is wrong or unreachable.
 */
async function checkToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	try {
		await helper.helpers.httpRequest({
			method: 'PUT',
			url: `${trimSlash(credentials.apiUrl)}/v1/0/opportunity/upload`,
			headers: {
				Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
				'Content-Type': 'application/json',
			},
			// As text: n8n drops an empty object body, and the check is meant to send an empty opportunity.
			body: '{}',
			json: true,
		});
	} catch (error) {
		const status = statusOf(error);
		if (status === 401 || status === 403) {
			throw refusal(
				`Ruler did not accept the access token (HTTP ${status}): paste a current token`,
				error,
			);
		}
		if (status === undefined) throw error;
	}
}

export class RulerApi implements ICredentialType {
	name = 'rulerApi';

	displayName = 'Ruler Analytics API';

	icon: Icon = {
		light: 'file:../nodes/RulerOpportunityUpload/ruler.svg',
		dark: 'file:../nodes/RulerOpportunityUpload/ruler.dark.svg',
	};

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
					description:
						'n8n logs in, and logs in again when the token has expired or Ruler refuses it',
				},
				{ name: 'Access Token', value: 'accessToken', description: 'A token you got from Ruler' },
			],
			default: 'password',
		},
		{
			displayName: 'Username',
			name: 'username',
			required: true,
			type: 'string',
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			required: true,
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			required: true,
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
			// When the session token is no longer used: Ruler's expires_in after the login, less a margin.
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
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

	/**
	 * n8n runs this when the session token is empty, after a 401, and in the credential test. The node
	 * empties the token in its copy once the token has expired, and after a 403, to have it run.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMethod === 'accessToken') {
			await checkToken(this, credentials);
			return { sessionToken: 'checked' };
		}
		const { token, expiresAt } = await logIn(this, credentials);
		return { sessionToken: token, sessionExpiresAt: expiresAt };
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
