import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';

export const operations = { upload };

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
		],
		// Workflows saved before there was a choice of operation run this one.
		default: 'upload',
	},
	...upload.description,
];
