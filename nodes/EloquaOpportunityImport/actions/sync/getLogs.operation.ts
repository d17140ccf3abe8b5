import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { readSyncLog } from '../../helpers/sync';
import { EloquaClient } from '../../transport/client';
import { syncUriOf } from '../common/sync.properties';

/** Only the Sync URI the reading operations share. */
export const description: INodeProperties[] = [];

/** Sync → Get Logs: one output item per log entry (a count per Eloqua code). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(
		this,
		async (i) => (await readSyncLog(client, syncUriOf(this, i))) as unknown as IDataObject[],
	);
}
