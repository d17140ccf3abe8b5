import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../node.type';
import * as importOperation from './import.operation';

export const operations: Operations<'opportunity'> = { import: importOperation };

export const description: INodeProperties[] = [
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
