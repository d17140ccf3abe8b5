import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { deleteDefinition, getDefinition } from '../../import/definition';
import { EloquaClient } from '../../transport/client';
import { readPages } from '../../transport/paging';
import {
	DEFINITION_KINDS,
	definitionKindOf,
	definitionKindProperty,
	definitionLocator,
	definitionUriOf,
	returnAllProperties,
	wantedCount,
	type DefinitionKind,
} from '../common/definition.properties';
import { forEachItem } from '../../../shared/items/perItem';
import * as create from './create.operation';

const resource = ['importDefinition'];
const ops = (...operation: string[]) => ({ resource, operation });

const kindOf = (context: IExecuteFunctions, itemIndex: number): DefinitionKind =>
	definitionKindOf(
		'importDefinition',
		context.getNodeParameter('definitionType', itemIndex, 'opportunity'),
	);

/** Runs `action` per item with the client and the chosen definition's URI. */
function onDefinition(
	action: (client: EloquaClient, uri: string, kind: DefinitionKind) => Promise<IDataObject>,
) {
	return {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const client = EloquaClient.forNode(this);
			return await forEachItem(this, async (i) => {
				const kind = kindOf(this, i);
				return await action(client, definitionUriOf(this, 'definitionId', i, kind), kind);
			});
		},
	};
}

export const operations = {
	create,
	get: onDefinition(
		async (client, uri, kind) => await getDefinition(client, uri, DEFINITION_KINDS[kind].parent),
	),
	delete: onDefinition(async (client, uri) => {
		await deleteDefinition(client, uri);
		return { uri, deleted: true };
	}),
	clearStagedData: onDefinition(async (client, uri) => {
		await client.bulk({ method: 'DELETE', path: `${uri}/data` });
		return { uri, stagedDataCleared: true };
	}),
	getMany: {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const client = EloquaClient.forNode(this);
			return await forEachItem(this, async (i) => {
				const { parent, collection } = DEFINITION_KINDS[kindOf(this, i)];
				return await readPages(client, `${parent}/${collection}`, wantedCount(this, i));
			});
		},
	},
};

export const importDefinitionDescription: INodeProperties[] = [
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
	definitionLocator('definitionId', 'Definition', ops('get', 'delete', 'clearStagedData')),
	...returnAllProperties(ops('getMany')),
	...create.description,
];
