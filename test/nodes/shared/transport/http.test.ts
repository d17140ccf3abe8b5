import { resultFromError } from '../../../../nodes/shared/transport/http';

describe('resultFromError', () => {
	it('reads the answer from the error n8n 2.x throws', () => {
		const error = {
			message: 'Bad request',
			cause: {
				config: { url: 'https://x.test/a?q=1' },
				response: { status: 400, headers: { 'retry-after': '1' }, data: { message: 'no' } },
			},
		};
		expect(resultFromError(error, 'fallback')).toEqual({
			kind: 'response',
			status: 400,
			headers: { 'retry-after': '1' },
			body: { message: 'no' },
			url: 'https://x.test/a',
		});
	});

	it('reads the status and what the answer said from the error n8n 1.x throws (no response kept)', () => {
		const error = {
			message: 'Bad request - please check your parameters',
			httpCode: '400',
			description: 'PipelineStage is not valid',
		};
		expect(resultFromError(error, 'https://x.test/b')).toEqual({
			kind: 'response',
			status: 400,
			headers: {},
			body: 'PipelineStage is not valid',
			url: 'https://x.test/b',
		});
	});

	it("does not take the HTTP client's own sentence for what the answer said (n8n 1.x)", () => {
		const error = {
			message: 'Bad request - please check your parameters',
			httpCode: '400',
			description: 'Request failed with status code 400',
		};
		expect(resultFromError(error, 'https://x.test/b')).toMatchObject({ status: 400, body: '' });
	});

	it('tells a network failure by its code, and keeps the message of an error raised on the way', () => {
		expect(resultFromError({ cause: { code: 'ECONNRESET' } }, 'u')).toEqual({
			kind: 'network',
			code: 'ECONNRESET',
			url: 'u',
		});
		expect(resultFromError(new Error('Ruler login answered without an access token'), 'u')).toEqual(
			{
				kind: 'network',
				code: 'ERR_UNKNOWN',
				url: 'u',
				message: 'Ruler login answered without an access token',
			},
		);
	});
});
