import { DateTime } from 'luxon';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readInputFields } from '../../../shared/items/inputFields';
import { finishRun, type ItemResult } from '../../../shared/items/results';
import { uploadInBatches } from '../../helpers/batch';
import { validRow, type BatchRow } from '../../helpers/batchResults';
import { ItemChecker, isReady } from '../../helpers/checks';
import { BACKOFF, MAX_JOB_BYTES } from '../../helpers/constants';
import { batchProblem } from '../../helpers/csv';
import { invalidResult } from '../../helpers/results';
import { readStageMapping } from '../../../shared/values/stages';
import { readItem } from './upload.operation';
import { batchOptions, readBatchOptions } from './uploadBatch.options';

const fields: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Ruler has processed each job, so that every item says uploaded or failed. Off, items come out as queued with their job ID, to be read later with Batch Job → Get Status.',
	},
	{
		displayName: 'Max Wait',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 900,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'Seconds to wait for the jobs, checking their status with growing pauses. Items of a job still processing then come out as queued with its job ID.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['uploadBatch'] } },
	[...fields, batchOptions],
);

/** Opportunity → Upload in Batch: the valid items as CSV batch jobs, one result per item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readBatchOptions(this);
	const inputFields = readInputFields(this, this.getNodeParameter('options', 0, {}) as IDataObject);
	const checker = new ItemChecker({
		zone: this.getTimezone(),
		now: DateTime.utc(),
		dateFormat: options.dateFormat,
		// "OpportunityValue (decimal)" on the batch pages: sent as given.
		roundValue: false,
		stripCookiePrefix: true,
		allowedStages: options.allowedStages,
	});
	const stages = readStageMapping(this, 'Ruler');
	const results: ItemResult[] = [];
	const rows: BatchRow[] = [];
	this.getInputData().forEach((_, itemIndex) => {
		const checked = checker.check(itemIndex, readItem(this, itemIndex, stages));
		const problem = isReady(checked) ? batchProblem(checked.opportunity) : undefined;
		if (!isReady(checked)) results.push(checked);
		else if (problem)
			results.push(invalidResult(itemIndex, checked.opportunity.reference, [problem]));
		else rows.push(checked);
	});
	if (options.validateOnly) {
		results.push(...rows.map(validRow));
		return finishRun(this, sortedByItem(results), 'valid', inputFields);
	}
	const wait = this.getNodeParameter('waitForCompletion', 0, true) as boolean;
	const settings = {
		policy: { ...BACKOFF, maxRetries: options.maxRetries },
		timeoutMs: options.timeout,
		signal: this.getExecutionCancelSignal(),
		rowsPerJob: options.rowsPerJob,
		maxBytes: MAX_JOB_BYTES,
		waitForCompletion: wait,
		maxWaitMs: Number(this.getNodeParameter('maxWait', 0, 900)) * 1000,
	};
	if (rows.length) results.push(...(await uploadInBatches(this, settings, rows)));
	return finishRun(this, sortedByItem(results), 'uploaded', inputFields);
}

const sortedByItem = (results: ItemResult[]) => results.sort((a, b) => a.itemIndex - b.itemIndex);
