import { bodyText, explainFailure, redact } from '../../../../nodes/shared/transport/explain';

describe('bodyText', () => {
	it('lists Eloqua failures field by field', () => {
		expect(
			bodyText({
				failures: [
					{ field: 'name', value: '', constraint: 'Must be a string' },
					{ field: 'fields', constraint: 'Must have 1 to 100 fields', value: '0' },
				],
			}),
		).toBe('name: Must be a string (value ""); fields: Must have 1 to 100 fields (value "0")');
	});

	it('reads the other validation shape', () => {
		expect(
			bodyText([
				{
					container: 'x',
					property: 'updateRule',
					requirement: 'one of always',
					value: 'sometimes',
				},
			]),
		).toBe('updateRule: one of always (value "sometimes")');
	});

	it('reads a message, or falls back to the clipped raw text', () => {
		expect(bodyText({ Message: 'Invalid Visitor Id' })).toBe('Invalid Visitor Id');
		expect(bodyText('x'.repeat(600))).toHaveLength(501);
		expect(bodyText(undefined)).toBe('');
	});

	it('never repeats a credential a server echoed', () => {
		const echoed = bodyText({
			message: 'bad request',
			headers: { authorization: 'Basic c2l0ZVx1c2VyOnBhc3M=' },
		});
		expect(echoed).toBe('bad request');
		expect(bodyText('Authorization: Bearer abc.def.ghi and password=hunter2')).toBe(
			'Authorization: [redacted] [redacted] and password=[redacted]',
		);
	});
});

describe('redact', () => {
	it('masks tokens and passwords in JSON and form text', () => {
		expect(redact('{"access_token":"tok123","password":"p@ss"}')).toBe(
			'{"access_token":"[redacted]","password":"[redacted]"}',
		);
		expect(redact('username=u&password=secret&x=1')).toBe('username=u&password=[redacted]&x=1');
	});
});

describe('explainFailure', () => {
	const statuses = { 503: { message: 'Busy (HTTP 503)', description: 'Try later.' } };
	it('uses the status sentence and appends what the service said', () => {
		expect(
			explainFailure(
				{ kind: 'response', status: 503, headers: {}, body: { message: 'overloaded' }, url: '' },
				statuses,
				'Svc',
			),
		).toEqual({
			message: 'Busy (HTTP 503)',
			description: 'Try later. Svc said: overloaded',
			httpStatus: 503,
			body: 'overloaded',
		});
	});

	it('explains unknown statuses and network failures', () => {
		expect(
			explainFailure(
				{ kind: 'response', status: 418, headers: {}, body: '', url: '' },
				statuses,
				'Svc',
			).message,
		).toBe('The service answered with an unexpected error (HTTP 418)');
		expect(
			explainFailure(
				{ kind: 'network', code: 'ETIMEDOUT', url: 'https://x.test/a' },
				statuses,
				'Svc',
			).message,
		).toBe('Could not reach Svc (ETIMEDOUT)');
	});
});
