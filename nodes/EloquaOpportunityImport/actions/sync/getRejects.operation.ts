import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { readRejects } from '../../helpers/rejects';
import { EloquaClient } from '../../transport/client';
import { ELQ_CODES } from '../../transport/statuses';
import { returnAllProperties, wantedCount } from '../common/definition.properties';
import { syncUriOf } from '../common/sync.properties';

export const description: INodeProperties[] = returnAllProperties({
	resource: ['sync'],
	operation: ['getRejects'],
});

/** Sync → Get Rejects: one output item per rejected row, with the reason in plain words. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const uri = syncUriOf(this, i);
		return (await readRejects(client, uri, wantedCount(this, i))).map((reject) => ({
			...reject,
			explanation: ELQ_CODES[reject.statusCode] ?? reject.message,
			syncUri: uri,
		}));
	});
}
