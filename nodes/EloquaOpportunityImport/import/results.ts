import type { IDataObject } from 'n8n-workflow';

import { failed, succeeded, type ItemResult } from '../../shared/items/results';
import { itemLabel } from './items';
import type { Problem, RowOutcome } from './lifecycle';

/** The fields every import reports for a row: its sync and, on failure, the problem's code and fields. */
export function outcomeFields(outcome: RowOutcome, doneStatus: string): IDataObject {
	const fields: IDataObject = {
		status: outcome.status === 'done' ? doneStatus : outcome.status,
		syncUri: outcome.syncUri ?? null,
		syncStatus: outcome.syncStatus ?? null,
	};
	if (outcome.syncLog) fields.syncLog = outcome.syncLog as unknown as IDataObject[];
	if (outcome.problem) addProblemFields(fields, outcome.problem);
	return fields;
}

function addProblemFields(fields: IDataObject, problem: Problem): void {
	if (problem.code) fields.code = problem.code;
	if (problem.httpStatus) fields.httpStatus = problem.httpStatus;
	if (problem.invalidFields?.length) fields.invalidFields = problem.invalidFields;
}

/**
 * An import outcome as the item's result: `fields` (IDs, URIs), then the outcome's own. Runs once
 * per row, so the fields are added in place rather than copied.
 */
export function outcomeToResult(
	outcome: RowOutcome,
	doneStatus: string,
	identifierColumn: string,
	fields: IDataObject,
): ItemResult {
	const all = Object.assign(fields, outcomeFields(outcome, doneStatus));
	if (!outcome.problem) return succeeded(outcome.itemIndex, all);
	const label = itemLabel(outcome.itemIndex, identifierColumn, outcome.identifier);
	return failed(
		outcome.itemIndex,
		all,
		`${label}: ${outcome.problem.message}`,
		outcome.problem.description,
	);
}
