import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { chunkJsonArray, type Chunk, type ChunkLimits } from '../../shared/values/chunking';
import type { EloquaClient } from '../transport/client';
import { ELQ_CODES } from '../transport/errors';
import {
	mapRejectsToItems,
	readRejects,
	type Reject,
	type RowKey,
	type StagedRow,
} from './rejects';
import type { Row } from './schema';
import {
	readSyncLog,
	startSync,
	waitForSync,
	type PollSettings,
	type SyncLogEntry,
	type SyncState,
} from './sync';

/** Eloqua accepts at most 500 uploads ("files") per sync; the 501st gets a 400. */
export const MAX_UPLOADS_PER_SYNC = 500;
/** Eloqua asks for a sync roughly every 250 MB staged. */
export const MAX_BYTES_PER_SYNC = 250_000_000;

export interface StagingRow extends StagedRow {
	/** How outputs and messages name the row, e.g. its opportunity ID. */
	identifier: string;
	/** The item's checked values (not a copy); turned into the uploaded row when it is serialised. */
	values: IDataObject;
}

export interface ImportPlan {
	client: EloquaClient;
	definitionUri: string;
	/** How rejects are matched back to rows. */
	key: RowKey;
	/** Turns checked values into the uploaded row. */
	toRow: (values: IDataObject) => Row;
	limits: ChunkLimits;
	waitForSync: boolean;
	poll: PollSettings;
	callbackUrl?: string;
	/** When to sync and wait before uploading more; Eloqua's limits unless a test asks otherwise. */
	syncEvery?: { uploads: number; bytes: number };
}

/** `done`: Eloqua accepted the row (the operation names it: imported, linked). */
export type RowStatus = 'done' | 'rejected' | 'failed' | 'staged';

export interface Problem {
	message: string;
	description: string;
	code?: string;
	invalidFields?: string[];
	httpStatus?: number;
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
}

export interface ImportResult {
	outcomes: RowOutcome[];
	/** False when a sync was left running (not waited for, or still running after the wait). */
	allSyncsEnded: boolean;
}

/** Reads message, description and HTTP status from an error the client or n8n threw. */
export function problemOf(error: unknown): Problem {
	const e = error as { message?: unknown; description?: unknown; httpCode?: unknown };
	const httpStatus = Number(e?.httpCode);
	return {
		message: String(e?.message ?? error),
		description: typeof e?.description === 'string' ? e.description : '',
		httpStatus: Number.isFinite(httpStatus) && httpStatus > 0 ? httpStatus : undefined,
	};
}

function outcome(
	row: StagingRow,
	status: RowStatus,
	problem?: Problem,
	sync?: SyncState,
	syncLog?: SyncLogEntry[],
): RowOutcome {
	return {
		itemIndex: row.itemIndex,
		identifier: row.identifier,
		status,
		syncUri: sync?.uri,
		syncStatus: sync?.status,
		syncLog,
		problem,
	};
}

