import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { preview } from '../../../shared/values/text';
import { SITE_ID } from '../../helpers/fields';

export const siteIdProperty: INodeProperties = {
	displayName: 'Site ID',
	name: 'siteId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '12345',
	displayOptions: { show: { resource: ['batchJob'] } },
	description: 'The ID of the Ruler site the batch jobs belong to, as for the upload',
};

export const jobIdProperty: INodeProperties = {
	displayName: 'Batch Job',
	name: 'jobId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	displayOptions: { show: { resource: ['batchJob'], operation: ['get', 'getFailures'] } },
	description:
		"The job to read: pick it from the site's jobs, or give the jobId an upload in batch returned",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchBatchJobs', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '={{ $json.jobId }}',
		},
	],
};

/** An item's text parameter that becomes part of an address, checked. */
function addressPart(context: IExecuteFunctions, name: string, label: string, i: number): string {
	const raw = context.getNodeParameter(name, i, '', { extractValue: true });
	const value = String(raw ?? '').trim();
	// The upload's Site ID rule: nothing that could add a path segment, a query or a fragment.
	if (SITE_ID.test(value)) return value;
	throw new NodeOperationError(
		context.getNode(),
		`${label} must be letters, digits, "-" and "_" only (it becomes part of the request address), got ${preview(raw)}`,
		{ itemIndex: i, description: `Set ${label}, e.g. from the jobId an Upload in Batch returned.` },
	);
}

export const siteIdOf = (context: IExecuteFunctions, i: number) =>
	addressPart(context, 'siteId', 'Site ID', i);

export const jobIdOf = (context: IExecuteFunctions, i: number) =>
	addressPart(context, 'jobId', 'Batch Job', i);
