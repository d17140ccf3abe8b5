import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../../harness/eloqua';
import { errorOf } from '../../../../harness/engine';

const uploadedRows = (sandbox: EloquaSandbox) =>
	sandbox
		.requestsTo(/\/data$/, 'POST')
		.flatMap((request) => JSON.parse(request.body!) as IDataObject[]);

/** The date cells a CRM or an expression hands over, and what Eloqua Time sends for each. */
const DATES: Array<[string, unknown, string]> = [
	['an offset', '2024-05-01T08:00:00+02:00', '2024-05-01 02:00:00'],
	['Z and milliseconds in summer', '2024-05-01T13:15:00.123Z', '2024-05-01 09:15:00'],
	['Z in winter', '2024-01-15T13:15:00Z', '2024-01-15 08:15:00'],
	["the seed's short time", '2017-10-05 1:15', '2017-10-05 01:15:00'],
	['a time without an offset', '2024-05-01T09:30:00', '2024-05-01 09:30:00'],
	['epoch milliseconds', 1714557600000, '2024-05-01 06:00:00'],
	['a JavaScript date', new Date('2024-05-01T12:00:00Z'), '2024-05-01 08:00:00'],
	[
		'a Luxon DateTime',
		DateTime.fromISO('2024-05-01T12:00:00', { zone: 'Asia/Tokyo' }),
		'2024-04-30 23:00:00',
	],
	['a date alone', '2024-05-01', '2024-05-01'],
	['a date with dots (day.month)', '01.05.2024', '2024-05-01'],
	['a date with slashes (month/day)', '5/1/2024', '2024-05-01'],
];

describe('dates are sent in Eloqua Time unless the user chose otherwise', () => {
	const env = useEloquaSandbox();

	it('by default: yyyy-MM-dd HH:mm:ss in US Eastern time, instants converted, times without an offset as written (workflow in Berlin)', async () => {
		const { sandbox } = env;
		const items = DATES.map(([, value], i) =>
			opportunity(`D${i}`, { CreatedDate: value as IDataObject }),
		);
		const { main, error } = await runEloqua(sandbox, importParameters(), items, {
			timezone: 'Europe/Berlin',
		});
		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(DATES.map(() => 'imported'));
		expect(uploadedRows(sandbox)).toEqual(
			DATES.map(([, , sent], i) => ({
				OpportunityID: `D${i}`,
				OpportunityName: `Deal D${i}`,
				AccountName: 'ABC',
				CreatedDate: sent,
				Amount: '1000',
				Currency: 'USD',
				Stage: 'Prospecting',
			})),
		);
	});

	it('converts instants into the Eloqua Time Zone the user names', async () => {
		const { sandbox } = env;
		await runEloqua(
			sandbox,
			importParameters({}, { eloquaTimeZone: 'Europe/London' }),
			[
				opportunity('L1', {
					CreatedDate: '2024-05-01T08:00:00+02:00',
					CloseDate: '2024-06-30T23:30:00',
				}),
			],
			{ timezone: 'America/Los_Angeles' },
		);
		expect(uploadedRows(sandbox)).toEqual([
			expect.objectContaining({
				CreatedDate: '2024-05-01 07:00:00',
				CloseDate: '2024-06-30 23:30:00',
			}),
		]);
	});

	it('shows the row it would send under Validate Only', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), [
			opportunity('V1', { CloseDate: '2024-05-01T08:00:00+02:00' }),
		]);
		expect(main.map((item) => item.json)).toEqual([
			{
				status: 'valid',
				dealKey: 'V1',
				opportunityId: 'V1',
				row: {
					OpportunityID: 'V1',
					OpportunityName: 'Deal V1',
					AccountName: 'ABC',
					Amount: '1000',
					CloseDate: '2024-05-01 02:00:00',
					Currency: 'USD',
					Stage: 'Prospecting',
				},
			},
		]);
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toEqual([]);
	});

	it.each(['Mars/Olympus_Mons', '', 'GMT+25'])(
		'refuses the Eloqua Time Zone %p before anything is sent, naming the option',
		async (zone) => {
			const { sandbox } = env;
			const { main, error } = await runEloqua(
				sandbox,
				importParameters({}, { eloquaTimeZone: zone }),
				[opportunity('Z1')],
			);
			expect(main).toEqual([]);
			expect(error?.message).toBe(
				`The node is not set up: Options → Eloqua Time Zone must be a time zone name such as America/New_York or Europe/Berlin, got ${JSON.stringify(zone)}`,
			);
			expect(sandbox.requests).toEqual([]);
		},
	);

	it('keeps the older choices of saved workflows: As Given, Date and Time (UTC), ISO 8601 (UTC), Date Only', async () => {
		const { sandbox } = env;
		const value = '2024-05-01T23:30:00-04:00';
		const sent: string[] = [];
		for (const dateFormat of ['asGiven', 'sql', 'iso', 'date']) {
			sandbox.reset();
			await runEloqua(
				sandbox,
				importParameters({}, { dateFormat }),
				[opportunity('S1', { CloseDate: value })],
				{ timezone: 'America/New_York' },
			);
			sent.push(uploadedRows(sandbox)[0].CloseDate as string);
		}
		expect(sent).toEqual([value, '2024-05-02 03:30:00', '2024-05-02T03:30:00.000Z', '2024-05-01']);
	});
});

