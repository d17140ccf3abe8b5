import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../node.type';
import * as importOperation from './import.operation';

export const operations: Operations<'opportunityContactLink'> = { import: importOperation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunityContactLink'] } },
		options: [
			{
				name: 'Import',
				value: 'import',
				description: 'Link opportunities to contacts or accounts in bulk, one result per item',
				action: 'Link opportunities to contacts or accounts',
			},
		],
		default: 'import',
	},
	...importOperation.description,
];
