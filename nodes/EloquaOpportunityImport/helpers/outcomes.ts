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

/**
 * The sync a row went through, as its items show it: one object per sync, shared by all its rows'
 * results (not a copy per item). `status` is the whole sync's (`warning` when any row of it was
 * rejected); each item's own outcome is its `status`.
 */
export interface SyncSummary {
	uri: string;
	status: string;
	/** Rows of this run the sync processed, and how many of them it rejected (once it ended). */
	rows?: number;
	rejectedRows?: number;
	/** The sync's full log: only with the option Include Sync Log. */
	log?: SyncLogEntry[];
}

/** What one sync says about every row it processed, shared by those rows' outcomes. */
export interface SyncReport {
	sync: SyncState;
	syncLog?: SyncLogEntry[];
	/** Set once per sync by whoever settles it; built from `sync` otherwise. */
	summary?: SyncSummary;
	warnings?: RowWarning[];
}

/** One row's outcome: kept per row until the run's results are made, so it holds only references. */
export interface RowOutcome {
	itemIndex: number;
	identifier: string;
	status: RowStatus;
	/** The summary of the row's sync (the report's, shared). */
	sync?: SyncSummary;
	/** The sync the row went through, shared with the other rows of that sync. */
	report?: SyncReport;
	/** Set for every outcome that is a failure (and for a sync still running after the wait). */
	problem?: Problem;
	/** The row's own warnings (values Eloqua dropped); the sync's shared ones are read from `report`. */
	warnings?: RowWarning[];
}

/** A row that has a key and a name in messages. */
export type NamedRow = StagedRow & { identifier: string };

/** The report's one summary, made on first use and then shared by every row of its sync. */
function summaryOf(report: SyncReport): SyncSummary {
	report.summary ??= { uri: report.sync.uri, status: report.sync.status };
	return report.summary;
}

export function outcome(
	row: NamedRow,
	status: RowStatus,
	problem?: Problem,
	report?: SyncReport,
	rowWarnings?: RowWarning[],
): RowOutcome {
	return {
		itemIndex: row.itemIndex,
		identifier: row.identifier,
		status,
		sync: report && summaryOf(report),
		report,
		problem,
		warnings: rowWarnings,
	};
}

/** The row's own warnings, then its sync's; undefined when there are none (most rows). */
function warningsOf(outcome: RowOutcome): RowWarning[] | undefined {
	const shared = outcome.report?.warnings;
	if (!outcome.warnings?.length) return shared?.length ? shared : undefined;
	return shared?.length ? [...outcome.warnings, ...shared] : outcome.warnings;
}

/** The summary as items show it: with the sync's log only when the run asks for the full log. */
function summaryShown(summary: SyncSummary, report: SyncReport, fullLog: boolean) {
	if (fullLog && report.syncLog) summary.log ??= report.syncLog;
	return summary;
}

/**
 * Writes an operation's own fields for a row (IDs, URIs) into its result, in their order. One
 * function per run, so that no object is made per row to hold them.
 */
export type KeyFields = (fields: IDataObject, outcome: RowOutcome) => void;

/**
 * The fields every import reports for a row, `status` first: the deal's key (`dealKey`, and under
 * the operation's own name), its sync (URI, and the shared summary; the full log with Include Sync
 * Log) and, on failure, the problem's code and fields.
 */
export function outcomeFields(
	outcome: RowOutcome,
	doneStatus: string,
	keyFields: KeyFields,
	fullLog = false,
): IDataObject {
	const fields: IDataObject = {
		status: outcome.status === 'done' ? doneStatus : outcome.status,
		dealKey: outcome.identifier,
	};
	keyFields(fields, outcome);
	const { sync, report } = outcome;
	fields.syncUri = sync?.uri ?? null;
	if (sync && report) fields.sync = summaryShown(sync, report, fullLog) as unknown as IDataObject;
	const warnings = warningsOf(outcome);
	if (warnings) fields.warnings = warnings as unknown as IDataObject[];
	if (outcome.problem) addProblemFields(fields, outcome.problem);
	return fields;
}

function addProblemFields(fields: IDataObject, problem: Problem): void {
	if (problem.code) fields.code = problem.code;
	if (problem.httpStatus) fields.httpStatus = problem.httpStatus;
	if (problem.invalidFields?.length) fields.invalidFields = problem.invalidFields;
}

/** An import outcome as the item's result: `status`, the key, `fields` (IDs, URIs), then the rest. */
export function outcomeToResult(
	outcome: RowOutcome,
	doneStatus: string,
	identifierColumn: string,
	keyFields: KeyFields,
	fullLog = false,
): ItemResult {
	const all = outcomeFields(outcome, doneStatus, keyFields, fullLog);
	if (!outcome.problem) return succeeded(outcome.itemIndex, all);
	const label = itemLabel(outcome.itemIndex, identifierColumn, outcome.identifier);
	return failed(
		outcome.itemIndex,
		all,
		`${label}: ${outcome.problem.message}`,
		outcome.problem.description,
	);
}
