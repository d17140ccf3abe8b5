import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { errorFields } from '../transport/explain';
import { itemLabel } from './labels';
import { asSetupError } from './setup';

/** What happened to one input item. Every input item gets exactly one. */
export interface ItemResult {
	itemIndex: number;
	ok: boolean;
	/** `status` and the node's own fields (ids, URIs, HTTP status...). */
	fields: IDataObject;
	/** Failures only: one sentence naming the item, the field and the rule. */
	error?: string;
	/** Failures only: what to do about it. */
	description?: string;
}

/**
 * The fields a failed item names, as the UI labels them, each once: every failure's `invalidFields`
 * in both nodes (never a parameter's internal name).
 */
export function invalidFieldLabels(
	fields: Iterable<string>,
	labelOf: (field: string) => string,
): string[] {
	return [...new Set([...fields].map(labelOf))];
}

export function succeeded(itemIndex: number, fields: IDataObject): ItemResult {
	return { itemIndex, ok: true, fields };
}

export function failed(
	itemIndex: number,
	fields: IDataObject,
	error: string,
	description?: string,
): ItemResult {
	return { itemIndex, ok: false, fields, error, description };
}

/**
 * A failed item as n8n's "Continue (using error output)" routes it on both n8n 1.x and 2.x: its only
 * key is `error` (1.x routes only `{error}` or `{error, message}` items). The engine merges the input
 * item's fields in beside it. `error` reads like n8n's own errors: `message` (one sentence naming the
 * item, the field and the rule), `description` (what to do), then the status and the node's fields.
 */
export function failureJson(result: ItemResult): IDataObject {
	const error: IDataObject = { message: result.error };
	if (result.description) error.description = result.description;
	return { error: Object.assign(error, result.fields) };
}

function failureItem(result: ItemResult): INodeExecutionData {
	return { json: failureJson(result), pairedItem: { item: result.itemIndex } };
}

/** The input fields a success carries beside the node's own (Include Input Fields), by item. */
export type InputFields = (itemIndex: number) => IDataObject | undefined;

/** A success's json: the node's fields first (`status` leads), then the input's other fields. */
function successJson(result: ItemResult, inputFields?: InputFields): IDataObject {
	const input = inputFields?.(result.itemIndex);
	if (!input) return result.fields;
	// The node's fields win a clash (a CRM's own `status`), and keep their place in front.
	return { ...result.fields, ...input, ...result.fields };
}

/**
 * One output item per input item, paired. Successes come first: n8n's "Retry On Fail" re-runs the
 * whole node when the first output item carries an error, which must not happen for a partial failure.
 */
export function toOutputItems(
	results: ItemResult[],
	inputFields?: InputFields,
): INodeExecutionData[] {
	const inOrder = (a: ItemResult, b: ItemResult) =>
		Number(b.ok) - Number(a.ok) || a.itemIndex - b.itemIndex;
	// Large runs usually arrive in order already; sorting 100,000 results costs more than checking.
	const ordered = results.every((r, i) => i === 0 || inOrder(results[i - 1], r) <= 0)
		? results
		: [...results].sort(inOrder);
	return ordered.map((result) =>
		result.ok
			? { json: successJson(result, inputFields), pairedItem: { item: result.itemIndex } }
			: failureItem(result),
	);
}

/**
 * A failure of the whole run (credentials, the service's address, a definition) as one failed item
 * per input item, for a node set to continue. Thrown instead, n8n would pass the input items on
 * unchanged, and downstream they would look like successes. A setup mistake is said as it is, not
 * as a fault of each item: `code: "nodeNotSetUp"` and the message "The node is not set up: …".
 */
export function everyItemFailed(
	context: IExecuteFunctions,
	error: unknown,
): INodeExecutionData[][] {
	const setup = asSetupError(context.getNode(), error);
	const { message, description, httpStatus } = errorFields(setup ?? error);
	const fields: IDataObject = setup
		? { status: 'failed', code: 'nodeNotSetUp' }
		: { status: 'failed', httpStatus: httpStatus ?? null };
	const results = context
		.getInputData()
		.map((_, itemIndex) =>
			failed(
				itemIndex,
				fields,
				setup ? message : `${itemLabel(itemIndex)}: ${message}`,
				description,
			),
		);
	return [toOutputItems(results)];
}

