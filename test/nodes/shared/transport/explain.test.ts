import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import {
	bodyText,
	errorFields,
	explainFailure,
	redact,
} from '../../../../nodes/shared/transport/explain';

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

describe('errorFields', () => {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: 'test.node',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	it("reads n8n's API error: its message, description and HTTP status as a number", () => {
		const error = new NodeApiError(
			node,
			{ message: 'raw answer' },
			{ message: 'Eloqua is busy', description: 'Try again later.', httpCode: '503' },
		);
		expect(errorFields(error)).toEqual({
			message: 'Eloqua is busy',
			description: 'Try again later.',
			httpStatus: 503,
		});
	});

	it('takes the message n8n derives from the status when the API error names none', () => {
		const error = new NodeApiError(node, { message: 'x' }, { httpCode: '404' });
		expect(errorFields(error)).toEqual({
			message: error.message,
			description: 'x',
			httpStatus: 404,
		});
		expect(error.message).not.toBe('x');
	});

	it("reads n8n's operation error, which has no HTTP status", () => {
		expect(
			errorFields(new NodeOperationError(node, 'Sync failed', { description: 'See the logs.' })),
		).toEqual({ message: 'Sync failed', description: 'See the logs.' });
	});

	it('reads a plain error, a thrown text and a thrown nothing', () => {
		expect(errorFields(new Error('socket hang up'))).toEqual({ message: 'socket hang up' });
		expect(errorFields('gave up')).toEqual({ message: 'gave up' });
		expect(errorFields(undefined)).toEqual({ message: 'undefined' });
		expect(errorFields(null)).toEqual({ message: 'null' });
	});

	it('keeps only a usable description and a real status', () => {
		const odd = (fields: object) => errorFields(Object.assign(new Error('m'), fields));
		expect(odd({ description: '' })).toEqual({ message: 'm' });
		expect(odd({ description: { text: 'object' } })).toEqual({ message: 'm' });
		expect(odd({ httpCode: 'ECONNRESET' })).toEqual({ message: 'm' });
		expect(odd({ httpCode: '0' })).toEqual({ message: 'm' });
		expect(odd({ httpCode: '42.5' })).toEqual({ message: 'm' });
		expect(odd({ httpCode: null })).toEqual({ message: 'm' });
		expect(odd({ httpCode: 429 })).toEqual({ message: 'm', httpStatus: 429 });
	});
});
