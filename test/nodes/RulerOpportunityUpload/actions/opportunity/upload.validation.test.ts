import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	deal,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';
import { errorOf } from '../../../../harness/engine';

const FIX_IT = 'Fix the value in the source data or in the node, and run again.';

/** Runs with "Continue (using regular output)", so invalid items come out beside the uploaded ones. */
async function run(
	sandbox: RulerSandbox,
	items: IDataObject[],
	overrides: IDataObject = {},
	options: IDataObject = {},
) {
	const result = await runRuler(sandbox, uploadParameters(overrides, options), items, {
		onError: 'continueRegularOutput',
		timezone: 'Europe/Berlin',
	});
	expect(result.error).toBeUndefined();
	return result.main;
}

function invalid(
	itemIndex: number,
	message: string,
	reference: unknown,
	fields: string | string[],
): INodeExecutionData {
	return {
		json: {
			error: {
				message,
				description: FIX_IT,
				status: 'invalid',
				dealKey: reference,
				reference,
				invalidFields: [fields].flat(),
				attempts: 0,
			},
		},
		pairedItem: { item: itemIndex },
	};
}

const statuses = (main: INodeExecutionData[]) =>
	main.map((item) => [item.pairedItem, item.json.status ?? errorOf(item).status]);

const sentBodies = (sandbox: RulerSandbox) =>
	uploadsOf(sandbox).map((r) => JSON.parse(r.body ?? '') as IDataObject);

