import { errorOf } from '../../../../harness/engine';
import { deal, deals, runRuler, useRulerSandbox } from '../../../../harness/ruler';
import {
	BATCH_PATH,
	batchParameters,
	batchUploadsOf,
	csvOf,
	csvText,
	dealRow,
	FAILURES_PATH,
	STATUS_PATH,
	summary,
} from '../../batchKit';

const continuing = { onError: 'continueRegularOutput' as const };

describe('Upload in Batch: what Ruler answers, per row', () => {
	const env = useRulerSandbox();

	it('rejects the rows a 400 names and sends the others once more as a new job', async () => {
		// "validated at once: 400 with row-level errors and nothing stored". [inferred] the errors'
		// shape and that rowNumber counts data rows from 1 (as the failures' RowNumber).
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: BATCH_PATH,
			status: 400,
			body: { errors: [{ rowNumber: 2, errors: ['PipelineStage: Is not known.'] }] },
		});

		const { main } = await runRuler(sandbox, batchParameters(), deals(3), continuing);

		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[2, 'uploaded', 'job-1#2'],
			[
				1,
				'rejected',
				'Item 1 (reference "D-1"): Ruler refused the row in the batch file (HTTP 400): PipelineStage: Is not known.',
			],
		]);
		expect(errorOf(main[2])).toMatchObject({
			status: 'rejected',
			dealKey: 'D-1',
			reference: 'D-1',
			invalidFields: ['Pipeline Stage'],
			httpStatus: 400,
			jobId: null,
			rowNumber: 2,
		});
		expect(Object.keys(errorOf(main[2]))[2]).toBe('status');
		expect(batchUploadsOf(sandbox).map(csvOf)).toEqual([
			csvText(dealRow('D-0'), dealRow('D-1'), dealRow('D-2')),
			csvText(dealRow('D-0'), dealRow('D-2')),
		]);
		expect(sandbox.writesFor('1234', 'D-1')).toBe(0);
	});

	it('resends only once: rows of a second refusal fail, and the rest fail as not sent', async () => {
		const { sandbox } = env;
		const named = (rowNumber: number) => ({
			method: 'POST',
			path: BATCH_PATH,
			status: 400,
			body: { errors: [{ rowNumber, errors: ['Reference: Is wrong.'] }] },
		});
		sandbox.faults.add(named(1)).add(named(1));

		const { main } = await runRuler(sandbox, batchParameters(), deals(3), continuing);

		expect(summary(main)).toEqual([
			[0, 'rejected', expect.stringContaining('(HTTP 400): Reference: Is wrong.')],
			[1, 'rejected', expect.stringContaining('(HTTP 400): Reference: Is wrong.')],
			[
				2,
				'failed',
				'Item 2 (reference "D-2"): Not sent: Ruler refused the batch file again, for other rows',
			],
		]);
		expect(batchUploadsOf(sandbox)).toHaveLength(2);
		expect(sandbox.state.writes).toBe(0);
	});

	it("fails every row of a file refused without row errors, with Ruler's reason", async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: BATCH_PATH,
			status: 400,
			body: { message: 'The header row is required.' },
		});

		const { main } = await runRuler(sandbox, batchParameters(), deals(2), continuing);

		expect(summary(main)).toEqual([
			[
				0,
				'failed',
				'Item 0 (reference "D-0"): Ruler refused the batch file (HTTP 400): The header row is required.',
			],
			[
				1,
				'failed',
				'Item 1 (reference "D-1"): Ruler refused the batch file (HTTP 400): The header row is required.',
			],
		]);
	});

	it("maps a partly complete job's failures to their items, by the CSV RowNumber when the JSON has none", async () => {
		// "CSV has RowNumber first and ErrorMessage last; JSON gives the row's fields plus errorMessage".
		const { sandbox } = env;
		const items = [deal('P-0'), deal('P-1', { stage: 'Dreaming' }), deal('P-2')];

		const { main } = await runRuler(sandbox, batchParameters(), items, continuing);

		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[2, 'uploaded', 'job-1#3'],
			[
				1,
				'rejected',
				'Item 1 (reference "P-1"): Ruler could not store the row of batch job job-1: "Dreaming" is not a pipeline stage.',
			],
		]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query.format ?? ''])).toEqual([
			['POST', '/v1/login', ''],
			['POST', '/v1/1234/opportunity/batch', ''],
			['GET', '/v1/1234/batch/job-1/status', ''],
			['GET', '/v1/1234/opportunity/batch/job-1/failures', 'json'],
			['GET', '/v1/1234/opportunity/batch/job-1/failures', 'csv'],
		]);
		expect(main[0].json).toMatchObject({ jobStatus: 'partialcomplete' });
		// The stage's failure names the field in words, not by its column.
		expect(errorOf(main[2])).toMatchObject({
			status: 'rejected',
			dealKey: 'P-1',
			invalidFields: ['Pipeline Stage'],
			jobId: 'job-1',
			rowNumber: 2,
		});
	});

	it('reads the JSON failures alone when they carry row numbers', async () => {
		const { sandbox } = env;
		sandbox.config.jsonRowNumbers = true;
		const items = [deal('J-0', { stage: 'Dreaming' }), deal('J-1')];

		const { main } = await runRuler(sandbox, batchParameters(), items, continuing);

		expect(summary(main)).toEqual([
			[1, 'uploaded', 'job-1#2'],
			[0, 'rejected', expect.stringContaining('"Dreaming" is not a pipeline stage.')],
		]);
		expect(sandbox.requestsTo(FAILURES_PATH).map((r) => r.query.format)).toEqual(['json']);
	});

	it("checks each failure's row number against the row's Reference, and goes by the Reference when they differ", async () => {
		const { sandbox } = env;
		const items = [deal('R-0'), deal('R-1', { stage: 'Dreaming' })];
		// A rowNumber that names another row (row 1 is R-0): the Reference decides.
		sandbox.faults.add({
			method: 'GET',
			path: FAILURES_PATH,
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: [{ rowNumber: 1, Reference: 'R-1', errorMessage: 'Bad stage.' }],
		});

		const { main } = await runRuler(sandbox, batchParameters(), items, continuing);

		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[
				1,
				'rejected',
				'Item 1 (reference "R-1"): Ruler could not store the row of batch job job-1: Bad stage.',
			],
		]);
	});

	it('reports no row uploaded when the failures cannot be read', async () => {
		const { sandbox } = env;
		const items = [deal('U-0'), deal('U-1', { stage: 'Dreaming' })];
		sandbox.faults.add({ method: 'GET', path: FAILURES_PATH, status: 404, times: 10 });

		const { main } = await runRuler(sandbox, batchParameters(), items, continuing);

		expect(summary(main).map(([item, status]) => [item, status])).toEqual([
			[0, 'failed'],
			[1, 'failed'],
		]);
		expect(summary(main)[0][2]).toBe(
			'Item 0 (reference "U-0"): Ruler\'s batch job job-1 ended partialcomplete, and its failures could not be read (Ruler did not find the site or the upload address (HTTP 404))',
		);
	});

	it('fails every row of a job that failed as a whole with its failureReason', async () => {
		// Status "failed" with "failureReason" (Batch jobs).
		const { sandbox } = env;
		sandbox.config.jobFailureReason = 'The file could not be read.';

		const { main } = await runRuler(sandbox, batchParameters(), deals(2), continuing);

		expect(summary(main)).toEqual([
			[
				0,
				'failed',
				'Item 0 (reference "D-0"): Ruler\'s batch job job-1 failed: The file could not be read.',
			],
			[
				1,
				'failed',
				'Item 1 (reference "D-1"): Ruler\'s batch job job-1 failed: The file could not be read.',
			],
		]);
		expect(sandbox.state.writes).toBe(0);
	});

	it('gives queued items with their job ID when told not to wait, and reads no status', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(
			sandbox,
			batchParameters({ waitForCompletion: false }),
			deals(2),
		);

		expect(main.map((item) => item.json)).toEqual([
			expect.objectContaining({
				status: 'queued',
				jobId: 'job-1',
				rowNumber: 1,
				jobStatus: 'pending',
			}),
			expect.objectContaining({
				status: 'queued',
				jobId: 'job-1',
				rowNumber: 2,
				jobStatus: 'pending',
			}),
		]);
		expect(sandbox.requestsTo(STATUS_PATH)).toEqual([]);
	});
});
