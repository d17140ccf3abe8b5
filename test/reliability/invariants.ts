import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NodeRun } from '../harness/engine';
import type { RecordedRequest } from '../sandbox/kit';

/** What a run reported for one input item, read the same way for successes and failures. */
export interface ItemOutcome {
	status: string;
	fields: IDataObject;
	/** Failures only: the one-sentence message. */
	error?: string;
}

/** The items a run returned, main output and error output together. */
export function outputsOf(run: NodeRun): INodeExecutionData[] {
	return [...run.main, ...run.errorOutput];
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' && paired !== null ? paired.item : undefined;
}

/**
 * Every input item appears exactly once in the outputs (by pairedItem), with a status from
 * `statuses`, and every failure's message names its item. Returns the outcomes by item index
 * and what broke the rule.
 */
export function accountedOnce(
	itemCount: number,
	outputs: INodeExecutionData[],
	statuses: readonly string[],
): { outcomes: Map<number, ItemOutcome>; violations: string[] } {
	const outcomes = new Map<number, ItemOutcome>();
	const violations: string[] = [];
	for (const item of outputs) {
		const index = pairedIndex(item);
		if (index === undefined || index < 0 || index >= itemCount) {
			violations.push(
				`an output item is paired to no input item (${JSON.stringify(item.pairedItem)})`,
			);
			continue;
		}
		if (outcomes.has(index)) violations.push(`item ${index} appears more than once`);
		const failure =
			item.json.error && typeof item.json.error === 'object'
				? (item.json.error as IDataObject)
				: undefined;
		const fields = failure ?? item.json;
		const status = String(fields.status);
		if (!statuses.includes(status)) violations.push(`item ${index} has the status "${status}"`);
		if (failure && !String(failure.message).startsWith(`Item ${index}`)) {
			violations.push(
				`item ${index}'s message does not name it: ${String(failure.message).slice(0, 120)}`,
			);
		}
		outcomes.set(index, { status, fields, error: failure ? String(failure.message) : undefined });
	}
	for (let index = 0; index < itemCount; index++) {
		if (!outcomes.has(index)) violations.push(`item ${index} is missing from the output`);
	}
	return { outcomes, violations };
}

/** The faults the sandbox applied in a run, by kind ("429", "reset", "drop", "delay", ...). */
export function faultsByKind(requests: RecordedRequest[]): Record<string, number> {
	const kinds: Record<string, number> = {};
	for (const { fault } of requests) {
		if (fault === undefined) continue;
		const kind = String(fault).replace(/ \d+$/, '');
		kinds[kind] = (kinds[kind] ?? 0) + 1;
	}
	return kinds;
}

/** `n of m items failed (k imported, j staged)`, as a node not set to continue ends a partial failure. */
export function countsInError(
	message: string | undefined,
): { failed: number; total: number; byStatus: Record<string, number> } | undefined {
	const match = /^(\d+) of (\d+) items failed \((\d+ \w+(?:, \d+ \w+)*)\)$/.exec(message ?? '');
	if (!match) return undefined;
	const byStatus = Object.fromEntries(
		match[3].split(', ').map((part) => [part.split(' ')[1], Number(part.split(' ')[0])]),
	);
	return { failed: Number(match[1]), total: Number(match[2]), byStatus };
}

/** A sync as the sandbox records it: how it ended, the rows it processed, and its rejects. */
export interface RecordedSync {
	uri: string;
	status: string;
	processed?: IDataObject[];
	rejects: IDataObject[];
}

/** Reject codes that mean "imported, one value dropped" (the node's default option). */
export const STILL_IMPORTED_CODES = ['ELQ-00040'];

/**
 * No row is reported imported unless a sync that processed it ended without rejecting it (or only
 * dropped a value of it: a still-imported code on a column other than the identifier). Returns what
 * broke the rule, for the item named `label`.
 */
export function importedOnlyIfSynced(
	label: string,
	sync: RecordedSync | undefined,
	matches: (row: IDataObject) => boolean,
	identifierColumn: string,
): string | undefined {
	if (!sync || !['success', 'warning'].includes(sync.status))
		return `${label} says imported, but its sync ${sync?.uri} is ${sync?.status}`;
	if (!(sync.processed ?? []).some(matches))
		return `${label} says imported, but its sync ${sync.uri} did not process its row`;
	const refused = sync.rejects.some(
		(reject) =>
			matches(reject.fieldValues as IDataObject) &&
			(!STILL_IMPORTED_CODES.includes(String(reject.statusCode)) ||
				((reject.invalidFields as string[] | undefined) ?? []).includes(identifierColumn)),
	);
	return refused ? `${label} says imported, but its sync ${sync.uri} rejected it` : undefined;
}
