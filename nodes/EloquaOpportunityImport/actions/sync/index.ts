import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readRejects } from '../../import/rejects';
import { readSyncLog, startSync, waitForSync } from '../../import/sync';
import { EloquaClient } from '../../transport/client';
import { ELQ_CODES } from '../../transport/errors';
import { checkedUri } from '../../transport/uris';
import {
	definitionKindOf,
	definitionKindProperty,
	definitionLocator,
	definitionUriOf,
	returnAllProperties,
	wantedCount,
} from '../common/definition.properties';
import { forEachItem } from '../../../shared/items/perItem';

const resource = ['sync'];
const ops = (...operation: string[]) => ({ resource, operation });

/** Runs `action` per item with the client and the sync URI the item names. */
function onSync(
	action: (
		context: IExecuteFunctions,
		client: EloquaClient,
		uri: string,
		itemIndex: number,
	) => Promise<IDataObject | IDataObject[]>,
) {
	return {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const client = EloquaClient.forNode(this);
			return await forEachItem(this, async (i) => {
				const uri = checkedUri(this.getNode(), this.getNodeParameter('syncUri', i), 'syncs');
				return await action(this, client, uri, i);
			});
		},
	};
}

async function getSync(
	context: IExecuteFunctions,
	client: EloquaClient,
	uri: string,
	itemIndex: number,
): Promise<IDataObject> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (!options.waitForCompletion) return await client.bulk({ method: 'GET', path: uri });
	const state = await waitForSync(client, uri, {
		intervalMs: ((options.pollIntervalSeconds as number) ?? 2) * 1000,
		maxWaitMs: ((options.maxWaitMinutes as number) ?? 30) * 60_000,
	});
	return { ...(await client.bulk({ method: 'GET', path: uri })), timedOut: state.timedOut };
}

export const operations = {
	get: onSync(getSync),
	getLogs: onSync(
		async (_context, client, uri) => (await readSyncLog(client, uri)) as unknown as IDataObject[],
	),
	getRejects: onSync(async (context, client, uri, i) =>
		(await readRejects(client, uri, wantedCount(context, i))).map((reject) => ({
			...reject,
			explanation: ELQ_CODES[reject.statusCode] ?? reject.message,
			syncUri: uri,
		})),
	),
	start: {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const client = EloquaClient.forNode(this);
			return await forEachItem(this, async (i) => {
				const kind = definitionKindOf(
					'sync',
					this.getNodeParameter('definitionType', i, 'opportunity'),
				);
				const definitionUri = definitionUriOf(this, 'definitionId', i, kind);
				const callbackUrl =
					(this.getNodeParameter('options.callbackUrl', i, '') as string) || undefined;
				const sync = await startSync(client, definitionUri, callbackUrl);
				return { uri: sync.uri, status: sync.status, syncedInstanceUri: definitionUri };
			});
		},
	},
};

export const syncDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Get Logs',
				value: 'getLogs',
				description: "Get a sync's log: counts per Eloqua code",
				action: 'Get the logs of a sync',
			},
			{
				name: 'Get Rejects',
				value: 'getRejects',
				description: 'Get the rows a sync rejected, with the reasons',
				action: 'Get the rejects of a sync',
			},
			{
				name: 'Get Status',
				value: 'get',
				description: "Get a sync's status, optionally waiting until it ends",
				action: 'Get the status of a sync',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start processing the rows staged on a definition',
				action: 'Start a sync',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Sync URI',
		name: 'syncUri',
		type: 'string',
		required: true,
		displayOptions: { show: ops('get', 'getLogs', 'getRejects') },
		default: '',
		placeholder: '={{ $json.syncUri }}',
		description:
			'The sync to read, e.g. /syncs/456 (or just 456), as an import reports it in syncUri',
	},
	{ ...definitionKindProperty(ops('start')) },
	definitionLocator('definitionId', 'Definition', ops('start')),
	...returnAllProperties(ops('getRejects')),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: ops('get') },
		options: [
			{
				displayName: 'Max Wait (Minutes)',
				name: 'maxWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				displayOptions: { show: { waitForCompletion: [true] } },
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: 2,
				displayOptions: { show: { waitForCompletion: [true] } },
			},
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: false,
				description:
					'Whether to poll until the sync ends (success, warning or error) or the maximum wait passes',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: ops('start') },
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
