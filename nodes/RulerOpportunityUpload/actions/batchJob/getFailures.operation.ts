import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { returnAllProperties, wantedCount } from '../../../shared/items/returnAll';
import { readFailures } from '../../helpers/failures';
import { JobReader } from '../../transport/jobs';
import { jobIdOf, siteIdOf } from '../common/batchJob.properties';

export const description: INodeProperties[] = returnAllProperties({
	resource: ['batchJob'],
	operation: ['getFailures'],
});

/** Batch Job → Get Failures: one output item per row Ruler could not store, with its row number. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const reader = await JobReader.forNode(this);
	return await forEachItem(this, async (i) => {
		const siteId = siteIdOf(this, i);
		const jobId = jobIdOf(this, i);
		const read = await readFailures(reader.failuresOf(siteId, jobId));
		if (!read.ok) throw reader.failure(read.outcome);
		return read.failures.slice(0, wantedCount(this, i)).map((failure) => ({
			status: 'failed',
			jobId,
			rowNumber: failure.rowNumber ?? null,
			reference: failure.reference,
			errorMessage: failure.errorMessage,
			row: failure.fields,
		}));
	});
}
