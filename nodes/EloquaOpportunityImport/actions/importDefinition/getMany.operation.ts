import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { DEFINITION_KINDS, definitionKindOf } from '../../helpers/definition';
import { EloquaClient } from '../../transport/client';
import { readPages } from '../../transport/paging';
import { returnAllProperties, wantedCount } from '../common/definition.properties';

export const description: INodeProperties[] = returnAllProperties({
	resource: ['importDefinition'],
	operation: ['getMany'],
});

/** Import Definition → Get Many: the definitions of the chosen type, paged. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const kind = definitionKindOf(
			'importDefinition',
			this.getNodeParameter('definitionType', i, 'opportunity'),
		);
		const { parent, collection } = DEFINITION_KINDS[kind];
		return await readPages(client, `${parent}/${collection}`, wantedCount(this, i));
	});
}
