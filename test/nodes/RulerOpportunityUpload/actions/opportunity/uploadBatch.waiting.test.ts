import { sleep } from 'n8n-workflow';

import { deal, deals, runRuler, useRulerSandbox } from '../../../../harness/ruler';
import {
	BATCH_PATH,
	batchParameters,
	batchUploadsOf,
	infoLogged,
	STATUS_PATH,
	summary,
} from '../../batchKit';

const continuing = { onError: 'continueRegularOutput' as const };

// "processed in the background … poll GET /v1/{siteId}/batch/{jobId}/status until complete,
// partialcomplete or failed (also pending, processing)" (Batch jobs): the sandbox processes
// `batchRowsPerSecond` rows a second, jobs one after another.

describe('Upload in Batch: waiting for the jobs', () => {
	const env = useRulerSandbox();

	it('reads the status with growing pauses while the job has far to go, logging its progress', async () => {
		const { sandbox } = env;
		sandbox.config.batchRowsPerSecond = 1;

		const { result, lines } = await infoLogged(
			async () => await runRuler(sandbox, batchParameters({ maxWait: 5 }), deals(30)),
		);

		expect(result.main.map((item) => item.json.status)).toEqual(Array(30).fill('queued'));
		const reads = sandbox.requestsTo(STATUS_PATH).map((r) => r.at);
		const pauses = reads.slice(1).map((at, i) => at - reads[i]);
		// 1 s, 1.5 s, 2.25 s …, the last one cut short by Max Wait.
		expect(pauses.length).toBeGreaterThanOrEqual(3);
		expect(pauses[1]).toBeGreaterThan(pauses[0]);
		expect(pauses[2]).toBeGreaterThan(pauses[1]);
		expect(lines[0]).toBe('Ruler batch job job-1 accepted: 30 rows');
		const progress = lines.slice(1);
		expect(progress).toHaveLength(reads.length);
		for (const line of progress.slice(1))
			expect(line).toMatch(
				/^Ruler batch job job-1: processing, \d+% \(\d+ of 30 rows processed\)$/,
			);
	});

	it("reads again sooner when the job's pace says it is about to end, and logs the end", async () => {
		const { sandbox } = env;
		sandbox.config.batchRowsPerSecond = 4;

		const { result, lines } = await infoLogged(
			async () => await runRuler(sandbox, batchParameters(), deals(12)),
		);

		expect(result.main.map((item) => item.json.status)).toEqual(Array(12).fill('uploaded'));
		const reads = sandbox.requestsTo(STATUS_PATH).map((r) => r.at);
		const pauses = reads.slice(1).map((at, i) => at - reads[i]);
		expect(pauses.at(-1)).toBeLessThan(pauses.at(-2) ?? 0);
		expect(lines.at(-1)).toBe('Ruler batch job job-1: complete, 100% (12 of 12 rows processed)');
	});

	it('gives the items of a job still processing at Max Wait as queued, with the job ID and progress', async () => {
		const { sandbox } = env;
		sandbox.config.batchRowsPerSecond = 2;

		const started = Date.now();
		const { main } = await runRuler(sandbox, batchParameters({ maxWait: 1 }), deals(10));

		expect(Date.now() - started).toBeLessThan(3000);
		expect(main.map((item) => item.json.status)).toEqual(Array(10).fill('queued'));
		expect(main[0].json).toMatchObject({ jobId: 'job-1', rowNumber: 1, jobStatus: 'processing' });
		expect(main[0].json.percentageProgress).toBeGreaterThan(0);
		expect(main[0].json.percentageProgress).toBeLessThan(100);
	});

	it('sends every job before waiting, so Ruler works on them meanwhile', async () => {
		const { sandbox } = env;

		await runRuler(sandbox, batchParameters({}, { rowsPerJob: 1 }), deals(3));

		const order = sandbox.requests.filter((r) => r.path !== '/v1/login').map((r) => r.method);
		expect(order.slice(0, 3)).toEqual(['POST', 'POST', 'POST']);
		expect(order.slice(3)).toEqual(['GET', 'GET', 'GET']);
	});

	it('stops at once when cancelled while waiting, naming the jobs Ruler has', async () => {
		const { sandbox } = env;
		sandbox.config.batchRowsPerSecond = 1;
		const firstRead = sandbox.waitForRequest(STATUS_PATH, 'GET');
		let cancelledAt = 0;
		const cancelWhen = firstRead.then(() => (cancelledAt = Date.now()));

		const { main, error } = await runRuler(sandbox, batchParameters(), deals(5), { cancelWhen });

		expect(Date.now() - cancelledAt).toBeLessThan(500);
		expect(main).toEqual([]);
		expect(error?.message).toBe('The execution was cancelled');
		expect(error?.description).toBe(
			'Ruler accepted 1 batch job(s) before it stopped (job-1); they go on in Ruler: read them with Batch Job → Get Status. No further job was sent.',
		);
	});

	it('starts no new job after a cancel', async () => {
		const { sandbox } = env;
		sandbox.config.latencyMs = 300;
		const firstUpload = sandbox.waitForRequest(BATCH_PATH, 'POST');

		const { error } = await runRuler(sandbox, batchParameters({}, { rowsPerJob: 2 }), deals(6), {
			cancelWhen: firstUpload,
		});

		expect(error?.message).toBe('The execution was cancelled');
		await sleep(700);
		expect(batchUploadsOf(sandbox)).toHaveLength(1);
	});
});

