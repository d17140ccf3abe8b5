import type { INodeProperties } from 'n8n-workflow';

import { syncUriProperty } from '../common/sync.properties';
import type { Operations } from '../node.type';
import * as get from './get.operation';
import * as getLogs from './getLogs.operation';
import * as getRejects from './getRejects.operation';
import * as start from './start.operation';

export const operations: Operations<'sync'> = { get, getLogs, getRejects, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sync'] } },
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
	syncUriProperty,
	...start.description,
	...getRejects.description,
	...get.description,
	...getLogs.description,
];
