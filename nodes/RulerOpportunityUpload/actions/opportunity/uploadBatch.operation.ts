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
import { BatchUpload, type BatchSettings } from '../../helpers/batch';
import { validRow } from '../../helpers/batchResults';
import { ItemChecker, isReady } from '../../helpers/checks';
import { BACKOFF, MAX_JOB_BYTES } from '../../helpers/constants';
import { batchProblem } from '../../helpers/csv';
import { itemReader } from '../common/itemValues';
import { invalidResult } from '../../helpers/results';
import { readStageMapping } from '../../../shared/values/stages';
import { batchOptions, readBatchOptions, type BatchOptions } from './uploadBatch.options';

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
	const batch = options.validateOnly
		? undefined
		: new BatchUpload(this, batchSettings(this, options));
	const readItem = itemReader(this, stages);
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const checked = checker.check(itemIndex, readItem(itemIndex));
		const problem = isReady(checked) ? batchProblem(checked.opportunity) : undefined;
		if (!isReady(checked)) results.push(checked);
		else if (problem)
			results.push(invalidResult(itemIndex, checked.opportunity.reference, [problem]));
		else if (batch) await batch.add(checked);
		else results.push(validRow(checked));
	}
	if (batch) results.push(...(await batch.finish()));
	const done = batch ? 'uploaded' : 'valid';
	return finishRun(this, sortedByItem(results), done, inputFields);
}

function batchSettings(context: IExecuteFunctions, options: BatchOptions): BatchSettings {
	return {
		policy: { ...BACKOFF, maxRetries: options.maxRetries },
		timeoutMs: options.timeout,
		signal: context.getExecutionCancelSignal(),
		rowsPerJob: options.rowsPerJob,
		maxBytes: MAX_JOB_BYTES,
		waitForCompletion: context.getNodeParameter('waitForCompletion', 0, true) as boolean,
		maxWaitMs: Number(context.getNodeParameter('maxWait', 0, 900)) * 1000,
	};
}

const sortedByItem = (results: ItemResult[]) => results.sort((a, b) => a.itemIndex - b.itemIndex);
