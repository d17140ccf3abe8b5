import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { returnAllProperties, wantedCount } from '../../../shared/items/returnAll';
import { JobReader } from '../../transport/jobs';
import { siteIdOf } from '../common/batchJob.properties';

export const description: INodeProperties[] = returnAllProperties({
	resource: ['batchJob'],
	operation: ['getMany'],
});

/** Ruler documents the address, not the answer's shape: a list, or one under `jobs` or `items`. */
export function jobList(body: unknown): IDataObject[] {
	const record = (body ?? {}) as IDataObject;
	const list = Array.isArray(body) ? body : (record.jobs ?? record.items ?? []);
	return (Array.isArray(list) ? list : []) as IDataObject[];
}

/** Batch Job → Get Many: the site's jobs, one output item each. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const reader = await JobReader.forNode(this);
	return await forEachItem(this, async (i) => {
		const siteId = siteIdOf(this, i);
		const jobs = jobList(await reader.get(siteId, (urls) => urls.jobs));
		return jobs
			.slice(0, wantedCount(this, i))
			.map((job) => ({ status: job.status ?? null, jobId: job.jobId ?? null, siteId, ...job }));
	});
}
