import type { INodeProperties } from 'n8n-workflow';

import * as importOperation from './import.operation';

export const operations = { import: importOperation };

export const opportunityDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{
				name: 'Import',
				value: 'import',
				description: 'Create or update opportunities in bulk, one result per item',
				action: 'Import opportunities',
			},
		],
		default: 'import',
	},
	...importOperation.description,
];
