import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { runAllItems } from '../shared/items/results';
import { execute } from './upload';

export class RulerOpportunityUpload implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ruler Opportunity Upload',
		name: 'rulerOpportunityUpload',
		icon: { light: 'file:ruler.svg', dark: 'file:ruler.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Upload to site " + $parameter["siteId"]}}',
		description:
			'Send CRM opportunities to Ruler Analytics for attribution, with one result per item',
		defaults: { name: 'Ruler Opportunity Upload' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rulerApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// A failure of the whole run (credential, options) reaches every item when set to continue.
		return await runAllItems(this, async () => await execute.call(this));
	}
}
