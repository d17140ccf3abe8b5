import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { deleteDefinition, refuseWhileSyncing } from '../../helpers/definition';
import { EloquaClient } from '../../transport/client';
import { chosenDefinition } from '../common/definition.properties';
import { forceOptions } from './force.option';

export const description: INodeProperties[] = [forceOptions('delete')];

/** Import Definition → Delete: deletes the definition each item names, unless one of its syncs runs. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const { uri } = chosenDefinition(this, i);
		if (!this.getNodeParameter('options.force', i, false))
			await refuseWhileSyncing(client, uri, 'delete');
		await deleteDefinition(client, uri);
		return { uri, deleted: true };
	});
}
