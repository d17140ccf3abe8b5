import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, succeeded, type ItemResult } from '../../shared/items/results';
import type { ErrorFields } from '../../shared/transport/explain';
import type { StagedRow } from './rejects';
import type { SyncLogEntry, SyncState } from './sync';

/** `done`: Eloqua accepted the row (the operation names it: imported, linked). */
export type RowStatus = 'done' | 'rejected' | 'failed' | 'staged';

export interface Problem extends ErrorFields {
	code?: string;
	invalidFields?: string[];
}

/** Something the user should know about a row that did not make it fail. */
export interface RowWarning {
	/** The column whose value Eloqua dropped, for a reject that still imported the row. */
	field?: string;
	value?: string | null;
	code: string;
	message: string;
}

/** What one sync says about every row it processed, shared by those rows' outcomes. */
export interface SyncReport {
	sync: SyncState;
	syncLog?: SyncLogEntry[];
	warnings?: RowWarning[];
}

export interface RowOutcome {
	itemIndex: number;
	identifier: string;
	status: RowStatus;
	syncUri?: string;
	syncStatus?: string;
	syncLog?: SyncLogEntry[];
	/** Set for every outcome that is a failure (and for a sync still running after the wait). */
	problem?: Problem;
	warnings?: RowWarning[];
}

/** A row that has a key and a name in messages. */
export type NamedRow = StagedRow & { identifier: string };

export function outcome(
	row: NamedRow,
	status: RowStatus,
	problem?: Problem,
	report?: SyncReport,
	rowWarnings: RowWarning[] = [],
): RowOutcome {
	const warnings = [...rowWarnings, ...(report?.warnings ?? [])];
	return {
		itemIndex: row.itemIndex,
		identifier: row.identifier,
		status,
		syncUri: report?.sync.uri,
		syncStatus: report?.sync.status,
		syncLog: report?.syncLog,
		problem,
		warnings: warnings.length ? warnings : undefined,
	};
}

/** The fields every import reports for a row: its sync and, on failure, the problem's code and fields. */
export function outcomeFields(outcome: RowOutcome, doneStatus: string): IDataObject {
	const fields: IDataObject = {
		status: outcome.status === 'done' ? doneStatus : outcome.status,
		syncUri: outcome.syncUri ?? null,
		syncStatus: outcome.syncStatus ?? null,
	};
	if (outcome.syncLog) fields.syncLog = outcome.syncLog as unknown as IDataObject[];
	if (outcome.warnings) fields.warnings = outcome.warnings as unknown as IDataObject[];
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
