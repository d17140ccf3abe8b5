import { runRuler, useRulerSandbox } from '../harness/ruler';

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
			{ type: 'rulerApi', data: { sessionToken: 'ruler-token-1' } },
		]);

		expect(main).toEqual([
			{
				json: {
					status: 'uploaded',
					reference: 'CRM-1042',
					siteId: '1234',
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
