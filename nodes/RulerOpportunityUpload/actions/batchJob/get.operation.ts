import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { JobReader } from '../../transport/jobs';
import { jobIdOf, siteIdOf } from '../common/batchJob.properties';

export const description: INodeProperties[] = [];

/** Batch Job → Get Status: the job's status fields as Ruler gives them, the status first. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const reader = await JobReader.forNode(this);
	return await forEachItem(this, async (i) => {
		const siteId = siteIdOf(this, i);
		const jobId = jobIdOf(this, i);
		const status = (await reader.get(siteId, (urls) => urls.status(jobId))) as IDataObject;
		return { status: status.status ?? null, jobId, siteId, ...status };
	});
}
