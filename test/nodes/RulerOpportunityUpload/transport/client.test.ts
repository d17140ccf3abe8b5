import type { HttpResult } from '../../../../nodes/shared/transport/http';
import {
	decideRetry,
	endpointsOf,
	uploadUrl,
} from '../../../../nodes/RulerOpportunityUpload/transport/client';

const url = 'https://rest.rulerapi.com/v1/1/opportunity/upload';
const answer = (status: number, body: unknown = '', headers = {}): HttpResult => ({
	kind: 'response',
	status,
	headers,
	body,
	url,
});
const network = (code: string): HttpResult => ({ kind: 'network', code, url });

describe('the retry decision', () => {
	it.each<[string, HttpResult, boolean, { retry: boolean; retryAfterMs?: number }]>([
		[
			'429 follows Retry-After',
			answer(429, '', { 'Retry-After': '2' }),
			true,
			{ retry: true, retryAfterMs: 2000 },
		],
		[
			'503 without Retry-After backs off',
			answer(503),
			true,
			{ retry: true, retryAfterMs: undefined },
		],
		[
			'503 saying the data is invalid is final',
			answer(503, 'Invalid Visitor Id'),
			true,
			{ retry: false },
		],
		[
			'502 with a validation message is final',
			answer(502, { message: 'Validation failed for VisitorIdentifierOptions' }),
			true,
			{ retry: false },
		],
		['500 is final', answer(500), true, { retry: false }],
		['400 is final', answer(400), true, { retry: false }],
		['401 is final (n8n already logged in again)', answer(401), true, { retry: false }],
		['a reset connection is retried', network('ECONNRESET'), true, { retry: true }],
		[
			'a reset connection is final when unknown outcomes are not retried',
			network('ECONNRESET'),
			false,
			{ retry: false },
		],
		[
			'a refused connection is final: nothing is listening, which a retry does not fix',
			network('ECONNREFUSED'),
			false,
			{ retry: false },
		],
		['504 is final when unknown outcomes are not retried', answer(504), false, { retry: false }],
		[
			'429 is retried when unknown outcomes are not',
			answer(429, '', { 'retry-after': '0' }),
			false,
			{ retry: true, retryAfterMs: 0 },
		],
		['a cancelled request is final', { kind: 'cancelled', url }, true, { retry: false }],
	])('%s', (_name, result, retryUnknownOutcome, expected) => {
		expect(decideRetry(result, retryUnknownOutcome)).toEqual(expected);
	});
});

describe('addresses', () => {
	it("reads the URLs from the credential, without trailing slashes, with Ruler's defaults", () => {
		expect(
			endpointsOf({
				authMethod: 'password',
				apiUrl: 'http://127.0.0.1:9/',
				authUrl: 'http://127.0.0.1:8//',
			}),
		).toEqual({
			apiUrl: 'http://127.0.0.1:9',
			loginUrl: 'http://127.0.0.1:8/v1/login',
			tokenMode: false,
		});
		expect(endpointsOf({ authMethod: 'accessToken' })).toEqual({
			apiUrl: 'https://rest.rulerapi.com',
			loginUrl: undefined,
			tokenMode: true,
		});
	});

	it('encodes the site ID as one path segment', () => {
		const endpoints = endpointsOf({ authMethod: 'accessToken' });
		expect(uploadUrl(endpoints, '../x?y#z')).toBe(
			'https://rest.rulerapi.com/v1/..%2Fx%3Fy%23z/opportunity/upload',
		);
	});
});
