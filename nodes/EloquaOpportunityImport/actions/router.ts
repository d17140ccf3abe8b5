import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/items/router';
import { operations as importDefinition } from './importDefinition/ImportDefinition.resource';
import type { EloquaMap, Operations } from './node.type';
import { operations as opportunity } from './opportunity/Opportunity.resource';
import { operations as opportunityContactLink } from './opportunityContactLink/OpportunityContactLink.resource';
import { operations as sync } from './sync/Sync.resource';

const RESOURCES: { [R in keyof EloquaMap]: Operations<R> } = {
	opportunity,
	opportunityContactLink,
	importDefinition,
	sync,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, RESOURCES);
}