describe('numbers are sent as plain decimal text within Eloqua’s digits', () => {
	const env = useEloquaSandbox();

	it('writes numbers out in full, rounds to 4 decimals and says so on the item', async () => {
		const { sandbox } = env;
		const items = [
			opportunity('N1', { Amount: 0.1 + 0.2 }),
			opportunity('N2', { Amount: 1234.56789 }),
			opportunity('N3', { Amount: ' 1000.12345 ' }),
			opportunity('N4', { Amount: 123456789012345.5 }),
			opportunity('N5', { Amount: '2.50000' }),
			opportunity('N6', { Amount: 1e-7 }),
		];
		const { main, error } = await runEloqua(sandbox, importParameters(), items);
		expect(error).toBeUndefined();
		expect(uploadedRows(sandbox).map((row) => row.Amount)).toEqual([
			'0.3',
			'1234.5679',
			'1000.1235',
			'123456789012345.5',
			'2.5',
			'0',
		]);
		expect(
			main.map((item) => [item.json.opportunityId, item.json.status, item.json.warnings]),
		).toEqual([
			[
				'N1',
				'imported',
				[
					{
						field: 'Amount',
						value: 0.30000000000000004,
						message: 'Amount has more than 4 decimals; sent rounded to 0.3',
					},
				],
			],
			[
				'N2',
				'imported',
				[
					{
						field: 'Amount',
						value: 1234.56789,
						message: 'Amount has more than 4 decimals; sent rounded to 1234.5679',
					},
				],
			],
			[
				'N3',
				'imported',
				[
					{
						field: 'Amount',
						value: ' 1000.12345 ',
						message: 'Amount has more than 4 decimals; sent rounded to 1000.1235',
					},
				],
			],
			['N4', 'imported', undefined],
			['N5', 'imported', undefined],
			[
				'N6',
				'imported',
				[
					{
						field: 'Amount',
						value: 1e-7,
						message: 'Amount has more than 4 decimals; sent rounded to 0',
					},
				],
			],
		]);
	});

	it.each([
		[1e21, '1e+21'],
		['1234567890123456', '"1234567890123456"'],
		['999999999999999.99995', '"999999999999999.99995"'],
	])('refuses %p: more than 15 digits before the decimal point', async (amount, shown) => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity('B1', { Amount: amount }), opportunity('G1')],
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => item.json.opportunityId)).toEqual(['G1']);
		expect(errorOf(errorOutput[0])).toMatchObject({
			message: `Item 0 (OpportunityID "B1"): Amount must have at most 15 digits before the decimal point (and 4 after), got ${shown}`,
			status: 'invalid',
			invalidFields: ['Amount'],
		});
		expect(uploadedRows(sandbox).map((row) => row.OpportunityID)).toEqual(['G1']);
	});

	it('says so under Validate Only too', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), [
			opportunity('W1', { Amount: '10.00001' }),
		]);
		expect(main[0].json).toEqual({
			status: 'valid',
			dealKey: 'W1',
			opportunityId: 'W1',
			row: expect.objectContaining({ Amount: '10' }),
			warnings: [
				{
					field: 'Amount',
					value: '10.00001',
					message: 'Amount has more than 4 decimals; sent rounded to 10',
				},
			],
		});
	});

	it('keeps the rounding first among the warnings of a row its sync also warns about, and on a rejected row', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'GET',
			path: /\/rejects$/,
			status: 200,
			body: {
				items: [
					{
						recordIndex: 1,
						fieldValues: { OpportunityID: 'R2', Stage: 'Nope' },
						invalidFields: ['Stage'],
						statusCode: 'ELQ-00039',
						message: 'Invalid opportunity stage.',
					},
					{
						recordIndex: 99,
						fieldValues: { OpportunityID: 'X-1' },
						invalidFields: [],
						statusCode: 'ELQ-00001',
						message: 'Stray.',
					},
				],
				hasMore: false,
			},
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[
				opportunity('R1', { Amount: 1.23456 }),
				opportunity('R2', { Amount: '5.55555', Stage: 'Nope' }),
			],
			{ onError: 'continueErrorOutput' },
		);
		const syncUri = main[0].json.syncUri as string;
		const stray = {
			code: 'unmatchedRejects',
			message: `1 reject of sync ${syncUri} matched no row of this run: "ELQ-00001: Stray.". Check them with Sync → Get Rejects.`,
		};
		expect(main.map((item) => [item.json.status, item.json.warnings])).toEqual([
			[
				'imported',
				[
					{
						field: 'Amount',
						value: 1.23456,
						message: 'Amount has more than 4 decimals; sent rounded to 1.2346',
					},
					stray,
				],
			],
		]);
		expect(errorOutput.map((item) => [errorOf(item).status, errorOf(item).warnings])).toEqual([
			[
				'rejected',
				[
					{
						field: 'Amount',
						value: '5.55555',
						message: 'Amount has more than 4 decimals; sent rounded to 5.5556',
					},
					stray,
				],
			],
		]);
	});
});
