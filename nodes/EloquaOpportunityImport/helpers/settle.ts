import { throwIfCancelled } from '../../shared/transport/cancellation';
import { errorFields } from '../../shared/transport/explain';
import type { ImportJob } from './job';
import { outcome, type NamedRow, type Problem, type RowOutcome, type SyncReport } from './outcomes';
import {
	droppedValueWarnings,
	mapRejectsToItems,
	readRejects,
	rejectProblem,
	unmatchedRejectsWarning,
} from './rejects';
import { readSyncLog, startSync, waitForSync, type SyncLogEntry, type SyncState } from './sync';

/** What the syncs of one run on one definition share. */
export interface Syncing {
	job: ImportJob;
	definitionUri: string;
	/** Whether each upload starts its own sync (the definition's isSyncTriggeredOnImport). */
	syncsOnUpload: boolean;
	/**
	 * The syncs of the definition that existed before the run or that the run has seen: a sync found
	 * after a lost answer that is not among them is the one that request started.
	 */
	known: Set<string>;
}

/** What one sync did to the rows staged for it, and whether it has ended. */
export interface Synced {
	outcomes: RowOutcome[];
	ended: boolean;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

const stopIfCancelled = (job: ImportJob) =>
	throwIfCancelled(job.client.signal, job.client.nodeForErrors());

/**
 * The sync's log, or an empty one when it cannot be read: the log only adds counts, and the rows'
 * outcomes come from the sync's status and rejects.
 */
async function readSyncLogIfAny(job: ImportJob, sync: SyncState): Promise<SyncLogEntry[]> {
	try {
		return await readSyncLog(job.client, sync.uri);
	} catch (error) {
		stopIfCancelled(job);
		return [
			{
				statusCode: '',
				count: 0,
				severity: 'unknown',
				message: `The sync log could not be read: ${errorFields(error).message}`,
			},
		];
	}
}

/** Rows of a sync that ended: accepted, or rejected with Eloqua's reasons. */
async function settleSync(
	job: ImportJob,
	staged: readonly NamedRow[],
	sync: SyncState,
): Promise<RowOutcome[]> {
	const log = await readSyncLogIfAny(job, sync);
	if (sync.status === 'success') {
		const summary = { uri: sync.uri, status: sync.status, rows: staged.length, rejectedRows: 0 };
		const report: SyncReport = { sync, syncLog: log, summary };
		return staged.map((row) => outcome(row, 'done', undefined, report));
	}
	const rejects = await readRejects(job.client, sync.uri);
	const { byItem, unmatched } = mapRejectsToItems(rejects, staged, job.key);
	// A reject that matches no row must not vanish: every row of its sync carries a warning.
	const report: SyncReport = {
		sync,
		syncLog: log,
		summary: { uri: sync.uri, status: sync.status, rows: staged.length, rejectedRows: 0 },
		warnings: unmatched.length ? [unmatchedRejectsWarning(unmatched, sync.uri)] : undefined,
	};
	const labels = new Map(job.rules.columns.map((c) => [c.name, c.displayName]));
	const labelOf = (column: string) => labels.get(column) ?? column;
	const unconfirmed: Problem = {
		message: `Eloqua ended the sync with status "error" and did not confirm this row`,
		description: `Sync log: ${log.map((entry) => `${entry.statusCode} ×${entry.count} ${entry.message}`).join('; ') || 'empty'}. Check the sync in Eloqua and run again.`,
		code: log.find((entry) => entry.severity === 'error')?.statusCode,
	};
	return staged.map((row) => {
		const rowRejects = byItem.get(row.itemIndex);
		const dropped =
			rowRejects && droppedValueWarnings(rowRejects, job.importedRejectCodes, job.key);
		if (rowRejects && !dropped) {
			report.summary!.rejectedRows! += 1;
			return outcome(row, 'rejected', rejectProblem(rowRejects, labelOf), report);
		}
		if (sync.status === 'error') return outcome(row, 'failed', unconfirmed, report);
		if (dropped) return outcome(row, 'done', undefined, report, dropped);
		return outcome(row, 'done', undefined, report);
	});
}

/** An error as a row problem, its message led by what had happened before it. */
function problemAfter(what: string, error: unknown): Problem {
	const { message, ...rest } = errorFields(error);
	return { ...rest, message: `${what}: ${message}` };
}

/** The rows of a sync still running after the maximum wait: staged, and most likely imported later. */
function stillRunning(job: ImportJob, staged: readonly NamedRow[], sync: SyncState): Synced {
	const problem: Problem = {
		message: `Eloqua was still processing the sync (status "${sync.status}") when the maximum wait of ${seconds(job.poll.maxWaitMs)} ran out`,
		description: `The rows are staged and will most likely be imported. Check later with Sync → Get Status for ${sync.uri}, or raise "Max Wait (Minutes)" in Options.`,
	};
	const report = { sync };
	return { outcomes: staged.map((row) => outcome(row, 'staged', problem, report)), ended: false };
}

/** Starts a sync for the staged rows, then follows it (see `followSync`). */
export async function syncStaged(
	run: Syncing,
	staged: readonly NamedRow[],
	isLast: boolean,
): Promise<Synced> {
	const { job } = run;
	let sync: SyncState;
	try {
		sync = await startSync(job.client, run.definitionUri, run.known, job.callbackUrl);
	} catch (error) {
		stopIfCancelled(job);
		const problem = problemAfter('The rows were uploaded but the sync could not start', error);
		return { outcomes: staged.map((row) => outcome(row, 'failed', problem)), ended: true };
	}
	return await followSync(run, staged, sync, isLast);
}

/**
 * Waits for a sync that processes the staged rows (started by the run, or by the upload itself) and
 * reads its results. The last sync of a run is only started when the job does not wait for syncs.
 */
export async function followSync(
	run: Syncing,
	staged: readonly NamedRow[],
	started: SyncState,
	isLast: boolean,
): Promise<Synced> {
	const { job } = run;
	let sync = started;
	run.known.add(sync.uri);
	if (!job.waitForSync && isLast) {
		const report = { sync };
		return {
			outcomes: staged.map((row) => outcome(row, 'staged', undefined, report)),
			ended: false,
		};
	}
	try {
		sync = await waitForSync(job.client, sync.uri, job.poll);
		if (sync.timedOut) return stillRunning(job, staged, sync);
		return { outcomes: await settleSync(job, staged, sync), ended: true };
	} catch (error) {
		stopIfCancelled(job);
		const problem = problemAfter(
			`The sync ${sync.uri} started but its result could not be read`,
			error,
		);
		const report = { sync };
		return { outcomes: staged.map((row) => outcome(row, 'failed', problem, report)), ended: true };
	}
}
