import type { IDataObject } from 'n8n-workflow';

import type { ChunkLimits } from '../../shared/values/chunking';
import type { SyncLimits } from './job';
import { outcome, type Problem, type RowOutcome } from './outcomes';
import type { StagedRow } from './rejects';
import { followSync, syncStaged, type Synced, type Syncing } from './settle';
import type { SyncState } from './sync';
import { chunkUploads, upload } from './uploads';

export interface StagingRow extends StagedRow {
	/** How outputs and messages name the row, e.g. its opportunity ID. */
	identifier: string;
	/** The item's checked values (not a copy); turned into the uploaded row when it is serialised. */
	values: IDataObject;
}

export interface ImportResult {
	outcomes: RowOutcome[];
	/** False when a sync was left running (not waited for, or still running after the wait). */
	allSyncsEnded: boolean;
}

/** The rows uploaded since the last sync: they go into the next one. */
interface Batch {
	rows: StagingRow[];
	uploads: number;
	bytes: number;
}

const newBatch = (): Batch => ({ rows: [], uploads: 0, bytes: 0 });

const isFull = (batch: Batch, limits: SyncLimits) =>
	batch.uploads >= limits.uploads || batch.bytes >= limits.bytes;

const SYNC_STILL_RUNNING: Problem = {
	message:
		'Not sent: the previous sync on this definition had not ended, and Eloqua does not allow another one meanwhile',
	description: 'Raise "Max Wait (Minutes)" in Options, or send fewer rows per run.',
};

function oversized(row: StagingRow, bytes: number, limits: ChunkLimits): RowOutcome {
	return outcome(row, 'failed', {
		message: `The row is ${bytes} bytes, more than one upload may hold (${limits.maxBytes} bytes)`,
		description:
			'Shorten its longest values, or raise "Max Upload Size (MB)" in Options (Eloqua\'s limit is 32 MB).',
	});
}

const notSentAfter = (problem: Problem): Problem => ({
	...problem,
	message: `Not sent because an earlier upload failed: ${problem.message}`,
});

/**
 * The import life cycle for rows that passed validation: uploads in chunks bounded by count and
 * bytes, one after another. On a definition that syncs on upload, each upload's own sync processes
 * its rows and is waited for before the next upload; otherwise a sync (waited for) is started
 * before the uploads since the last one would pass the job's sync limits. The rejects of every sync
 * are mapped back to their items. Once an upload fails for good, or a sync is still running after
 * the wait, the rows not yet sent are reported as not sent and what was staged is still synced:
 * every row gets exactly one outcome. The caller's rows are read, never changed.
 */
export async function stageAndSync(
	run: Syncing,
	rows: readonly StagingRow[],
): Promise<ImportResult> {
	const { job } = run;
	const outcomes: RowOutcome[] = [];
	// One by one: spreading a sync's rows (up to a million) into push() overflows the stack.
	const report = (list: readonly RowOutcome[]) => list.forEach((o) => outcomes.push(o));
	const refuse = (list: readonly StagingRow[], problem: Problem) =>
		list.forEach((row) => outcomes.push(outcome(row, 'failed', problem)));
	const chunks = chunkUploads(job, rows, ({ record, bytes }) =>
		outcomes.push(oversized(record, bytes, job.uploadLimits)),
	);
	let batch = newBatch();
	// A sync an upload started, followed before the next upload (or at the end, as the last).
	let started: { rows: StagingRow[]; sync: SyncState } | undefined;
	let allSyncsEnded = true;
	// Why the rows from here on are not sent, once something failed for good.
	let notSent: Problem | undefined;
	const settled = (synced: Synced, isLast: boolean) => {
		report(synced.outcomes);
		if (synced.ended) return;
		allSyncsEnded = false;
		if (!isLast) notSent = SYNC_STILL_RUNNING;
	};
	for (const chunk of chunks) {
		if (started && !notSent) {
			settled(await followSync(run, started.rows, started.sync, false), false);
			started = undefined;
		}
		if (!notSent && isFull(batch, job.syncLimits)) {
			settled(await syncStaged(run, batch.rows, false), false);
			batch = newBatch();
		}
		if (notSent) {
			refuse(chunk.records, notSent);
			continue;
		}
		const uploaded = await upload(run, batch.rows, chunk);
		if (!uploaded.staged) {
			refuse(uploaded.lost ?? chunk.records, uploaded.problem);
			if (uploaded.lost) batch = newBatch();
			notSent = notSentAfter(uploaded.problem);
			continue;
		}
		batch.uploads += 1;
		batch.bytes += chunk.bytes;
		chunk.records.forEach((row) => batch.rows.push(row));
		// The upload's own sync takes everything staged so far.
		if (uploaded.sync) {
			started = { rows: batch.rows, sync: uploaded.sync };
			batch = newBatch();
		}
	}
	if (started) settled(await followSync(run, started.rows, started.sync, true), true);
	if (batch.rows.length) settled(await syncStaged(run, batch.rows, true), true);
	return { outcomes, allSyncsEnded };
}
