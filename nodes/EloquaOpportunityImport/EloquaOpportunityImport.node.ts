import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { description as importDefinition } from './actions/importDefinition/ImportDefinition.resource';
import { description as opportunity } from './actions/opportunity/Opportunity.resource';
import { description as opportunityContactLink } from './actions/opportunityContactLink/OpportunityContactLink.resource';
import { router } from './actions/router';
import { description as sync } from './actions/sync/Sync.resource';
import { methods } from './methods';

export class EloquaOpportunityImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eloqua Opportunity Import',
		name: 'eloquaOpportunityImport',
		icon: { light: 'file:eloqua.svg', dark: 'file:eloqua.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Import CRM opportunities into Oracle Eloqua in bulk, with one result per item',
		defaults: { name: 'Eloqua Opportunity Import' },
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
				options: [
					{
						name: 'Import Definition',
						value: 'importDefinition',
						description: 'Manage the definitions imports upload into',
					},
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
						name: 'Sync',
						value: 'sync',
						description: 'Start syncs and read their status, logs and rejects',
					},
				],
				default: 'opportunity',
			},
			...opportunity,
			...opportunityContactLink,
			...importDefinition,
			...sync,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
