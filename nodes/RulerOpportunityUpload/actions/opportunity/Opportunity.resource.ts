import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';
import * as uploadBatch from './uploadBatch.operation';

export const operations = { upload, uploadBatch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: 'Send opportunities to Ruler, one result per item',
				action: 'Upload opportunities',
			},
			{
				name: 'Upload in Batch',
				value: 'uploadBatch',
				description:
					'Send opportunities to Ruler as CSV batch jobs, for thousands of items; one result per item',
				action: 'Upload opportunities in batch',
			},
		],
		// Workflows saved before there was a choice of operation run this one.
		default: 'upload',
	},
	...upload.description,
	...uploadBatch.description,
];
