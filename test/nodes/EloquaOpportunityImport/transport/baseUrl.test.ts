import type { INode } from 'n8n-workflow';

import {
	baseUrlFromIdAnswer,
	DEFAULT_LOGIN_URL,
	loginUrlOf,
} from '../../../../nodes/EloquaOpportunityImport/transport/baseUrl';
import type { HttpResult } from '../../../../nodes/shared/transport/http';

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
