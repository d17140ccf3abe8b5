import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { errorOf } from '../../../harness/engine';

const rows = (n: number, overrides = {}) =>
	Array.from({ length: n }, (_, i) => opportunity(i + 1, overrides));
const uploadedIds = (bodies: Array<string | undefined>) =>
	bodies.flatMap((body) =>
		JSON.parse(body!).map((row: { OpportunityID: string }) => row.OpportunityID),
	);

describe('the import life cycle', () => {
	const env = useEloquaSandbox();

	it('sends 10,000 items complete, in the uploads the byte limit calls for', async () => {
		const { sandbox } = env;
		const items = rows(10_000);
		const rowBytes = Buffer.byteLength(
			JSON.stringify({
				OpportunityID: '10000',
				OpportunityName: 'Deal 10000',
				AccountName: 'ABC',
				Amount: '1000',
				Currency: 'USD',
				Stage: 'Prospecting',
			}),
		);
		const maxBytes = 200_000;
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { maxUploadMegabytes: maxBytes / 1_000_000 }),
			items,
		);

		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		expect(uploads.every((u) => u.bytes <= maxBytes)).toBe(true);
		// Greedy packing of rows of at most rowBytes: each upload but the last is within one row of full.
		const totalBytes = uploads.reduce((sum, u) => sum + u.bytes, 0);
		expect(uploads.length).toBe(Math.ceil(totalBytes / (maxBytes - rowBytes)));
		expect(uploadedIds(uploads.map((u) => u.body))).toEqual(
			items.map((item) => item.OpportunityID),
		);
		expect(main).toHaveLength(10_000);
		expect(
			main.every(
				(item, index) =>
					item.json.status === 'imported' && (item.pairedItem as { item: number }).item === index,
			),
		).toBe(true);
		expect(sandbox.state.opportunities.size).toBe(10_000);
	});

	it('honours the records-per-upload limit', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters({}, { recordsPerUpload: 3 }), rows(7));
		expect(sandbox.requestsTo(/\/data$/, 'POST').map((u) => JSON.parse(u.body!).length)).toEqual([
			3, 3, 1,
		]);
	});

	it('syncs and waits after 500 uploads before sending more, on the same definition', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { recordsPerUpload: 1 }),
			rows(1001),
		);
		const paths = sandbox.requests
			.filter((r) => r.method === 'POST')
			.map((r) => (r.path.endsWith('/data') ? 'upload' : r.path.split('/').pop()));
		const syncAt = paths.flatMap((p, i) => (p === 'syncs' ? [i] : []));
		// definition, 500 uploads, sync, 500 uploads, sync, 1 upload, sync
		expect(syncAt).toEqual([501, 1002, 1004]);
		const syncUris = new Set(main.map((item) => item.json.syncUri));
		expect(syncUris.size).toBe(3);
		expect(main.every((item) => item.json.status === 'imported')).toBe(true);
		expect(main[0].json.importDefinitionUri).toBe(main[1000].json.importDefinitionUri);
	});

	it('syncs what was staged when an upload fails for good, and reports the rest as not sent', async () => {
		const { sandbox } = env;
		// Eloqua's staging storage fills up after the first upload.
		let uploadsSeen = 0;
		sandbox.afterRequest({ method: 'POST', path: /\/data$/ }, () => {
			uploadsSeen += 1;
			sandbox.state.storageFull = true;
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { recordsPerUpload: 2 }),
			rows(6),
			{ onError: 'continueErrorOutput' },
		);
		expect(uploadsSeen).toBe(1);
		expect(
			main.map((item) => [(item.pairedItem as { item: number }).item, item.json.status]),
		).toEqual([
			[0, 'imported'],
			[1, 'imported'],
		]);
		expect(
			errorOutput.map((item) => [
				(item.pairedItem as { item: number }).item,
				errorOf(item).status,
				errorOf(item).message,
			]),
		).toEqual([
			[2, 'failed', 'Item 2 (OpportunityID "3"): Eloqua\'s staging storage is full (HTTP 413)'],
			[3, 'failed', 'Item 3 (OpportunityID "4"): Eloqua\'s staging storage is full (HTTP 413)'],
			[
				4,
				'failed',
				'Item 4 (OpportunityID "5"): Not sent because an earlier upload failed: Eloqua\'s staging storage is full (HTTP 413)',
			],
			[
				5,
				'failed',
				'Item 5 (OpportunityID "6"): Not sent because an earlier upload failed: Eloqua\'s staging storage is full (HTTP 413)',
			],
		]);
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(2);
		expect(sandbox.state.opportunities.size).toBe(2);
	});

	it('reports a row that alone exceeds the upload size, and sends the others', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { maxUploadMegabytes: 0.01 }),
			[opportunity(1), opportunity(2, { AccountName: 'x'.repeat(20_000) }), opportunity(3)],
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => item.json.opportunityId)).toEqual(['1', '3']);
		expect(errorOf(errorOutput[0]).message).toMatch(
			/^Item 1 \(OpportunityID "2"\): The row is 20\d{3} bytes, more than one upload may hold \(10000 bytes\)$/,
		);
	});

	it('explains a 404 on upload as a missing definition or an upload over 32 MB', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ method: 'POST', path: /\/data$/, status: 404, body: '' });
		const { errorOutput } = await runEloqua(sandbox, importParameters(), rows(1), {
			onError: 'continueErrorOutput',
		});
		expect(errorOutput[0].json).toMatchObject({
			error: {
				message:
					'Item 0 (OpportunityID "1"): Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)',
				status: 'failed',
				httpStatus: 404,
			},
		});
	});

	it('reports the rows of a sync that ends in error as not confirmed, with the sync log', async () => {
		const { sandbox } = env;
		sandbox.state.syncOutcome = 'error';
		const { errorOutput } = await runEloqua(sandbox, importParameters(), rows(2), {
			onError: 'continueErrorOutput',
		});
		expect(errorOutput).toHaveLength(2);
		expect(errorOutput[0].json).toMatchObject({
			error: {
				message:
					'Item 0 (OpportunityID "1"): Eloqua ended the sync with status "error" and did not confirm this row',
				status: 'failed',
				syncStatus: 'error',
				code: 'ELQ-00146',
			},
		});
		expect(errorOf(errorOutput[0]).description).toContain('ELQ-00146');
	});

	it('stops waiting after the maximum wait and reports the rows as still staged', async () => {
		const { sandbox } = env;
		sandbox.state.syncOutcome = 'stuck';
		const started = Date.now();
		const { errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { maxWaitMinutes: 0.005, pollIntervalSeconds: 0.05 }),
			rows(1),
			{ onError: 'continueErrorOutput' },
		);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(errorOutput[0].json).toMatchObject({
			error: {
				message:
					'Item 0 (OpportunityID "1"): Eloqua was still processing the sync (status "pending") when the maximum wait of 0.3 s ran out',
				status: 'staged',
				syncStatus: 'pending',
			},
		});
		// A definition whose sync is still running is not deleted (Eloqua would fail the sync).
		expect(sandbox.requestsTo(/imports\/\d+$/, 'DELETE')).toHaveLength(0);
	});

	it('starts the sync without waiting when asked, and reports the items as staged', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters({ waitForSync: false }), rows(2));
		expect(main.map((item) => [item.json.status, item.json.syncStatus])).toEqual([
			['staged', 'pending'],
			['staged', 'pending'],
		]);
		expect(sandbox.requestsTo(/\/syncs\/\d+$/, 'GET')).toHaveLength(0);
		expect(sandbox.requestsTo(/imports\/\d+$/, 'DELETE')).toHaveLength(0);
	});

	it('maps rejects by recordIndex when Eloqua does not echo the identifier', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'GET',
			path: /\/rejects$/,
			status: 200,
			body: {
				items: [
					{
						recordIndex: 2,
						fieldValues: {},
						invalidFields: ['Stage'],
						statusCode: 'ELQ-00039',
						message: 'Invalid opportunity stage.',
					},
				],
				hasMore: false,
			},
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity(1), opportunity(2, { Stage: 'Nope' }), opportunity(3)],
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => item.json.opportunityId)).toEqual(['1', '3']);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		// Every reject found its row: nothing to warn about.
		expect(main[0].json).not.toHaveProperty('warnings');
	});

	it('warns every row of a sync about rejects that match no row, quoting the first three', async () => {
		const { sandbox } = env;
		const unknown = (recordIndex: number | undefined, id: string, message: string) => ({
			recordIndex,
			fieldValues: { OpportunityID: id },
			invalidFields: [],
			statusCode: 'ELQ-00001',
			message,
		});
		sandbox.faults.add({
			method: 'GET',
			path: /\/rejects$/,
			status: 200,
			body: {
				items: [
					{
						recordIndex: 2,
						fieldValues: { OpportunityID: '2', Stage: 'Nope' },
						invalidFields: ['Stage'],
						statusCode: 'ELQ-00039',
						message: 'Invalid opportunity stage.',
					},
					unknown(99, 'X-1', 'First stray.'),
					unknown(undefined, 'X-2', 'Second stray.'),
					unknown(0, 'X-3', 'Third stray.'),
					unknown(42, 'X-4', 'Fourth stray.'),
				],
				hasMore: false,
			},
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity(1), opportunity(2, { Stage: 'Nope' }), opportunity(3)],
			{ onError: 'continueErrorOutput' },
		);
		const syncUri = main[0].json.syncUri as string;
		const warnings = [
			{
				code: 'unmatchedRejects',
				message: `4 rejects of sync ${syncUri} matched no row of this run: "ELQ-00001: First stray."; "ELQ-00001: Second stray."; "ELQ-00001: Third stray." and 1 more. Check them with Sync → Get Rejects.`,
			},
		];
		expect(main.map((item) => [item.pairedItem, item.json.status, item.json.warnings])).toEqual([
			[{ item: 0 }, 'imported', warnings],
			[{ item: 2 }, 'imported', warnings],
		]);
		expect(errorOutput.map((item) => [item.pairedItem, errorOf(item).status])).toEqual([
			[{ item: 1 }, 'rejected'],
		]);
		expect(errorOf(errorOutput[0]).warnings).toEqual(warnings);
	});

	it('pages through more than 1000 rejects', async () => {
		const { sandbox } = env;
		const items = rows(2500, { Stage: 'Unknown' });
		items[7] = opportunity(8);
		const { main, errorOutput } = await runEloqua(sandbox, importParameters(), items, {
			onError: 'continueErrorOutput',
		});
		expect(sandbox.requestsTo(/\/rejects$/, 'GET').map((r) => r.query.offset)).toEqual([
			'0',
			'1000',
			'2000',
		]);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 7 }]);
		expect(errorOutput).toHaveLength(2499);
		expect(
			new Set(errorOutput.map((item) => (item.pairedItem as { item: number }).item)).size,
		).toBe(2499);
	});

	it('stops uploading promptly when the execution is cancelled', async () => {
		const { sandbox } = env;
		let cancel: () => void = () => {};
		const cancelled = new Promise<void>((resolve) => (cancel = resolve));
		sandbox.afterRequest({ method: 'POST', path: /\/data$/ }, () => cancel());
		sandbox.faults.add({ method: 'POST', path: /\/data$/, delayMs: 50, times: Infinity });
		const started = Date.now();
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { recordsPerUpload: 1 }),
			rows(50),
			{ cancelWhen: cancelled },
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(main).toEqual([]);
		expect(sandbox.requestsTo(/\/data$/, 'POST').length).toBeLessThanOrEqual(3);
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST')).toHaveLength(0);
	});

	it('stops polling promptly when the execution is cancelled', async () => {
		const { sandbox } = env;
		sandbox.state.syncOutcome = 'stuck';
		let cancel: () => void = () => {};
		const cancelled = new Promise<void>((resolve) => (cancel = resolve));
		sandbox.afterRequest({ method: 'GET', path: /\/syncs\/\d+$/ }, () => cancel());
		const started = Date.now();
		await runEloqua(
			sandbox,
			importParameters({}, { pollIntervalSeconds: 20, maxWaitMinutes: 10 }),
			rows(1),
			{ cancelWhen: cancelled },
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(sandbox.requestsTo(/\/syncs\/\d+$/, 'GET')).toHaveLength(1);
	});
});
