import type { IDataObject } from 'n8n-workflow';

import { deal, runRuler, uploadParameters, useRulerSandbox } from '../../../../harness/ruler';
import { errorOf } from '../../../../harness/engine';

// 0 and 3 upload; 1 is invalid; 2 is refused by Ruler (stage case); 4 repeats 0; 5 meets a data error.
const MIXED_BATCH: IDataObject[] = [
	deal('M-0'),
	deal('M-1', { currency: 'pounds' }),
	deal('M-2', { stage: 'closed won' }),
	deal('M-3'),
	deal('M-0', { value: 9 }),
	deal('M-5', { siteId: '777' }),
];

const DATA_ERROR = { path: /^\/v1\/777\//, status: 503, body: 'Invalid Visitor Id' };

describe('one result per item, paired, whichever way failures are handled', () => {
	const env = useRulerSandbox();

	it('gives every item of a mixed batch its own status, paired to its input', async () => {
		const { sandbox } = env;
		sandbox.faults.add(DATA_ERROR);

		const { main, error } = await runRuler(sandbox, uploadParameters(), MIXED_BATCH, {
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(
			main.map((item) => [
				item.pairedItem,
				errorOf(item).status ?? item.json.status,
				errorOf(item).message ?? null,
			]),
		).toEqual([
			[{ item: 0 }, 'uploaded', null],
			[{ item: 3 }, 'uploaded', null],
			[
				{ item: 1 },
				'invalid',
				'Item 1 (reference "M-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds"',
			],
			[
				{ item: 2 },
				'rejected',
				'Item 2 (reference "M-2"): Ruler rejected the opportunity as invalid (HTTP 400): PipelineStage: "closed won" is not a pipeline stage of this site.',
			],
			[
				{ item: 4 },
				'invalid',
				'Item 4 (reference "M-0"): Reference "M-0" was already used by item 0; an opportunity is sent once per run, so this item was not sent',
			],
			[
				{ item: 5 },
				'rejected',
				'Item 5 (reference "M-5"): Ruler rejected the data (HTTP 503: Invalid Visitor Id)',
			],
		]);
		// Invalid items never reach Ruler: only the four valid ones were sent.
		expect(
			sandbox
				.requestsTo(sandbox.uploadPath, 'PUT')
				.map((r) => JSON.parse(r.body ?? '').Reference)
				.sort(),
		).toEqual(['M-0', 'M-2', 'M-3', 'M-5']);
		expect(sandbox.stored('1234', 'M-0')?.OpportunityValue).toBe(1000);
		expect(sandbox.writesFor('1234', 'M-0')).toBe(1);
	});

	it('routes failures to the error output with the input fields merged in', async () => {
		const { sandbox } = env;
		sandbox.faults.add(DATA_ERROR);

		const { main, errorOutput, error } = await runRuler(sandbox, uploadParameters(), MIXED_BATCH, {
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(main).toEqual([
			{
				json: {
					status: 'uploaded',
					dealKey: 'M-0',
					reference: 'M-0',
					siteId: '1234',
					valueGiven: 1000,
					valueSent: 1000,
					warnings: [],
					httpStatus: 201,
					response: null,
					attempts: 1,
					retriedAfter: [],
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					status: 'uploaded',
					dealKey: 'M-3',
					reference: 'M-3',
					siteId: '1234',
					valueGiven: 1000,
					valueSent: 1000,
					warnings: [],
					httpStatus: 201,
					response: null,
					attempts: 1,
					retriedAfter: [],
				},
				pairedItem: { item: 3 },
			},
		]);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 2 },
			{ item: 4 },
			{ item: 5 },
		]);
		expect(errorOutput[3]).toEqual({
			json: {
				...MIXED_BATCH[5],
				error: {
					message:
						'Item 5 (reference "M-5"): Ruler rejected the data (HTTP 503: Invalid Visitor Id)',
					status: 'rejected',
					dealKey: 'M-5',
					reference: 'M-5',
					siteId: '777',
					valueGiven: 1000,
					valueSent: 1000,
					warnings: [],
					httpStatus: 503,
					response: 'Invalid Visitor Id',
					attempts: 1,
					retriedAfter: [],
					description:
						'Ruler reported a problem with the values, so the item was not sent again. Check the visitor identifiers and the other values, and run again.',
				},
			},
			pairedItem: { item: 5 },
		});
		expect(errorOutput[0].json).toEqual({
			...MIXED_BATCH[1],
			error: {
				message:
					'Item 1 (reference "M-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds"',
				status: 'invalid',
				dealKey: 'M-1',
				reference: 'M-1',
				invalidFields: ['Currency Code'],
				attempts: 0,
				description: 'Fix the value in the source data or in the node, and run again.',
			},
		});
	});

	it('fails the node with a count of uploaded and failed items when not set to continue', async () => {
		const { sandbox } = env;
		sandbox.faults.add(DATA_ERROR);

		const { main, errorOutput, error } = await runRuler(sandbox, uploadParameters(), MIXED_BATCH);

		expect(main).toEqual([]);
		expect(errorOutput).toEqual([]);
		expect(error?.message).toBe('4 of 6 items failed (2 uploaded)');
		expect(error?.description?.split('\n')).toEqual([
			'To keep the good items flowing and route the failed ones to their own branch, set Settings → On Error to "Continue (using error output)".',
			'• Item 1 (reference "M-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds". Fix the value in the source data or in the node, and run again.',
			'• Item 2 (reference "M-2"): Ruler rejected the opportunity as invalid (HTTP 400): PipelineStage: "closed won" is not a pipeline stage of this site. A value does not meet Ruler\'s rules: check that the pipeline stage exists in Ruler with exactly this spelling and case, and the identifiers, date and currency.',
			'• Item 4 (reference "M-0"): Reference "M-0" was already used by item 0; an opportunity is sent once per run, so this item was not sent. Fix the value in the source data or in the node, and run again.',
			'• Item 5 (reference "M-5"): Ruler rejected the data (HTTP 503: Invalid Visitor Id). Ruler reported a problem with the values, so the item was not sent again. Check the visitor identifiers and the other values, and run again.',
		]);
		// The good items were uploaded before the node failed; the count says so.
		expect(sandbox.writesFor('1234', 'M-0')).toBe(1);
		expect(sandbox.writesFor('1234', 'M-3')).toBe(1);
	});
});

// Every field of Ruler's "store opportunity" example, with fixed values as a user would type them.
const SEED_PARAMETERS = {
	siteId: '1234',
	opportunityValue: 1000,
	opportunityDateTime: '2024-05-01T10:30:00',
	pipelineStage: 'Closed Won',
	currencyCode: 'GBP',
	reference: 'CRM-1042',
	visitorIdentifiers: {
		identifier: [
			{ key: 'EmailAddress', value: 'ada@example.com' },
			{ key: 'CookieValue', value: 'GA1.1.1234567890.1700000000' },
		],
	},
	labels: ['Enterprise', 'Inbound'],
	additionalDataProperties: { property: [{ name: 'Owner', value: 'Grace' }] },
};

// The seed's keys in the seed's order; the value is a JSON number and the cookie lost its GA1.1. prefix.
const SEED_BODY =
	'{"OpportunityValue":1000,"OpportunityDateTime":"2024-05-01","PipelineStage":"Closed Won",' +
	'"VisitorIdentifierOptions":[{"Key":"EmailAddress","Value":"ada@example.com"},{"Key":"CookieValue","Value":"1234567890.1700000000"}],' +
	'"CurrencyCode":"GBP","Labels":["Enterprise","Inbound"],"Reference":"CRM-1042",' +
	'"AdditionalDataProperties":[{"Name":"Owner","Value":"Grace"}]}';

describe('the seed example: one opportunity to site 1234', () => {
	const env = useRulerSandbox();

	it('logs in with the form-encoded credential, then PUTs exactly the documented body', async () => {
		const { sandbox } = env;

		const { main, error, credentialsHelper } = await runRuler(sandbox, SEED_PARAMETERS, [{}], {
			timezone: 'Europe/London',
		});

		expect(error).toBeUndefined();
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/login',
			'PUT /v1/1234/opportunity/upload',
		]);
		const [login, upload] = sandbox.requests;
		expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(login.body).toBe('username=ruler.user%40example.com&password=correct+horse+battery');
		expect(upload.headers['content-type']).toBe('application/json');
		expect(upload.headers.authorization).toBe('Bearer ruler-token-1');
		expect(upload.body).toBe(SEED_BODY);
		expect(upload.status).toBe(201);
		expect(credentialsHelper.updates).toEqual([
			{
				type: 'rulerApi',
				data: { sessionToken: 'ruler-token-1', sessionExpiresAt: expect.any(String) },
			},
		]);

		expect(main).toEqual([
			{
				json: {
					status: 'uploaded',
					dealKey: 'CRM-1042',
					reference: 'CRM-1042',
					siteId: '1234',
					valueGiven: 1000,
					valueSent: 1000,
					warnings: [],
					httpStatus: 201,
					response: null,
					attempts: 1,
					retriedAfter: [],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.writesFor('1234', 'CRM-1042')).toBe(1);
	});

	it('leaves out empty labels and properties, and sends the date and time in UTC when asked', async () => {
		const { sandbox } = env;
		const parameters = {
			...SEED_PARAMETERS,
			opportunityValue: 1000.6,
			labels: ['', '  '],
			additionalDataProperties: { property: [{ name: 'Owner', value: '' }] },
			options: { dateFormat: 'dateTime', roundValue: true, stripCookiePrefix: false },
		};

		const { main, error } = await runRuler(sandbox, parameters, [{}], {
			timezone: 'Europe/Berlin',
		});

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(['uploaded']);
		expect(sandbox.requestsTo(sandbox.uploadPath, 'PUT').map((r) => r.body)).toEqual([
			'{"OpportunityValue":1001,"OpportunityDateTime":"2024-05-01T08:30:00","PipelineStage":"Closed Won",' +
				'"VisitorIdentifierOptions":[{"Key":"EmailAddress","Value":"ada@example.com"},{"Key":"CookieValue","Value":"GA1.1.1234567890.1700000000"}],' +
				'"CurrencyCode":"GBP","Reference":"CRM-1042"}',
		]);
	});
});
