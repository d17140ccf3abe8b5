import type { INodeProperties } from 'n8n-workflow';

import { definitionKindProperty, definitionLocator } from '../common/definition.properties';
import type { Operations } from '../node.type';
import * as clearStagedData from './clearStagedData.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Operations<'importDefinition'> = {
	clearStagedData,
	create,
	delete: deleteOperation,
	get,
	getMany,
};

const resource = ['importDefinition'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Clear Staged Data',
				value: 'clearStagedData',
				description: 'Delete rows uploaded but not synced yet',
				action: 'Clear staged data of an import definition',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an import definition',
				action: 'Create an import definition',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an import definition',
				action: 'Delete an import definition',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an import definition',
				action: 'Get an import definition',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List import definitions',
				action: 'Get many import definitions',
			},
		],
		default: 'getMany',
	},
	definitionKindProperty({ resource }),
	definitionLocator('definitionId', 'Definition', {
		resource,
		operation: ['get', 'delete', 'clearStagedData'],
	}),
	...get.description,
	...deleteOperation.description,
	...clearStagedData.description,
	...getMany.description,
	...create.description,
];
