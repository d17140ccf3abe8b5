import type { INodeProperties } from 'n8n-workflow';

import * as importOperation from './import.operation';

export const operations = { import: importOperation };

export const opportunityContactLinkDescription: INodeProperties[] = [
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
				action: 'Link opportunities to contacts',
			},
		],
		default: 'import',
	},
	...importOperation.description,
];
