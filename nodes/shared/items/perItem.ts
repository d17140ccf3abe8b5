import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { errorFields } from '../transport/explain';
import { itemLabel } from './labels';
import { failed, failureJson } from './results';
import { asSetupError } from './setup';

/** The error, marked with the item it belongs to (n8n's errors keep their item in `context`). */
function forItem(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

/**
 * Runs a simple operation once per input item, as n8n's own nodes do: each result (or list of
 * results) is paired to its item; with continue-on-fail a failure becomes that item's `{error}`
 * and the others go on. A setup mistake (no credential) is the whole run's, not the item's.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result])
				output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const setup = asSetupError(context.getNode(), error);
			if (setup) throw setup;
			if (!context.continueOnFail()) throw forItem(context, error as Error, itemIndex);
			const { message, description, httpStatus } = errorFields(error);
			const result = failed(
				itemIndex,
				{ status: 'failed', httpStatus: httpStatus ?? null },
				`${itemLabel(itemIndex)}: ${message}`,
				description,
			);
			output.push({ json: failureJson(result), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
