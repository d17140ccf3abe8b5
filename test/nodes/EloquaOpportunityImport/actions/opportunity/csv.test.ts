import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';

// The data endpoint takes "`application/json` array or `text/csv`, UTF-8" (API-CONTRACT.md,
// Endpoints); the sandbox reads a CSV upload's header row as the column names, the keys a JSON row
// has ("rows keyed by the definition's column names", The seed's upload).
const csv = (options: Record<string, unknown> = {}) =>
	importParameters({}, { uploadFormat: 'csv', ...options });

const HEADER = 'OpportunityID,OpportunityName,AccountName,Amount,Currency,Stage';

describe('Eloqua import as CSV', () => {
	const env = useEloquaSandbox();

	it('quotes commas, quotes and line breaks, keeps non-ASCII text as UTF-8 and sends blanks as empty fields', async () => {
		const { sandbox } = env;
		const { main, error } = await runEloqua(sandbox, csv(), [
			opportunity('A-1', { OpportunityName: 'Acme, Inc.', AccountName: 'The "Big" One' }),
			opportunity('A-2', {
				OpportunityName: 'Line one\nline two',
				AccountName: 'Müller & Søn 株式会社 🚀',
			}),
			opportunity('A-3', { OpportunityName: ' spaced ', AccountName: '', Currency: null }),
		]);
		expect(error).toBeUndefined();

		const [upload] = sandbox.requestsTo(/\/data$/, 'POST');
		expect(upload.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(upload.body).toBe(
			[
				HEADER,
				'A-1,"Acme, Inc.","The ""Big"" One",1000,USD,Prospecting',
				'A-2,"Line one\nline two",Müller & Søn 株式会社 🚀,1000,USD,Prospecting',
				'A-3, spaced ,,1000,,Prospecting',
				'',
			].join('\r\n'),
		);
		expect(upload.bytes).toBe(Buffer.byteLength(upload.body!, 'utf8'));
		expect(main.map((item) => [item.json.opportunityId, item.json.status])).toEqual([
			['A-1', 'imported'],
			['A-2', 'imported'],
			['A-3', 'imported'],
		]);
		// Parsed back as Eloqua reads it: the same values a JSON upload stores.
		const stored = sandbox.state.opportunities;
		expect(stored.get('a-1')).toMatchObject({
			OpportunityName: 'Acme, Inc.',
			AccountName: 'The "Big" One',
		});
		expect(stored.get('a-2')).toMatchObject({
			OpportunityName: 'Line one\nline two',
			AccountName: 'Müller & Søn 株式会社 🚀',
		});
		expect(stored.get('a-3')).toMatchObject({ OpportunityName: ' spaced ' });
	});

	it('stores what the same rows as JSON store', async () => {
		const { sandbox } = env;
		const items = [
			opportunity('B-1', { OpportunityName: 'x, "y"\r\nz', Territory: 'Ost' }),
			opportunity('B-2', { Territory: '' }),
		];
		await runEloqua(sandbox, importParameters(), items);
		const asJson = new Map(sandbox.state.opportunities);
		sandbox.state.opportunities.clear();
		await runEloqua(sandbox, csv(), items);
		expect(new Map(sandbox.state.opportunities)).toEqual(asJson);
	});

	it('maps rejected rows back to their items by the identifier in the reject', async () => {
		const { sandbox } = env;
		// ELQ-00039: a stage Eloqua does not have (Failures and retries, useful codes).
		const { main, errorOutput } = await runEloqua(
			sandbox,
			csv(),
			[opportunity('C,1'), opportunity('C"2', { Stage: 'Negotiation' }), opportunity('C\n3')],
			{ onError: 'continueErrorOutput' },
		);
		expect(
			main.map((item) => [item.pairedItem, item.json.opportunityId, item.json.status]),
		).toEqual([
			[{ item: 0 }, 'C,1', 'imported'],
			[{ item: 2 }, 'C\n3', 'imported'],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOutput[0].json.error).toMatchObject({
			opportunityId: 'C"2',
			status: 'rejected',
			code: 'ELQ-00039',
		});
	});

	it('splits uploads by the CSV bytes, each a whole file with its header row', async () => {
		const { sandbox } = env;
		const items = Array.from({ length: 7 }, (_, i) => opportunity(`D-${i}`));
		const line = (i: number) => `D-${i},Deal D-${i},ABC,1000,USD,Prospecting`;
		// The header, two records and their line breaks fit; a third does not.
		const limit = Buffer.byteLength(`${HEADER}\r\n${line(0)}\r\n${line(1)}\r\n`) + 10;
		const { main } = await runEloqua(sandbox, csv({ maxUploadMegabytes: limit / 1e6 }), items);

		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		expect(uploads.map((upload) => upload.body)).toEqual([
			`${HEADER}\r\n${line(0)}\r\n${line(1)}\r\n`,
			`${HEADER}\r\n${line(2)}\r\n${line(3)}\r\n`,
			`${HEADER}\r\n${line(4)}\r\n${line(5)}\r\n`,
			`${HEADER}\r\n${line(6)}\r\n`,
		]);
		for (const upload of uploads) expect(upload.bytes).toBeLessThanOrEqual(limit);
		expect(main.map((item) => item.json.status)).toEqual(Array(7).fill('imported'));
	});

	it('splits uploads by the record count too', async () => {
		const { sandbox } = env;
		const items = Array.from({ length: 5 }, (_, i) => opportunity(`E-${i}`));
		await runEloqua(sandbox, csv({ recordsPerUpload: 2 }), items);
		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		expect(uploads.map((upload) => upload.body!.split('\r\n').length - 2)).toEqual([2, 2, 1]);
		expect(sandbox.state.opportunities.size).toBe(5);
	});

	it('fails a row that alone is larger than one upload may be, and sends the others', async () => {
		const { sandbox } = env;
		const limit = 200;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			csv({ maxUploadMegabytes: limit / 1e6 }),
			[opportunity('F-1'), opportunity('F-2', { OpportunityName: 'é'.repeat(100) })],
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => item.json.opportunityId)).toEqual(['F-1']);
		expect(errorOutput[0].json.error).toMatchObject({
			opportunityId: 'F-2',
			status: 'failed',
			message: expect.stringMatching(/more than one upload may hold \(200 bytes\)/),
		});
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(1);
	});

	it('uploads the contact linkage as CSV too, and links each item', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters(), [opportunity('G-1'), opportunity('G,2')]);
		const { main } = await runEloqua(
			sandbox,
			{
				resource: 'opportunityContactLink',
				operation: 'import',
				opportunityId: '={{ $json.deal }}',
				linkTo: 'Contact',
				contactField: 'C_EmailAddress',
				linkValue: '={{ $json.email }}',
				waitForSync: true,
				options: { pollIntervalSeconds: 0.01, uploadFormat: 'csv' },
			},
			[
				{ deal: 'G-1', email: 'ada@example.com' },
				{ deal: 'G,2', email: 'grace@example.com' },
			],
		);
		const [upload] = sandbox.requestsTo(/contacts\/imports\/\d+\/data$/, 'POST');
		expect(upload.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(upload.body).toBe(
			'OpportunityID,C_EmailAddress\r\nG-1,ada@example.com\r\n"G,2",grace@example.com\r\n',
		);
		expect(main.map((item) => [item.json.opportunityId, item.json.status])).toEqual([
			['G-1', 'linked'],
			['G,2', 'linked'],
		]);
		expect(sandbox.state.links).toHaveLength(2);
	});
});
