import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkedUri } from '../../transport/uris';

/** The sync the reading operations work on, as an import reports it. */
export const syncUriProperty: INodeProperties = {
	displayName: 'Sync URI',
	name: 'syncUri',
	type: 'string',
	required: true,
	displayOptions: { show: { resource: ['sync'], operation: ['get', 'getLogs', 'getRejects'] } },
	default: '',
	placeholder: '={{ $json.syncUri }}',
	description:
		'The sync to read, e.g. /syncs/456 (or just 456), as an import reports it in syncUri',
};

/** The checked URI of the sync an item names in Sync URI. */
export function syncUriOf(context: IExecuteFunctions, itemIndex: number): string {
	return checkedUri(context.getNode(), context.getNodeParameter('syncUri', itemIndex), 'syncs');
}
