import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { refuseWhileSyncing } from '../../helpers/definition';
import { EloquaClient } from '../../transport/client';
import { chosenDefinition } from '../common/definition.properties';
import { forceOptions } from './force.option';

export const description: INodeProperties[] = [forceOptions('clearStagedData')];

/** Import Definition → Clear Staged Data: deletes the rows uploaded but not synced, unless a sync runs. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const { uri } = chosenDefinition(this, i);
		if (!this.getNodeParameter('options.force', i, false))
			await refuseWhileSyncing(client, uri, 'clearStagedData');
		await client.bulk({ method: 'DELETE', path: `${uri}/data` });
		return { uri, stagedDataCleared: true };
	});
}
