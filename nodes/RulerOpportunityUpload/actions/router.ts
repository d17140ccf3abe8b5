import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runAllItems } from '../../shared/items/results';
import * as opportunity from './opportunity/Opportunity.resource';

type Operation = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> };

const RESOURCES: Record<string, Record<string, Operation>> = {
	opportunity: opportunity.operations,
};

/**
 * Runs the chosen resource's operation; each operation handles all input items at once. An operation
 * throws only when the whole run failed (credential, options); set to continue, every item then
 * reports that failure.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = RESOURCES[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await runAllItems(this, async () => await handler.execute.call(this));
}