describe('Upload in Batch: faults', () => {
	const env = useRulerSandbox();

	it('retries an upload answered 503 before it was handled, and status reads that fail', async () => {
		// Faults "as for the other endpoints": a 503 is temporary (retried with backoff).
		const { sandbox } = env;
		sandbox.faults.add({ method: 'POST', path: BATCH_PATH, status: 503 });
		sandbox.faults.add({ method: 'GET', path: STATUS_PATH, status: 503 });

		const { main } = await runRuler(sandbox, batchParameters(), deals(2));

		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[1, 'uploaded', 'job-1#2'],
		]);
		expect(batchUploadsOf(sandbox)).toHaveLength(2);
	});

	it('never sends a job again when its answer was lost, and reports no row as uploaded', async () => {
		// "processed, then the answer was lost": the job may exist, so resending could store it twice.
		const { sandbox } = env;
		sandbox.faults.add({ method: 'POST', path: BATCH_PATH, dropAnswer: true });

		const { main } = await runRuler(sandbox, batchParameters(), [deal('L-0')], continuing);

		expect(batchUploadsOf(sandbox)).toHaveLength(1);
		expect(summary(main)).toEqual([
			[
				0,
				'failed',
				'Item 0 (reference "L-0"): The answer to the batch upload was lost (ECONNRESET): Ruler may have created the job',
			],
		]);
		expect(sandbox.state.batchJobs.size).toBe(1);
	});

	it('stops the run when Ruler refuses the login: later jobs are not sent', async () => {
		const { sandbox } = env;
		const { main } = await runRuler(sandbox, batchParameters({}, { rowsPerJob: 1 }), deals(3), {
			...continuing,
			credentials: { rulerApi: sandbox.credentials({ password: 'wrong' }) },
		});

		expect(batchUploadsOf(sandbox)).toEqual([]);
		expect(summary(main)).toEqual([
			[
				0,
				'failed',
				expect.stringMatching(/^Item 0 \(reference "D-0"\): Ruler login failed \(HTTP 400\)$/),
			],
			[
				1,
				'failed',
				'Item 1 (reference "D-1"): Not sent, as an earlier batch job failed: Ruler login failed (HTTP 400)',
			],
			[
				2,
				'failed',
				'Item 2 (reference "D-2"): Not sent, as an earlier batch job failed: Ruler login failed (HTTP 400)',
			],
		]);
		expect(sandbox.requestsTo('/v1/login')).toHaveLength(1);
	});
});