function rejectProblem(rejects: Reject[]): Problem {
	const codes = rejects.map((r) => r.statusCode).filter(Boolean);
	const sentences = rejects.map((r) => {
		const plain = ELQ_CODES[r.statusCode];
		const fields = r.invalidFields.length
			? ` (field ${r.invalidFields.map((f) => `${f} = ${JSON.stringify(r.fieldValues[f] ?? '')}`).join(', ')})`
			: '';
		return `${r.statusCode ? `${r.statusCode}: ` : ''}${plain ?? r.message}${fields}`;
	});
	return {
		message: `Eloqua rejected the row: ${sentences.join('; ')}`,
		description:
			'Fix the value in the source data (or add the missing stage, contact or field in Eloqua) and run again.',
		code: codes[0],
		invalidFields: [...new Set(rejects.flatMap((r) => r.invalidFields))],
	};
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

/**
 * The sync's log, or an empty one when it cannot be read: the log only adds counts, and the rows'
 * outcomes come from the sync's status and rejects.
 */
async function readSyncLogIfAny(plan: ImportPlan, sync: SyncState): Promise<SyncLogEntry[]> {
	try {
		return await readSyncLog(plan.client, sync.uri);
	} catch (error) {
		throwIfCancelled(plan);
		return [
			{
				statusCode: '',
				count: 0,
				severity: 'unknown',
				message: `The sync log could not be read: ${problemOf(error).message}`,
			},
		];
	}
}

/** Rows of a sync that ended: accepted, or rejected with Eloqua's reasons. */
async function settleSync(
	plan: ImportPlan,
	staged: StagingRow[],
	sync: SyncState,
): Promise<RowOutcome[]> {
	const syncLog = await readSyncLogIfAny(plan, sync);
	if (sync.status === 'success')
		return staged.map((row) => outcome(row, 'done', undefined, sync, syncLog));
	const { byItem } = mapRejectsToItems(await readRejects(plan.client, sync.uri), staged, plan.key);
	const unconfirmed: Problem = {
		message: `Eloqua ended the sync with status "error" and did not confirm this row`,
		description: `Sync log: ${syncLog.map((entry) => `${entry.statusCode} ×${entry.count} ${entry.message}`).join('; ') || 'empty'}. Check the sync in Eloqua and run again.`,
		code: syncLog.find((entry) => entry.severity === 'error')?.statusCode,
	};
	return staged.map((row) => {
		const rowRejects = byItem.get(row.itemIndex);
		if (rowRejects) return outcome(row, 'rejected', rejectProblem(rowRejects), sync, syncLog);
		if (sync.status === 'error') return outcome(row, 'failed', unconfirmed, sync, syncLog);
		return outcome(row, 'done', undefined, sync, syncLog);
	});
}

/** Starts a sync for the staged rows and, unless told not to, waits for it and reads its results. */
async function syncStaged(
	plan: ImportPlan,
	staged: StagingRow[],
	isLastBatch: boolean,
): Promise<{ outcomes: RowOutcome[]; ended: boolean }> {
	let sync: SyncState;
	try {
		sync = await startSync(plan.client, plan.definitionUri, plan.callbackUrl);
	} catch (error) {
		const problem = problemOf(error);
		problem.message = `The rows were uploaded but the sync could not start: ${problem.message}`;
		return { outcomes: staged.map((row) => outcome(row, 'failed', problem)), ended: true };
	}
	if (!plan.waitForSync && isLastBatch) {
		return { outcomes: staged.map((row) => outcome(row, 'staged', undefined, sync)), ended: false };
	}
	try {
		sync = await waitForSync(plan.client, sync.uri, plan.poll);
		if (sync.timedOut) {
			const problem: Problem = {
				message: `Eloqua was still processing the sync (status "${sync.status}") when the maximum wait of ${seconds(plan.poll.maxWaitMs)} ran out`,
				description: `The rows are staged and will most likely be imported. Check later with Sync → Get Status for ${sync.uri}, or raise "Max Wait (Minutes)" in Options.`,
			};
			return { outcomes: staged.map((row) => outcome(row, 'staged', problem, sync)), ended: false };
		}
		return { outcomes: await settleSync(plan, staged, sync), ended: true };
	} catch (error) {
		throwIfCancelled(plan);
		const problem = problemOf(error);
		problem.message = `The sync ${sync.uri} started but its result could not be read: ${problem.message}`;
		return { outcomes: staged.map((row) => outcome(row, 'failed', problem, sync)), ended: true };
	}
}

function oversized(row: StagingRow, bytes: number, limits: ChunkLimits): RowOutcome {
	return outcome(row, 'failed', {
		message: `The row is ${bytes} bytes, more than one upload may hold (${limits.maxBytes} bytes)`,
		description:
			'Shorten its longest values, or raise "Max Upload Size (MB)" in Options (Eloqua\'s limit is 32 MB).',
	});
}

/** A row once uploaded: its values are no longer needed, only its key for matching rejects. */
function release(record: StagingRow): StagingRow {
	record.values = RELEASED;
	return record;
}

const RELEASED: IDataObject = Object.freeze({});

/** A cancelled execution stops at once: nothing more is sent and no outcome is made up. */
function throwIfCancelled(plan: ImportPlan): void {
	if (plan.client.signal?.aborted) {
		throw new NodeOperationError(plan.client.nodeForErrors(), 'The execution was cancelled');
	}
}

async function upload(plan: ImportPlan, chunk: Chunk<StagingRow>): Promise<void> {
	throwIfCancelled(plan);
	await plan.client.bulk({ method: 'POST', path: `${plan.definitionUri}/data`, body: chunk.body });
}

/**
 * The import life cycle for rows that passed validation: uploads in chunks bounded by count and
 * bytes, one after another; a sync after at most 500 uploads or about 250 MB (waited for before more
 * are sent); the
 * rejects of every sync that ends in warning or error mapped back to their items. When an upload
 * fails for good, the rows already staged are still synced and the rows not yet sent are reported
 * as not sent: every row gets exactly one outcome.
 */
export async function stageAndSync(plan: ImportPlan, rows: StagingRow[]): Promise<ImportResult> {
	const outcomes: RowOutcome[] = [];
	const chunks = chunkJsonArray(
		rows,
		(r) => JSON.stringify(plan.toRow(r.values)),
		plan.limits,
		({ record, bytes }) => outcomes.push(oversized(record, bytes, plan.limits)),
	);
	let next = chunks.next();
	let allSyncsEnded = true;
	// Why the rows not yet sent will not be sent, once something failed for good.
	let stopped: Problem | undefined;
	while (!next.done && !stopped) {
		const staged: StagingRow[] = [];
		let stagedBytes = 0;
		const { uploads: maxUploads, bytes: maxBytes } = plan.syncEvery ?? {
			uploads: MAX_UPLOADS_PER_SYNC,
			bytes: MAX_BYTES_PER_SYNC,
		};
		for (let uploads = 0; !next.done && uploads < maxUploads && stagedBytes < maxBytes; uploads++) {
			try {
				await upload(plan, next.value);
				stagedBytes += next.value.bytes;
				for (const record of next.value.records) staged.push(release(record));
			} catch (error) {
				throwIfCancelled(plan);
				const problem = problemOf(error);
				for (const row of next.value.records) outcomes.push(outcome(row, 'failed', problem));
				stopped = {
					...problem,
					message: `Not sent because an earlier upload failed: ${problem.message}`,
				};
			}
			next = chunks.next();
			if (stopped) break;
		}
		if (staged.length) {
			const syncedOutcomes = await syncStaged(
				plan,
				staged,
				next.done === true || stopped !== undefined,
			);
			// One by one: spreading a sync's rows (up to a million) into push() overflows the stack.
			for (const synced of syncedOutcomes.outcomes) outcomes.push(synced);
			if (!syncedOutcomes.ended) {
				allSyncsEnded = false;
				if (!next.done) {
					stopped = {
						message:
							'Not sent: the previous sync on this definition had not ended, and Eloqua does not allow another one meanwhile',
						description: 'Raise "Max Wait (Minutes)" in Options, or send fewer rows per run.',
					};
				}
			}
		}
	}
	for (; !next.done; next = chunks.next()) {
		for (const row of next.value.records) outcomes.push(outcome(row, 'failed', stopped));
	}
	return { outcomes, allSyncsEnded };
}
