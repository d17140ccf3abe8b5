import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { actionSubtitle } from '../shared/items/subtitle';
import { toolProperties } from './actions/common/tool.properties';
import { description as importDefinition } from './actions/importDefinition/ImportDefinition.resource';
import { description as opportunity } from './actions/opportunity/Opportunity.resource';
import { description as opportunityContactLink } from './actions/opportunityContactLink/OpportunityContactLink.resource';
import { router } from './actions/router';
import { description as sync } from './actions/sync/Sync.resource';
import { methods } from './methods';

const operations = [...opportunity, ...opportunityContactLink, ...importDefinition, ...sync];

export class EloquaOpportunityImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eloqua Opportunity Import',
		name: 'eloquaOpportunityImport',
		icon: { light: 'file:eloqua.svg', dark: 'file:eloqua.dark.svg' },
		group: ['output'],
		// 1.1: required columns are mandatory in the mapper and Validate Only is a switch. Being
		// versioned also keeps n8n from adding "Custom API Call", which this node cannot serve.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: actionSubtitle(operations),
		description: 'Import CRM opportunities into Oracle Eloqua in bulk, with one result per item',
		// n8n names a node used as a tool "<action> in <this name>": "Import opportunities in Eloqua".
		defaults: { name: 'Eloqua' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'eloquaApi',
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
			{
				name: 'eloquaOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			...toolProperties,
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Basic Auth', value: 'basicAuth' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'basicAuth',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// The everyday resource first: n8n lists the actions in this order.
				options: [
					{
						name: 'Opportunity',
						value: 'opportunity',
						description: 'Import opportunities in bulk',
					},
					{
						name: 'Opportunity Contact Link',
						value: 'opportunityContactLink',
						description: 'Link opportunities to contacts or accounts in bulk',
					},
					{
						name: 'Opportunity Import Definition',
						value: 'importDefinition',
						description: 'Manage the definitions imports upload into',
					},
					{
						name: 'Sync',
						value: 'sync',
						description: 'Start syncs and read their status, logs and rejects',
					},
				],
				default: 'opportunity',
			},
			...operations,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
