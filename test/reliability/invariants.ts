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
