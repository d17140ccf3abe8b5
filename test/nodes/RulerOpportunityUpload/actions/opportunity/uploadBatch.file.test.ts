import { deal, deals, runRuler, useRulerSandbox } from '../../../../harness/ruler';
import { batchParameters, batchUploadsOf, csvOf, csvText, dealRow, summary } from '../../batchKit';

// API-CONTRACT "Batch jobs": "upload a CSV (multipart/form-data, the file as a form file part,
// header row required)"; columns and formats as listed there; 202 Accepted with a jobId.

describe('Upload in Batch: the file', () => {
	const env = useRulerSandbox();

	it('sends the documented columns as one CSV file part, labels repeated, cells quoted per RFC 4180', async () => {
		const { sandbox } = env;
		const parameters = batchParameters({
			labels: ['Enterprise', '={{ $json.label }}'],
			additionalDataProperties: {
				property: [
					{ name: 'Source', value: 'Google' },
					{ name: 'Campaign', value: '={{ $json.campaign }}' },
				],
			},
			visitorIdentifiers: {
				identifier: [
					{ key: 'EmailAddress', value: '={{ $json.email }}' },
					{ key: 'PhoneNumber', value: '+44 20 7946 0000' },
					{ key: 'RaId', value: 'ra-1' },
				],
			},
		});
		const items = [
			deal('F-0', { value: 1000.5, label: 'Big, "strategic"\ndeal', campaign: 'Spring' }),
			deal('F-1', { value: '20', label: '', campaign: 'Autumn' }),
		];

		const { main, error } = await runRuler(sandbox, parameters, items);

		expect(error).toBeUndefined();
		const [upload] = batchUploadsOf(sandbox);
		expect(batchUploadsOf(sandbox)).toHaveLength(1);
		expect(upload.path).toBe('/v1/1234/opportunity/batch');
		expect(upload.headers.authorization).toBe('Bearer ruler-token-1');
		expect(csvOf(upload)).toBe(
			[
				'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,RaId,EmailAddress,PhoneNumber,PayloadValue,Label,Label,Reference,AdditionalDataProperties',
				// "OpportunityValue (decimal)": sent as given, not rounded as for the single upload.
				'2024-05-01,GBP,1000.5,Closed Won,ra-1,f-0@example.com,+44 20 7946 0000,,Enterprise,"Big, ""strategic""\ndeal",F-0,"Name=Source,Value=Google;Name=Campaign,Value=Spring"',
				'2024-05-01,GBP,20,Closed Won,ra-1,f-1@example.com,+44 20 7946 0000,,Enterprise,,F-1,"Name=Source,Value=Google;Name=Campaign,Value=Autumn"',
				'',
			].join('\r\n'),
		);
		expect(main.map((item) => item.json)).toEqual([
			{
				status: 'uploaded',
				dealKey: 'F-0',
				reference: 'F-0',
				siteId: '1234',
				jobId: 'job-1',
				rowNumber: 1,
				valueSent: 1000.5,
				jobStatus: 'complete',
			},
			{
				status: 'uploaded',
				dealKey: 'F-1',
				reference: 'F-1',
				siteId: '1234',
				jobId: 'job-1',
				rowNumber: 2,
				valueSent: 20,
				jobStatus: 'complete',
			},
		]);
		expect(Object.keys(main[0].json).slice(0, 2)).toEqual(['status', 'dealKey']);
		// The sandbox read the file back as the documented columns.
		expect(sandbox.stored('1234', 'F-0')).toMatchObject({
			OpportunityValue: 1000.5,
			Labels: ['Enterprise', 'Big, "strategic"\ndeal'],
			AdditionalDataProperties: [
				{ Name: 'Source', Value: 'Google' },
				{ Name: 'Campaign', Value: 'Spring' },
			],
		});
	});

	it('writes a date and time in UTC when Date Format says so', async () => {
		// "OpportunityDateTime (yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss …, UTC, not in the future)".
		const { sandbox } = env;
		const items = [deal('T-0', { date: '2024-05-01T09:30:00+02:00' })];

		await runRuler(sandbox, batchParameters({}, { dateFormat: 'dateTime' }), items);

		expect(csvOf(batchUploadsOf(sandbox)[0])).toBe(
			csvText(dealRow('T-0').replace('2024-05-01', '2024-05-01T07:30:00')),
		);
	});

	it('never sends an invalid item, nor one the batch file cannot carry, and says to use Upload', async () => {
		const { sandbox } = env;
		const parameters = batchParameters({
			additionalDataProperties: {
				property: [{ name: 'Note', value: '={{ $json.note }}' }],
			},
		});
		const items = [
			deal('V-0', { note: 'fine' }),
			deal('V-1', { currency: 'pounds', note: 'x' }),
			deal('V-2', { cookie: 'GA1.1.123.456', note: 'x' }),
			deal('V-3', { note: 'a=b; c' }),
			deal('V-0', { note: 'again' }),
		];

		const { main } = await runRuler(sandbox, parameters, items, {
			onError: 'continueRegularOutput',
		});

		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[
				1,
				'invalid',
				'Item 1 (reference "V-1"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds"',
			],
			[
				2,
				'invalid',
				// "No CookieValue" among the batch columns.
				'Item 2 (reference "V-2"): Visitor Identifiers has a Cookie Value, which Ruler\'s batch file has no column for; send this item with the Upload operation instead',
			],
			[
				3,
				'invalid',
				// "AdditionalDataProperties as Name=Source,Value=Google;…": no escape is documented.
				'Item 3 (reference "V-3"): Additional Data Property 1 ("Note" = "a=b; c") contains ; , or =, which Ruler\'s batch file uses as separators and documents no escape for; send this item with the Upload operation instead',
			],
			[
				4,
				'invalid',
				'Item 4 (reference "V-0"): Reference "V-0" was already used by item 0; an opportunity is sent once per run, so this item was not sent',
			],
		]);
		expect(csvOf(batchUploadsOf(sandbox)[0])).toBe(
			csvText(`${dealRow('V-0')}"Name=Note,Value=fine"`),
		);
	});

	it('splits the items into jobs of Rows per Job, per site, in input order', async () => {
		const { sandbox } = env;
		const items = [...deals(5), deal('S-0', { siteId: '999' })];

		const { main } = await runRuler(sandbox, batchParameters({}, { rowsPerJob: 2 }), items);

		expect(batchUploadsOf(sandbox).map((r) => [r.path, csvOf(r)])).toEqual([
			['/v1/1234/opportunity/batch', csvText(dealRow('D-0'), dealRow('D-1'))],
			['/v1/1234/opportunity/batch', csvText(dealRow('D-2'), dealRow('D-3'))],
			['/v1/1234/opportunity/batch', csvText(dealRow('D-4'))],
			['/v1/999/opportunity/batch', csvText(dealRow('S-0'))],
		]);
		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[1, 'uploaded', 'job-1#2'],
			[2, 'uploaded', 'job-2#1'],
			[3, 'uploaded', 'job-2#2'],
			[4, 'uploaded', 'job-3#1'],
			[5, 'uploaded', 'job-4#1'],
		]);
	});

	it('does nothing at all when no item is valid', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(sandbox, batchParameters(), [deal('N-0', { value: 'x' })], {
			onError: 'continueRegularOutput',
		});

		expect(summary(main)).toEqual([
			[
				0,
				'invalid',
				'Item 0 (reference "N-0"): Opportunity Value must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "x"',
			],
		]);
		expect(sandbox.requests).toEqual([]);
	});
});
