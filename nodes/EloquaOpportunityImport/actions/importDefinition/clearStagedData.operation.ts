import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { EloquaClient } from '../../transport/client';
import { chosenDefinition } from '../common/definition.properties';

/** Only the Definition Type and Definition the resource's operations share. */
export const description: INodeProperties[] = [];

/** Import Definition → Clear Staged Data: deletes the rows uploaded to a definition but not synced. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const { uri } = chosenDefinition(this, i);
		await client.bulk({ method: 'DELETE', path: `${uri}/data` });
		return { uri, stagedDataCleared: true };
	});
}
