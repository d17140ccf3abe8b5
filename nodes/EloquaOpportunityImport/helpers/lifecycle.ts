import type { IDataObject } from 'n8n-workflow';

import { throwIfCancelled } from '../../shared/transport/cancellation';
import { errorFields } from '../../shared/transport/explain';
import { chunkJsonArray, type Chunk, type ChunkLimits } from '../../shared/values/chunking';
import type { ImportJob, SyncLimits } from './job';
import { outcome, type Problem, type RowOutcome } from './outcomes';
import type { StagedRow } from './rejects';
import { rowBuilder } from './rows';
import { syncStaged } from './settle';

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

/** Uploads one chunk; a failure that is not a cancellation is returned as the chunk's problem. */
async function upload(
	job: ImportJob,
	definitionUri: string,
	chunk: Chunk<StagingRow>,
): Promise<Problem | undefined> {
	const node = job.client.nodeForErrors();
	throwIfCancelled(job.client.signal, node);
	try {
		await job.client.bulk({ method: 'POST', path: `${definitionUri}/data`, body: chunk.body });
		return undefined;
	} catch (error) {
		throwIfCancelled(job.client.signal, node);
		return errorFields(error);
	}
}

/**
 * The import life cycle for rows that passed validation: uploads in chunks bounded by count and
 * bytes, one after another; a sync (waited for) before the uploads since the last one would pass
 * the job's sync limits; the rejects of every sync mapped back to their items. Once an upload fails
 * for good, or a sync is still running after the wait, the rows not yet sent are reported as not
 * sent and what was staged is still synced: every row gets exactly one outcome. The caller's rows
 * are read, never changed.
 */
export async function stageAndSync(
	job: ImportJob,
	definitionUri: string,
	rows: readonly StagingRow[],
): Promise<ImportResult> {
	const outcomes: RowOutcome[] = [];
	// One by one: spreading a sync's rows (up to a million) into push() overflows the stack.
	const report = (list: readonly RowOutcome[]) => list.forEach((o) => outcomes.push(o));
	const refuse = (list: readonly StagingRow[], problem: Problem) =>
		list.forEach((row) => outcomes.push(outcome(row, 'failed', problem)));
	const toRow = rowBuilder(job.rules);
	const chunks = chunkJsonArray(
		rows,
		(row) => JSON.stringify(toRow(row.values)),
		job.uploadLimits,
		({ record, bytes }) => outcomes.push(oversized(record, bytes, job.uploadLimits)),
	);
	let batch = newBatch();
	let allSyncsEnded = true;
	// Why the rows from here on are not sent, once something failed for good.
	let notSent: Problem | undefined;
	for (const chunk of chunks) {
		if (!notSent && isFull(batch, job.syncLimits)) {
			const synced = await syncStaged(job, definitionUri, batch.rows, false);
			report(synced.outcomes);
			batch = newBatch();
			if (!synced.ended) {
				allSyncsEnded = false;
				notSent = SYNC_STILL_RUNNING;
			}
		}
		if (notSent) {
			refuse(chunk.records, notSent);
			continue;
		}
		const problem = await upload(job, definitionUri, chunk);
		if (problem) {
			refuse(chunk.records, problem);
			notSent = {
				...problem,
				message: `Not sent because an earlier upload failed: ${problem.message}`,
			};
			continue;
		}
		batch.uploads += 1;
		batch.bytes += chunk.bytes;
		chunk.records.forEach((row) => batch.rows.push(row));
	}
	if (batch.rows.length) {
		const synced = await syncStaged(job, definitionUri, batch.rows, true);
		report(synced.outcomes);
		if (!synced.ended) allSyncsEnded = false;
	}
	return { outcomes, allSyncsEnded };
}
