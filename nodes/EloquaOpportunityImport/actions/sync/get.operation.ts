import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { waitForSync } from '../../helpers/sync';
import { EloquaClient } from '../../transport/client';
import { defaultMaxWaitMinutes } from '../common/lifecycle.options';
import { syncUriOf } from '../common/sync.properties';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['sync'], operation: ['get'] } },
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
];

/** Sync → Get Status: the sync as Eloqua reports it, optionally once it has ended. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const uri = syncUriOf(this, i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		if (!options.waitForCompletion) return await client.bulk({ method: 'GET', path: uri });
		const state = await waitForSync(client, uri, {
			intervalMs: ((options.pollIntervalSeconds as number) ?? 2) * 1000,
			maxWaitMs: ((options.maxWaitMinutes as number) ?? defaultMaxWaitMinutes(this)) * 60_000,
		});
		return { ...(await client.bulk({ method: 'GET', path: uri })), timedOut: state.timedOut };
	});
}