/**
 * Runs a node's work on all its items. The work throws only when the whole run failed; set to
 * continue, every item then reports that failure (a cancelled execution still stops). Not set to
 * continue, the node fails with that one error: a setup mistake is one node-level error.
 */
export async function runAllItems(
	context: IExecuteFunctions,
	work: () => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	try {
		return await work();
	} catch (error) {
		if (context.continueOnFail() && !context.getExecutionCancelSignal()?.aborted)
			return everyItemFailed(context, error);
		throw asSetupError(context.getNode(), error) ?? asNodeError(context, error);
	}
}

/** The error to rethrow as n8n's own kind; the nodes' own errors already are, and stay unchanged. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

const LISTED_GROUPS = 5;
const LISTED_INDEXES = 10;

/** "2 imported, 5 staged": the items that did not fail, by their status (`doneWord` when none). */
function doneCounts(results: ItemResult[], doneWord: string): string {
	const counts = new Map<string, number>();
	for (const result of results) {
		if (!result.ok) continue;
		const status = String(result.fields.status ?? doneWord);
		counts.set(status, (counts.get(status) ?? 0) + 1);
	}
	if (counts.size === 0) return `0 ${doneWord}`;
	return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

const asSentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** The label `Item 3` or `Item 3 (OpportunityID "A-1")` every failure's message starts with. */
const LABEL = /^Item \d+(?: \([^"()]*? (?:"(?:[^"\\]|\\.)*"|[^"()]*)\))?: /;

/** A failure as one or two sentences, with and without its item's label. */
function explained(failure: ItemResult): { labelled: string; reason: string } {
	const text = [failure.error ?? '', failure.description ?? '']
		.filter(Boolean)
		.map(asSentence)
		.join(' ');
	const label = LABEL.exec(text)?.[0] ?? '';
	return { labelled: text, reason: text.slice(label.length) };
}

/** "Items 0, 2, 4", shortened for long runs: which items share one reason. */
function itemNumbers(indexes: number[]): string {
	const shown = indexes.slice(0, LISTED_INDEXES).join(', ');
	const rest = indexes.length - LISTED_INDEXES;
	return rest > 0 ? `Items ${shown} and ${rest} more` : `Items ${shown}`;
}

/**
 * One line per distinct reason, in item order: a reason shared by several items is said once for
 * all of them ("Items 0, 2, 4: …", or "All 5 items: …" when every item failed alike).
 */
function failureLines(failures: ItemResult[], itemCount: number): string[] {
	const groups = new Map<string, { first: string; indexes: number[] }>();
	for (const failure of failures) {
		const { labelled, reason } = explained(failure);
		const group = groups.get(reason) ?? { first: labelled, indexes: [] };
		group.indexes.push(failure.itemIndex);
		groups.set(reason, group);
	}
	const lines = [...groups].slice(0, LISTED_GROUPS).map(([reason, { first, indexes }]) => {
		if (indexes.length === 1) return `• ${first}`;
		const who = indexes.length === itemCount ? `All ${itemCount} items` : itemNumbers(indexes);
		return `• ${who}: ${reason}`;
	});
	const unlisted = [...groups.values()]
		.slice(LISTED_GROUPS)
		.reduce((count, group) => count + group.indexes.length, 0);
	if (unlisted > 0) lines.push(`…and ${unlisted} more failed item${unlisted === 1 ? '' : 's'}.`);
	return lines;
}

/**
 * Returns the output items, or fails the node when items failed and the node is not set to continue:
 * the message counts the failed items and the others by status; the description says how to keep
 * the good items flowing, then why the items failed, in item order.
 */
export function finishRun(
	context: IExecuteFunctions,
	results: ItemResult[],
	doneWord: string,
	inputFields?: InputFields,
): INodeExecutionData[][] {
	const failures = results.filter((r) => !r.ok).sort((a, b) => a.itemIndex - b.itemIndex);
	if (failures.length === 0 || context.continueOnFail())
		return [toOutputItems(results, inputFields)];
	throw new NodeOperationError(
		context.getNode(),
		`${failures.length} of ${results.length} items failed (${doneCounts(results, doneWord)})`,
		{
			itemIndex: failures[0].itemIndex,
			description: [
				'To keep the good items flowing and route the failed ones to their own branch, set Settings → On Error to "Continue (using error output)".',
				...failureLines(failures, results.length),
			].join('\n'),
		},
	);
}
