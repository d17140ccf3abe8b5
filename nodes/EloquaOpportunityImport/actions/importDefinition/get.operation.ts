import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { DEFINITION_KINDS, getDefinition } from '../../helpers/definition';
import { EloquaClient } from '../../transport/client';
import { chosenDefinition } from '../common/definition.properties';

/** Only the Definition Type and Definition the resource's operations share. */
export const description: INodeProperties[] = [];

/** Import Definition → Get: the definition each item names. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const { kind, uri } = chosenDefinition(this, i);
		return await getDefinition(client, uri, DEFINITION_KINDS[kind].parent);
	});
}
