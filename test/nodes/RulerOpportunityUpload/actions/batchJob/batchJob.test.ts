import type { IDataObject } from 'n8n-workflow';

import { RulerApi } from '../../../../../credentials/RulerApi.credentials';
import { RulerOpportunityUpload } from '../../../../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { searchBatchJobs } from '../../../../../nodes/RulerOpportunityUpload/methods/listSearch';
import { errorOf, loadOptionsContext } from '../../../../harness/engine';
import { deal, runRuler, useRulerSandbox, type RulerSandbox } from '../../../../harness/ruler';
import { batchParameters, FAILURES_PATH } from '../../batchKit';

/** Starts jobs as an earlier execution would, without waiting: one per item given. */
async function startJobs(sandbox: RulerSandbox, items: IDataObject[]) {
	const parameters = batchParameters({ waitForCompletion: false }, { rowsPerJob: 1 });
	await runRuler(sandbox, parameters, items);
	sandbox.requests.length = 0;
}

const jobParameters = (
	operation: string,
	jobId: IDataObject | undefined,
	extra: IDataObject = {},
) => ({
	resource: 'batchJob',
	operation,
	siteId: '1234',
	jobId,
	...extra,
});

describe('Batch Job operations', () => {
	const env = useRulerSandbox();

	it("Get Status gives the job's status fields, the status first, for a job ID from the input", async () => {
		// Status fields "status, totalRows, processedRows, percentageProgress, successCount, failureCount,
		// createdDateTime, completedDateTime, failureReason" (Batch jobs).
		const { sandbox } = env;
		await startJobs(sandbox, [deal('G-0')]);

		const { main } = await runRuler(
			sandbox,
			jobParameters('get', { mode: 'id', value: '={{ $json.jobId }}' }),
			[{ jobId: 'job-1' }],
		);

		expect(main).toHaveLength(1);
		expect(Object.keys(main[0].json)[0]).toBe('status');
		expect(main[0].json).toEqual({
			status: 'complete',
			jobId: 'job-1',
			siteId: '1234',
			totalRows: 1,
			processedRows: 1,
			percentageProgress: 100,
			successCount: 1,
			failureCount: 0,
			createdDateTime: expect.any(String),
			completedDateTime: expect.any(String),
		});
		expect(main[0].pairedItem).toEqual({ item: 0 });
		expect(sandbox.requests.map((r) => r.path)).toEqual([
			'/v1/login',
			'/v1/1234/batch/job-1/status',
		]);
	});

	it("Get Failures gives one item per failed row with its row number, reference and Ruler's message", async () => {
		const { sandbox } = env;
		await runRuler(sandbox, batchParameters({ waitForCompletion: false }), [
			deal('F-0'),
			deal('F-1', { stage: 'Dreaming' }),
		]);

		const { main } = await runRuler(
			sandbox,
			jobParameters('getFailures', { mode: 'id', value: 'job-1' }),
			[{}],
		);

		expect(main.map((item) => item.json)).toEqual([
			{
				status: 'failed',
				jobId: 'job-1',
				rowNumber: 2,
				reference: 'F-1',
				errorMessage: '"Dreaming" is not a pipeline stage.',
				row: expect.objectContaining({ PipelineStage: 'Dreaming', Reference: 'F-1' }),
			},
		]);
		// The JSON has no row number here, so the CSV (RowNumber first) was read too.
		expect(sandbox.requestsTo(FAILURES_PATH).map((r) => r.query.format)).toEqual(['json', 'csv']);
	});

	it("Get Many lists the site's jobs, up to the limit", async () => {
		const { sandbox } = env;
		await startJobs(sandbox, [deal('M-0'), deal('M-1'), deal('M-2')]);

		const limited = await runRuler(sandbox, jobParameters('getMany', undefined, { limit: 2 }), [
			{},
		]);
		const all = await runRuler(sandbox, jobParameters('getMany', undefined, { returnAll: true }), [
			{},
		]);

		expect(limited.main.map((item) => item.json.jobId)).toEqual(['job-3', 'job-2']);
		expect(all.main.map((item) => [item.json.status, item.json.jobId])).toEqual([
			['complete', 'job-3'],
			['complete', 'job-2'],
			['complete', 'job-1'],
		]);
	});

	it("names the item and the field when a job ID is missing or unsafe, and Ruler's 404 for an unknown one", async () => {
		const { sandbox } = env;

		const { main } = await runRuler(
			sandbox,
			jobParameters('get', { mode: 'id', value: '={{ $json.jobId }}' }),
			[{ jobId: '' }, { jobId: '../x' }, { jobId: 'job-404' }],
			{ onError: 'continueRegularOutput' },
		);

		expect(main.map((item) => errorOf(item).message)).toEqual([
			'Item 0: Batch Job must be letters, digits, "-" and "_" only (it becomes part of the request address), got ""',
			'Item 1: Batch Job must be letters, digits, "-" and "_" only (it becomes part of the request address), got "../x"',
			'Item 2: Ruler did not find the site or the upload address (HTTP 404)',
		]);
	});
});

describe('the batch job picker', () => {
	const env = useRulerSandbox();
	const editor = (sandbox: RulerSandbox, siteId: string) =>
		loadOptionsContext({
			nodeType: new RulerOpportunityUpload(),
			parameters: jobParameters('get', { mode: 'list', value: '' }, { siteId }),
			credentialTypes: { rulerApi: new RulerApi() },
			credentials: { rulerApi: sandbox.credentials() },
		});

	it("lists the site's jobs with their status, filtered by the text typed", async () => {
		const { sandbox } = env;
		await startJobs(sandbox, [deal('L-0'), deal('L-1')]);

		expect(await searchBatchJobs.call(editor(sandbox, '1234'))).toEqual({
			results: [
				{ name: expect.stringMatching(/^job-2 \(complete, 1 rows, \d{4}-/), value: 'job-2' },
				{ name: expect.stringMatching(/^job-1 \(complete, 1 rows, \d{4}-/), value: 'job-1' },
			],
		});
		expect((await searchBatchJobs.call(editor(sandbox, '1234'), 'JOB-1')).results).toEqual([
			{ name: expect.stringMatching(/^job-1 /), value: 'job-1' },
		]);
	});

	it('says what to do when the site ID is not set, and when a site has no jobs', async () => {
		const { sandbox } = env;

		expect(await searchBatchJobs.call(editor(sandbox, '={{ $json.site }}'))).toEqual({
			results: [
				{ name: 'Type the Site ID above (as text, not an expression) to list its jobs', value: '' },
			],
		});
		expect(await searchBatchJobs.call(editor(sandbox, '77'))).toEqual({
			results: [{ name: 'No batch jobs on site 77', value: '' }],
		});
	});
});
