import { NodeApiError, type INode } from 'n8n-workflow';

import { bodyText } from '../../shared/transport/explain';
import type { HttpResult } from '../../shared/transport/http';
import { trimSlash } from '../../shared/transport/url';

export const DEFAULT_LOGIN_URL = 'https://login.eloqua.com';

export function loginUrlOf(credentials: { loginUrl?: unknown }): string {
	const url = typeof credentials.loginUrl === 'string' ? credentials.loginUrl.trim() : '';
	return trimSlash(url || DEFAULT_LOGIN_URL);
}

function isEloquaHost(url: URL): boolean {
	return (
		url.protocol === 'https:' &&
		(url.hostname === 'eloqua.com' || url.hostname.endsWith('.eloqua.com'))
	);
}

function authFailure(node: INode, detail: string): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'Eloqua did not accept the credentials' },
		{
			message: `Eloqua did not accept the credentials (${detail})`,
			description:
				'Check the site name, username and password (or reconnect OAuth2), that the user is enabled, and that your Eloqua IP allow-list admits this n8n server.',
			httpCode: '401',
		},
	);
}

/**
 * Reads the instance's base URL from the answer of `GET {login}/id`. Eloqua answers bad credentials
 * with HTTP 200 and the JSON string "Not authenticated.", so anything but an object is a refusal.
 * With the default login URL the base must be https on an eloqua.com host: the credentials are sent
 * there next, and nowhere else.
 */
export function baseUrlFromIdAnswer(node: INode, result: HttpResult, loginUrl: string): string {
	if (result.kind !== 'response') {
		throw new NodeApiError(
			node,
			{ message: 'Could not reach the Eloqua login service' },
			{
				message: `Could not reach the Eloqua login service at ${loginUrl}`,
				description:
					'Check the Login URL in the credential, the network and any proxy, then try again.',
			},
		);
	}
	const answer = result.body as { urls?: { base?: unknown } } | string | undefined;
	if (result.status >= 300) throw authFailure(node, `HTTP ${result.status}`);
	if (typeof answer !== 'object' || answer === null)
		throw authFailure(node, `"${bodyText(answer)}"`);
	const base = answer.urls?.base;
	let url: URL | undefined;
	try {
		url = typeof base === 'string' ? new URL(base) : undefined;
	} catch {
		url = undefined;
	}
	if (!url) throw authFailure(node, 'the login answer named no instance address');
	if (loginUrl === DEFAULT_LOGIN_URL && !isEloquaHost(url)) {
		throw new NodeApiError(
			node,
			{ message: 'Refused to send credentials to an unexpected address' },
			{
				message: `Eloqua's login service named ${url.origin} as the instance address, which is not an https eloqua.com host; nothing was sent there`,
				description:
					'With the default login URL the node only talks to https://*.eloqua.com. If you use a proxy or a test server, set its address as the Login URL in the credential.',
			},
		);
	}
	return trimSlash(url.origin + url.pathname);
}
