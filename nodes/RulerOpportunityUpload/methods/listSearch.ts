import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { jobList } from '../actions/batchJob/getMany.operation';
import { SITE_ID } from '../helpers/fields';
import { JobReader } from '../transport/jobs';

const NO_SITE = 'Type the Site ID above (as text, not an expression) to list its jobs';

/** A list whose one entry says why it is empty; picking it leaves the job unset. */
const only = (name: string): INodeListSearchResult => ({ results: [{ name, value: '' }] });

const describe = (job: IDataObject) =>
	[
		job.status,
		job.totalRows !== undefined ? `${String(job.totalRows)} rows` : '',
		job.createdDateTime,
	]
		.filter((part) => part !== undefined && part !== '')
		.map(String)
		.join(', ');

/** The Site ID as typed; an expression has no value while the editor lists (empty then). */
function siteIdSet(context: ILoadOptionsFunctions): string {
	try {
		return String(context.getNodeParameter('siteId', '') ?? '').trim();
	} catch {
		return '';
	}
}

/** The site's batch jobs for the job picker, filtered by the text typed. */
export async function searchBatchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const siteId = siteIdSet(this);
	if (!SITE_ID.test(siteId)) return only(NO_SITE);
	const reader = await JobReader.forNode(this);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = jobList(await reader.get(siteId, (urls) => urls.jobs))
		.map((job) => ({ id: String(job.jobId ?? ''), job }))
		.filter(({ id }) => id !== '' && id.toLowerCase().includes(wanted))
		.map(({ id, job }) => ({ name: `${id} (${describe(job)})`, value: id }));
	if (results.length) return { results };
	return only(`No batch jobs${wanted ? ` matching "${filter}"` : ''} on site ${siteId}`);
}