describe('every item is checked before anything is sent', () => {
	const env = useRulerSandbox();

	it('Opportunity Value must be a finite number; numeric text is read as a number and sent as a whole number', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('V-0', { value: '1,000' }),
			deal('V-1', { value: '£5' }),
			deal('V-2', { value: '' }),
			deal('V-3', { value: ' 250.50 ' }),
		]);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'V-3' }),
			}),
			invalid(
				0,
				'Item 0 (reference "V-0"): Opportunity Value must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "1,000"',
				'V-0',
				'Opportunity Value',
			),
			invalid(
				1,
				'Item 1 (reference "V-1"): Opportunity Value must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "£5"',
				'V-1',
				'Opportunity Value',
			),
			invalid(
				2,
				'Item 2 (reference "V-2"): Opportunity Value is required and must not be empty',
				'V-2',
				'Opportunity Value',
			),
		]);
		expect(sentBodies(sandbox).map((b) => [b.Reference, b.OpportunityValue])).toEqual([
			['V-3', 251],
		]);
	});

	it('Opportunity Date must be a date; a date is sent as written, or as the calendar date in the workflow time zone', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('D-0', { date: 'last Tuesday' }),
			deal('D-1', { date: '2024-05-01T01:30:00' }),
			deal('D-2', { date: '2024-05-01T01:30:00+00:00' }),
			deal('D-3', { date: '05/01/2024' }),
		]);

		expect(statuses(main)).toEqual([
			[{ item: 1 }, 'uploaded'],
			[{ item: 2 }, 'uploaded'],
			[{ item: 3 }, 'uploaded'],
			[{ item: 0 }, 'invalid'],
		]);
		expect(main[3]).toEqual(
			invalid(
				0,
				'Item 0 (reference "D-0"): Opportunity Date must be a date such as 2024-05-01 or 2024-05-01 13:15:00, got "last Tuesday"',
				'D-0',
				'Opportunity Date',
			),
		);
		// 01:30 in Berlin (UTC+2 in May) is 30 April in UTC, but the date the user wrote is 1 May.
		expect(sentBodies(sandbox).map((b) => [b.Reference, b.OpportunityDateTime])).toEqual([
			['D-1', '2024-05-01'],
			['D-2', '2024-05-01'],
			['D-3', '2024-05-01'],
		]);
	});

	it('Opportunity Date must not be in the future, beyond a few minutes of clock skew', async () => {
		const { sandbox } = env;
		const inAnHour = DateTime.utc().plus({ hours: 1 }).startOf('second');
		const inTwoMinutes = DateTime.utc().plus({ minutes: 2 }).startOf('second');
		const main = await run(
			sandbox,
			[deal('F-0', { date: inAnHour.toISO() }), deal('F-1', { date: inTwoMinutes.toISO() })],
			{},
			{ dateFormat: 'dateTime' },
		);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'F-1' }),
			}),
			invalid(
				0,
				`Item 0 (reference "F-0"): Opportunity Date must not be in the future, got "${inAnHour.toISO()}" (${inAnHour.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")})`,
				'F-0',
				'Opportunity Date',
			),
		]);
		expect(sentBodies(sandbox).map((b) => b.OpportunityDateTime)).toEqual([
			inTwoMinutes.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
		]);
	});

	it('a date without a time may be today anywhere on earth, but not a day later', async () => {
		const { sandbox } = env;
		const latestToday = DateTime.utc().setZone('UTC+14').toISODate() ?? '';
		const dayAfter = DateTime.fromISO(latestToday).plus({ days: 1 }).toISODate() ?? '';
		const main = await run(sandbox, [
			deal('T-0', { date: latestToday }),
			deal('T-1', { date: dayAfter }),
		]);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'T-0' }),
			}),
			invalid(
				1,
				`Item 1 (reference "T-1"): Opportunity Date must not be in the future, got "${dayAfter}" (${dayAfter}T00:00:00.000Z)`,
				'T-1',
				'Opportunity Date',
			),
		]);
		expect(sentBodies(sandbox).map((b) => b.OpportunityDateTime)).toEqual([latestToday]);
	});

	it('Currency Code must be three letters and is sent upper-cased', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('C-0', { currency: 'gbp' }),
			deal('C-1', { currency: '£' }),
			deal('C-2', { currency: 'POUND' }),
		]);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'C-0' }),
			}),
			invalid(
				1,
				'Item 1 (reference "C-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "£"',
				'C-1',
				'Currency Code',
			),
			invalid(
				2,
				'Item 2 (reference "C-2"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "POUND"',
				'C-2',
				'Currency Code',
			),
		]);
		expect(sentBodies(sandbox).map((b) => b.CurrencyCode)).toEqual(['GBP']);
	});

	it('identifiers with an empty value are dropped, and at least one must remain', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('I-0', { email: '', cookie: 'GA1.2.111.222' }),
			deal('I-1', { email: '  ', cookie: 'GA1.1.' }),
		]);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'I-0' }),
			}),
			invalid(
				1,
				'Item 1 (reference "I-1"): Visitor Identifiers need at least one identifier with a value; every value was empty',
				'I-1',
				'Visitor Identifiers',
			),
		]);
		expect(sentBodies(sandbox).map((b) => b.VisitorIdentifierOptions)).toEqual([
			[{ Key: 'CookieValue', Value: '111.222' }],
		]);
	});

	it('an identifier key must be one Ruler knows', async () => {
		const { sandbox } = env;
		const identifiers = { identifier: [{ key: '={{ $json.kind }}', value: '={{ $json.email }}' }] };
		const main = await run(
			sandbox,
			[
				deal('K-0', { kind: 'Email' }),
				deal('K-1', { kind: 'PhoneNumber', email: '+44 20 7946 0000' }),
			],
			{
				visitorIdentifiers: identifiers,
			},
		);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'K-1' }),
			}),
			invalid(
				0,
				'Item 0 (reference "K-0"): Visitor Identifier 1 key must be one of EmailAddress, PhoneNumber, RaId, PayloadValue, CookieValue, got "Email"',
				'K-0',
				'Visitor Identifiers',
			),
		]);
		expect(sentBodies(sandbox).map((b) => b.VisitorIdentifierOptions)).toEqual([
			[{ Key: 'PhoneNumber', Value: '+44 20 7946 0000' }],
		]);
	});

	it('an EmailAddress identifier must look like an email address', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [deal('E-0', { email: 'ada.example.com' })]);

		expect(main).toEqual([
			invalid(
				0,
				'Item 0 (reference "E-0"): Visitor Identifier 1 is an EmailAddress, but "ada.example.com" is not an email address',
				'E-0',
				'Visitor Identifiers',
			),
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Reference, Pipeline Stage and Site ID are required', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('', { stage: ' ', email: 'ada@example.com' }),
			deal('R-1', { siteId: '' }),
		]);

		expect(main).toEqual([
			invalid(
				0,
				'Item 0: Pipeline Stage is required and must not be empty; Reference is required and must not be empty',
				'',
				['Pipeline Stage', 'Reference'],
			),
			invalid(
				1,
				'Item 1 (reference "R-1"): Site ID is required and must not be empty',
				'R-1',
				'Site ID',
			),
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('a reference repeated within the run (on the same site) is invalid and names the earlier item', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [
			deal('R-1'),
			deal('R-2'),
			deal('R-1', { value: 5 }),
			deal('R-1', { siteId: '999' }),
		]);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'R-1', siteId: '1234' }),
				pairedItem: { item: 0 },
			}),
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'R-2' }),
				pairedItem: { item: 1 },
			}),
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'R-1', siteId: '999' }),
				pairedItem: { item: 3 },
			}),
			invalid(
				2,
				'Item 2 (reference "R-1"): Reference "R-1" was already used by item 0; an opportunity is sent once per run, so this item was not sent',
				'R-1',
				'Reference',
			),
		]);
		expect(sandbox.writesFor('1234', 'R-1')).toBe(1);
		expect(sandbox.stored('1234', 'R-1')?.OpportunityValue).toBe(1000);
		expect(sandbox.writesFor('999', 'R-1')).toBe(1);
	});

	it('a Site ID that could change the request path is refused, and nothing is sent', async () => {
		const { sandbox } = env;
		const unsafe = ['../1234', '12/34', '1234?x=1', '1234#x', '%2e%2e', '12 34'];
		const main = await run(
			sandbox,
			unsafe.map((siteId, index) => deal(`P-${index}`, { siteId })),
		);

		expect(main).toEqual(
			unsafe.map((siteId, index) =>
				invalid(
					index,
					`Item ${index} (reference "P-${index}"): Site ID may only contain letters, digits, "-" and "_" (it becomes part of the request address), got ${JSON.stringify(siteId)}`,
					`P-${index}`,
					'Site ID',
				),
			),
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('letters, digits, "-" and "_" make a Site ID that lands in its own path segment', async () => {
		const { sandbox } = env;
		const main = await run(sandbox, [deal('P-ok', { siteId: 'Site-12_b' })]);

		expect(statuses(main)).toEqual([[{ item: 0 }, 'uploaded']]);
		expect(sandbox.requestsTo(sandbox.uploadPath, 'PUT').map((r) => r.path)).toEqual([
			'/v1/Site-12_b/opportunity/upload',
		]);
	});

	it('an additional data property with a value needs a name; empty ones are left out; labels may come as a list', async () => {
		const { sandbox } = env;
		const overrides = {
			labels: ['={{ $json.tags }}', 'Inbound'],
			additionalDataProperties: {
				property: [
					{ name: '={{ $json.propertyName }}', value: 'Grace' },
					{ name: 'Region', value: '' },
				],
			},
		};
		const main = await run(
			sandbox,
			[
				deal('A-0', { propertyName: 'Owner', tags: ['Enterprise', ''] }),
				deal('A-1', { propertyName: '' }),
			],
			overrides,
		);

		expect(main).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ status: 'uploaded', reference: 'A-0' }),
			}),
			invalid(
				1,
				'Item 1 (reference "A-1"): Additional Data Property 1 has the value "Grace" but no name',
				'A-1',
				'Additional Data Properties',
			),
		]);
		expect(sentBodies(sandbox).map((b) => [b.Labels, b.AdditionalDataProperties])).toEqual([
			[['Enterprise', 'Inbound'], [{ Name: 'Owner', Value: 'Grace' }]],
		]);
	});

	it('an expression that fails makes only its own item invalid', async () => {
		const { sandbox } = env;
		// Item 1 has no amount, so its expression reads a node that does not exist and fails.
		const main = await run(sandbox, [deal('X-0', { amount: 7 }), deal('X-1')], {
			opportunityValue: '={{ $json.amount ?? $("No Such Node").item.json.amount }}',
		});

		expect(statuses(main)).toEqual([
			[{ item: 0 }, 'uploaded'],
			[{ item: 1 }, 'invalid'],
		]);
		expect(errorOf(main[1]).message).toBe(
			`Item 1 (reference "X-1"): Opportunity Value could not be read: Referenced node doesn't exist`,
		);
		expect(sentBodies(sandbox).map((b) => b.OpportunityValue)).toEqual([7]);
	});

	it('Validate Only reports valid and invalid items with the body that would be sent, and sends nothing', async () => {
		const { sandbox } = env;
		const main = await run(
			sandbox,
			[deal('O-0'), deal('O-1', { currency: 'pounds' })],
			{},
			{ validateOnly: true },
		);

		expect(main).toEqual([
			{
				json: {
					status: 'valid',
					dealKey: 'O-0',
					reference: 'O-0',
					siteId: '1234',
					valueGiven: 1000,
					valueSent: 1000,
					warnings: [],
					body: {
						OpportunityValue: 1000,
						OpportunityDateTime: '2024-05-01',
						PipelineStage: 'Closed Won',
						VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: 'o-0@example.com' }],
						CurrencyCode: 'GBP',
						Reference: 'O-0',
					},
				},
				pairedItem: { item: 0 },
			},
			invalid(
				1,
				'Item 1 (reference "O-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds"',
				'O-1',
				'Currency Code',
			),
		]);
		expect(sandbox.requests).toHaveLength(0);
	});
});
