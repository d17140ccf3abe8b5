import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { opportunityDescription } from './actions/opportunity';
import { router } from './actions/router';
import { searchImportDefinitions } from './methods/listSearch';
import { getOpportunityColumns } from './methods/resourceMapping';

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
			{ name: 'eloquaApi', required: true, displayOptions: { show: { authentication: ['basicAuth'] } } },
			{ name: 'eloquaOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
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
				options: [{ name: 'Opportunity', value: 'opportunity' }],
				default: 'opportunity',
			},
			...opportunityDescription,
		],
	};

	methods = {
		listSearch: { searchImportDefinitions },
		resourceMapping: { getOpportunityColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
