import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { actionSubtitle } from '../shared/items/subtitle';
import * as batchJob from './actions/batchJob/BatchJob.resource';
import { toolProperties } from './actions/common/tool.properties';
import * as opportunity from './actions/opportunity/Opportunity.resource';
import { router } from './actions/router';
import { methods } from './methods';

/** What the editor shows under the node: the operation, with the site it works on. */
const SUBTITLES = {
	'opportunity:upload': 'Upload to site {siteId}',
	'opportunity:uploadBatch': 'Upload in batch to site {siteId}',
	'batchJob:get': 'Get batch job status',
	'batchJob:getFailures': 'Get batch job failures',
	'batchJob:getMany': 'Get many batch jobs of site {siteId}',
};

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Opportunity',
			value: 'opportunity',
			description: 'Send opportunities to Ruler for attribution',
		},
		{
			name: 'Batch Job',
			value: 'batchJob',
			description: 'Read the batch jobs an upload in batch started',
		},
	],
	// Workflows saved before there was a choice of resource run this one.
	default: 'opportunity',
};

export class RulerOpportunityUpload implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ruler Opportunity Upload',
		name: 'rulerOpportunityUpload',
		icon: { light: 'file:ruler.svg', dark: 'file:ruler.dark.svg' },
		group: ['output'],
		// 1.1: Validate Only is a switch. Being versioned also keeps n8n from adding "Custom API
		// Call", which this node cannot run (the README points to the HTTP Request node).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: actionSubtitle([...opportunity.description, ...batchJob.description], SUBTITLES),
		description:
			'Send CRM opportunities to Ruler Analytics for attribution, with one result per item',
		// n8n names a node used as a tool "<action> in <this name>": "Upload opportunities in Ruler".
		defaults: { name: 'Ruler' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rulerApi', required: true }],
		properties: [...toolProperties, resource, ...opportunity.description, ...batchJob.description],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
