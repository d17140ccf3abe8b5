import { createHash, createHmac, randomBytes } from 'crypto';
import { NodeApiError, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';

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

/** How long a discovered base URL is used before `/id` is asked again. */
export const BASE_URL_TTL_MS = 60 * 60 * 1000;

/**
 * Eloqua throttles `/id` and asks clients to call it once per session and cache the answer. The
 * base URLs of this process, by credential, for an hour.
 */
class BaseUrlCache {
	private readonly entries = new Map<string, { baseUrl: string; expiresAt: number }>();

	get(key: string, now = Date.now()): string | undefined {
		const entry = this.entries.get(key);
		if (entry && entry.expiresAt > now) return entry.baseUrl;
		this.entries.delete(key);
		return undefined;
	}

	set(key: string, baseUrl: string, now = Date.now()): string {
		// Credentials change and tokens rotate: drop what has expired rather than keep it forever.
		for (const [old, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(old);
		this.entries.set(key, { baseUrl, expiresAt: now + BASE_URL_TTL_MS });
		return baseUrl;
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}

export const BASE_URLS = new BaseUrlCache();

/** Hashed with a key made when this process starts, so a cache key cannot be tested against guesses. */
const KEY_SECRET = randomBytes(32);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The cache key of a credential: a keyed hash of its type, login URL, site, user and client, and of
 * a hash of its secrets (password, client secret, OAuth2 access token: an instance's users may share
 * one OAuth2 app). The secrets never appear in it, and it cannot be turned back into them.
 */
export function baseUrlCacheKey(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
): string {
	const token = (credentials.oauthTokenData as { access_token?: unknown } | undefined)
		?.access_token;
	const secrets = sha256(JSON.stringify([credentials.password, credentials.clientSecret, token]));
	const identity = [
		credentialType,
		loginUrlOf(credentials),
		credentials.siteName,
		credentials.username,
		credentials.clientId,
		secrets,
	];
	return createHmac('sha256', KEY_SECRET).update(JSON.stringify(identity)).digest('hex');
}
