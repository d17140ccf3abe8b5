import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/items/router';
import { operations as batchJob } from './batchJob/BatchJob.resource';
import { operations as opportunity } from './opportunity/Opportunity.resource';

const RESOURCES = { opportunity, batchJob };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, RESOURCES);
}
