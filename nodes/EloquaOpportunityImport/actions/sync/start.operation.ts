import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { definitionKindOf } from '../../helpers/definition';
import { startSync, syncsSoFar } from '../../helpers/sync';
import { EloquaClient } from '../../transport/client';
import {
	definitionKindProperty,
	definitionLocator,
	definitionUriOf,
} from '../common/definition.properties';

const show = { resource: ['sync'], operation: ['start'] };

export const description: INodeProperties[] = [
	definitionKindProperty(show),
	definitionLocator('definitionId', 'Definition', show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				description: 'Eloqua calls this URL when the sync ends',
			},
		],
	},
];

/** Sync → Start: processes the rows staged on a definition. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const kind = definitionKindOf(
			'sync',
			this.getNodeParameter('definitionType', i, 'opportunity'),
		);
		const definitionUri = definitionUriOf(this, 'definitionId', i, kind);
		const callbackUrl =
			(this.getNodeParameter('options.callbackUrl', i, '') as string) || undefined;
		const known = await syncsSoFar(client, definitionUri);
		const sync = await startSync(client, definitionUri, known, callbackUrl);
		return { uri: sync.uri, status: sync.status, syncedInstanceUri: definitionUri };
	});
}
