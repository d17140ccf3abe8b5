import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runAllItems } from './results';

/** One operation: it handles all input items at once and returns the node's outputs. */
export interface Operation {
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** A node's resources, each with its operations by their `value`. */
export type Resources = Record<string, Record<string, Operation>>;

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Runs the chosen resource's operation; each operation handles all input items at once. An operation
 * throws only when the whole run failed (credential, options, definition); set to continue, every
 * item then reports that failure.
 */
export async function route(
	context: IExecuteFunctions,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const operations = has(resources, resource) ? resources[resource] : {};
	if (!has(operations, operation)) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const handler = operations[operation];
	return await runAllItems(context, async () => await handler.execute.call(context));
}
