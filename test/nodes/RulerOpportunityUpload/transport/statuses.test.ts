import type { HttpResult } from '../../../../nodes/shared/transport/http';
import { RequestGate } from '../../../../nodes/shared/transport/gate';
import {
	endpointsOf,
	type SendSettings,
} from '../../../../nodes/RulerOpportunityUpload/transport/client';
import { describeFailure } from '../../../../nodes/RulerOpportunityUpload/transport/statuses';

const loginMode = endpointsOf({ authMethod: 'password', authUrl: 'https://auth.test' });
const tokenMode = endpointsOf({ authMethod: 'accessToken' });
const upload = 'https://rest.rulerapi.com/v1/1/opportunity/upload';
const settings: SendSettings = {
	policy: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 60_000 },
	gate: new RequestGate(0),
	timeoutMs: 100,
	retryUnknownOutcome: true,
};
const answer = (status: number, url = upload): HttpResult => ({
	kind: 'response',
	status,
	headers: {},
	body: '',
	url,
});

describe('which failures stop the run', () => {
	it.each<[string, HttpResult, boolean]>([
		['a failed login', answer(400, 'https://auth.test/v1/login'), true],
		['a 401 (n8n already logged in again once)', answer(401), true],
		['a 403', answer(403), true],
		['a 400', answer(400), false],
		['a 404', answer(404), false],
		['a 429 given up on', answer(429), false],
		['a 500', answer(500), false],
		['a timeout', { kind: 'network', code: 'ECONNABORTED', url: upload }, false],
	])('%s: %s', (_name, result, fatal) => {
		expect(describeFailure({ result, attempts: 1, retriedAfter: [] }, loginMode, settings)).toEqual(
			expect.objectContaining({ fatal }),
		);
	});

	it('says a refused pasted token is the token, not the login', () => {
		const failure = describeFailure(
			{ result: answer(401), attempts: 1, retriedAfter: [] },
			tokenMode,
			settings,
		);
		expect(failure).toEqual(
			expect.objectContaining({
				message: 'Ruler did not accept the access token (HTTP 401)',
				httpStatus: 401,
				fatal: true,
			}),
		);
	});
});
