import { errorOf } from '../../../harness/engine';
import {
	eloquaEditor,
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../harness/eloqua';
import { STANDARD_COLUMNS } from '../../../../nodes/EloquaOpportunityImport/helpers/columns';
import type { ImportJob, SyncLimits } from '../../../../nodes/EloquaOpportunityImport/helpers/job';
import {
	stageAndSync,
	type StagingRow,
} from '../../../../nodes/EloquaOpportunityImport/helpers/lifecycle';
import { EloquaClient } from '../../../../nodes/EloquaOpportunityImport/transport/client';

const SEED_FIELDS = Object.fromEntries(
	STANDARD_COLUMNS.map((column) => [column.name, column.statement]),
);
const rows = (n: number, overrides = {}) =>
	Array.from({ length: n }, (_, i) => opportunity(i + 1, overrides));
const uploadedIds = (bodies: Array<string | undefined>) =>
	bodies.flatMap((body) =>
		JSON.parse(body!).map((row: { OpportunityID: string }) => row.OpportunityID),
	);

/**
 * The requests of a run as "METHOD what", repeats counted: the definition and the syncs are named
 * by their place, so the order of uploads, syncs and polls can be compared exactly.
 */
function requestSequence(sandbox: EloquaSandbox, definition: string, syncs: string[]): string[] {
	const bulk = '/pod1/api/bulk/2.0';
	const named = sandbox.requests
		.filter((r) => r.path !== '/id' && !r.path.endsWith('/fields'))
		.map((r) => {
			const path = r.path.slice(bulk.length);
			const sync = syncs.findIndex((uri) => path.startsWith(uri));
			if (path === `${definition}/data`) return `${r.method} data`;
			if (sync >= 0)
				return `${r.method} sync ${sync + 1}${path.slice(syncs[sync].length).replace('/', ' ')}`;
			return `${r.method} ${path}`;
		});
	const counted: Array<[string, number]> = [];
	for (const name of named) {
		const last = counted[counted.length - 1];
		if (last?.[0] === name) last[1] += 1;
		else counted.push([name, 1]);
	}
	return counted.map(([name, count]) => (count > 1 ? `${name} ×${count}` : name));
}

// The sandbox answers a sync's status pending twice, active twice, then ended: four reads per sync.
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
		const definition = main[0].json.importDefinitionUri as string;
		const syncs = [...new Set(main.map((item) => item.json.syncUri as string))];
		expect(syncs).toHaveLength(3);
		expect(requestSequence(sandbox, definition, syncs)).toEqual([
			'POST /opportunities/imports',
			'POST data ×500',
			'POST /syncs',
			'GET sync 1 ×4',
			'GET sync 1 logs',
			'POST data ×500',
			'POST /syncs',
			'GET sync 2 ×4',
			'GET sync 2 logs',
			'POST data',
			'POST /syncs',
			'GET sync 3 ×4',
			'GET sync 3 logs',
			`DELETE ${definition}`,
		]);
		expect(uploadedIds(sandbox.requestsTo(/\/data$/, 'POST').map((u) => u.body))).toEqual(
			rows(1001).map((row) => row.OpportunityID),
		);
		// Each item reports the sync its row went into, in input order.
		const syncOf = (index: number) => syncs[Math.floor(index / 500)];
		expect(
			main.every(
				(item, index) =>
					item.json.status === 'imported' &&
					item.json.syncUri === syncOf(index) &&
					item.json.importDefinitionUri === definition &&
					(item.pairedItem as { item: number }).item === index,
			),
		).toBe(true);
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
				sync: { status: 'error' },
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
				sync: { status: 'pending' },
			},
		});
		// A definition whose sync is still running is not deleted (Eloqua would fail the sync).
		expect(sandbox.requestsTo(/imports\/\d+$/, 'DELETE')).toHaveLength(0);
	});

	it('starts the sync without waiting when asked, and reports the items as staged', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters({ waitForSync: false }), rows(2));
		expect(
			main.map((item) => [item.json.status, (item.json.sync as { status: string }).status]),
		).toEqual([
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

	it('maps each of 2,499 rejects, read page by page, back to its item', async () => {
		const { sandbox } = env;
		const items = rows(2500, { Stage: 'Unknown' });
		items[7] = opportunity(8);
		const { main, errorOutput } = await runEloqua(sandbox, importParameters(), items, {
			onError: 'continueErrorOutput',
		});
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

// The sync limits are a field of the job: small ones show when the life cycle syncs, against the
// sandbox, without staging 500 uploads or 250 MB.
describe('the sync limits of a job', () => {
	const env = useEloquaSandbox();
	const DEFINITION = '/opportunities/imports/7';

	const jobWith = (syncLimits: SyncLimits): ImportJob => ({
		client: new EloquaClient(eloquaEditor(env.sandbox, {}), 'eloquaApi'),
		definition: { uri: DEFINITION },
		rules: { columns: STANDARD_COLUMNS, zone: 'UTC', dateHandling: 'asGiven' },
		key: [{ column: 'OpportunityID', caseSensitive: false }],
		uploadLimits: { maxRecords: 2, maxBytes: 100_000 },
		syncLimits,
		waitForSync: true,
		poll: { intervalMs: 10, maxWaitMs: 10_000 },
		deleteDefinitionAfterSync: false,
		importedRejectCodes: new Set(['ELQ-00040']),
	});
	const stagingRows = (n: number): StagingRow[] =>
		rows(n).map((values, itemIndex) => ({
			itemIndex,
			identifier: String(values.OpportunityID),
			key: String(values.OpportunityID),
			values,
		}));
	const stageAll = async (syncLimits: SyncLimits, staging: StagingRow[]) => {
		env.sandbox.addDefinition(
			{ name: 'Limits', fields: SEED_FIELDS, isSyncTriggeredOnImport: false },
			7,
		);
		const run = {
			job: jobWith(syncLimits),
			definitionUri: DEFINITION,
			syncsOnUpload: false,
			known: new Set<string>(),
		};
		const { outcomes } = await stageAndSync(run, staging);
		const syncs = [...new Set(outcomes.map((o) => o.sync!.uri))];
		const posts = requestSequence(env.sandbox, DEFINITION, syncs).filter((r) =>
			r.startsWith('POST'),
		);
		return { outcomes, syncs, posts };
	};

	it('syncs and waits after the upload limit, then goes on with the same definition', async () => {
		const staging = stagingRows(9);
		const { outcomes, syncs, posts } = await stageAll({ uploads: 2, bytes: Infinity }, staging);
		expect(posts).toEqual([
			'POST data ×2',
			'POST /syncs',
			'POST data ×2',
			'POST /syncs',
			'POST data',
			'POST /syncs',
		]);
		expect(uploadedIds(env.sandbox.requestsTo(/\/data$/, 'POST').map((u) => u.body))).toEqual(
			staging.map((row) => row.identifier),
		);
		expect(outcomes.map((o) => [o.itemIndex, o.status, syncs.indexOf(o.sync!.uri)])).toEqual(
			staging.map((_, i) => [i, 'done', Math.floor(i / 4)]),
		);
	});

	it('syncs once the staged bytes reach the limit (Eloqua asks for about every 250 MB)', async () => {
		const staging = stagingRows(6);
		// Each upload of two rows (every column in each) is about 460 bytes: the second one crosses 600.
		const { outcomes, syncs, posts } = await stageAll({ uploads: 500, bytes: 600 }, staging);
		expect(posts).toEqual(['POST data ×2', 'POST /syncs', 'POST data', 'POST /syncs']);
		expect(outcomes.map((o) => syncs.indexOf(o.sync!.uri))).toEqual([0, 0, 0, 0, 1, 1]);
	});

	it("reads the caller's rows and leaves them as they were", async () => {
		const staging = stagingRows(5);
		const before = JSON.parse(JSON.stringify(staging));
		await stageAll({ uploads: 1, bytes: Infinity }, staging);
		expect(staging).toEqual(before);
	});
});
