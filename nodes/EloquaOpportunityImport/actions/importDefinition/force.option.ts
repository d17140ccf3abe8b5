import type { INodeProperties } from 'n8n-workflow';

/** Options with Force: Delete and Clear Staged Data otherwise refuse while a sync runs. */
export function forceOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['importDefinition'], operation: [operation] } },
		options: [
			{
				displayName: 'Force',
				name: 'force',
				type: 'boolean',
				default: false,
				description:
					"Whether to go ahead while one of the definition's syncs is pending or active, instead of refusing. That sync may then fail and its rows not be imported.",
			},
		],
	};
}
