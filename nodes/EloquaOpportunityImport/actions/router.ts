import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runAllItems } from '../../shared/items/results';
import { operations as importDefinition } from './importDefinition/ImportDefinition.resource';
import type { EloquaMap, Operation, Operations } from './node.type';
import { operations as opportunity } from './opportunity/Opportunity.resource';
import { operations as opportunityContactLink } from './opportunityContactLink/OpportunityContactLink.resource';
import { operations as sync } from './sync/Sync.resource';

const RESOURCES: { [R in keyof EloquaMap]: Operations<R> } = {
	opportunity,
	opportunityContactLink,
	importDefinition,
	sync,
};

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function operationOf(resource: string, operation: string): Operation | undefined {
	if (!has(RESOURCES, resource)) return undefined;
	const operations: Record<string, Operation> = RESOURCES[resource as keyof EloquaMap];
	return has(operations, operation) ? operations[operation] : undefined;
}

/**
 * Runs the chosen resource's operation; each operation handles all input items at once. An operation
 * throws only when the whole run failed; set to continue, every item then reports that failure.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operationOf(resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await runAllItems(this, async () => await handler.execute.call(this));
}
