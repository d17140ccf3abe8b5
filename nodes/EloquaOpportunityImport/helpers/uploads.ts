import { throwIfCancelled } from '../../shared/transport/cancellation';
import { errorFields } from '../../shared/transport/explain';
import { chunkRecords, type Chunk, type OversizedRecord } from '../../shared/values/chunking';
import { mayHaveBeenProcessed, type EloquaClient } from '../transport/client';
import type { ImportJob } from './job';
import type { StagingRow } from './lifecycle';
import type { Problem } from './outcomes';
import { rowSerialiser, UPLOAD_CONTENT_TYPES, uploadFraming } from './serialise';
import type { Syncing } from './settle';
import { newSyncOf, syncFromAnswer, type SyncState } from './sync';

/** How many times the rows staged since the last sync are cleared and sent again after lost answers. */
const MAX_RESTAGES = 2;

/**
 * What an upload came to: staged (with the sync the upload started, for a definition that syncs on
 * upload); or a problem for its rows only (Eloqua refused them); or, once an answer was lost and
 * sending again failed, a problem for every row staged since the last sync (`lost`), now cleared.
 */
export type Uploaded =
	| { staged: true; sync?: SyncState }
	| { staged: false; problem: Problem; lost?: StagingRow[] };

const stopIfCancelled = (client: EloquaClient) =>
	throwIfCancelled(client.signal, client.nodeForErrors());

/**
 * The rows in uploads within the job's limits, in its format: each row serialised from its item's
 * values as it is packed, so no row is kept as text.
 */
export function chunkUploads(
	job: ImportJob,
	rows: Iterable<StagingRow>,
	onOversized: (oversized: OversizedRecord<StagingRow>) => void,
): Generator<Chunk<StagingRow>> {
	const serialise = rowSerialiser(job.rules, job.uploadFormat);
	return chunkRecords(
		rows,
		(row) => serialise(row.values),
		job.uploadLimits,
		onOversized,
		uploadFraming(job.rules, job.uploadFormat),
	);
}

/** Uploads one body; the answer's sync when the upload started one (201 + sync object). */
async function send(run: Syncing, body: Buffer): Promise<SyncState | undefined> {
	const { client } = run.job;
	const answer = await client.bulk<{ uri?: unknown } | undefined>({
		method: 'POST',
		path: `${run.definitionUri}/data`,
		body,
		contentType: UPLOAD_CONTENT_TYPES[run.job.uploadFormat ?? 'json'],
	});
	return answer && typeof answer === 'object' && answer.uri !== undefined
		? syncFromAnswer(client, answer)
		: undefined;
}

/** Clears the rows staged on the definition since its last sync; whether that worked. */
async function clearStaged(run: Syncing): Promise<boolean> {
	try {
		await run.job.client.bulk({ method: 'DELETE', path: `${run.definitionUri}/data` });
		return true;
	} catch {
		stopIfCancelled(run.job.client);
		return false;
	}
}

/**
 * After an upload's answer was lost: Eloqua may or may not have staged it. On a definition that
 * syncs on upload, a new sync of the definition means it did, and that sync processes it. Otherwise
 * the staging area is cleared and every row since the last sync sent again, so that no row is ever
 * staged twice; when that keeps failing, the staging area is cleared and those rows fail.
 */
async function restage(
	run: Syncing,
	batch: readonly StagingRow[],
	rows: readonly StagingRow[],
	lostAnswer: unknown,
): Promise<Uploaded> {
	const { client } = run.job;
	let error = lostAnswer;
	for (let attempt = 0; attempt < MAX_RESTAGES && mayHaveBeenProcessed(error); attempt++) {
		await client.pauseAfterLostAnswer(error, attempt);
		try {
			if (run.syncsOnUpload) {
				const sync = await newSyncOf(client, run.definitionUri, run.known);
				if (sync) return { staged: true, sync };
			}
			await client.bulk({ method: 'DELETE', path: `${run.definitionUri}/data` });
			let sync: SyncState | undefined;
			// The same rows in the same limits: the same uploads as before, none oversized.
			const again = chunkUploads(run.job, [...batch, ...rows], () => {});
			for (const chunk of again) sync = (await send(run, chunk.body)) ?? sync;
			return { staged: true, sync };
		} catch (failure) {
			stopIfCancelled(client);
			error = failure;
		}
	}
	const cleared = await clearStaged(run);
	const { message, ...rest } = errorFields(error);
	return {
		staged: false,
		lost: [...batch, ...rows],
		problem: {
			...rest,
			message: `Not imported: an upload's answer was lost and sending the rows again failed: ${message}`,
			description: cleared
				? 'The rows staged since the last sync were cleared, so none is imported twice. Run the workflow again for these items.'
				: `The rows staged since the last sync could not be cleared: clear them with Import Definition → Clear Staged Data on ${run.definitionUri} before running again, or they may be imported by its next sync.`,
		},
	};
}

/**
 * Uploads one chunk. `batch` holds the rows staged since the last sync (in upload order); an
 * upload whose answer was lost is never sent again as it is (see `restage`).
 */
export async function upload(
	run: Syncing,
	batch: readonly StagingRow[],
	chunk: Chunk<StagingRow>,
): Promise<Uploaded> {
	const { client } = run.job;
	stopIfCancelled(client);
	try {
		return { staged: true, sync: await send(run, chunk.body) };
	} catch (error) {
		stopIfCancelled(client);
		if (!mayHaveBeenProcessed(error)) return { staged: false, problem: errorFields(error) };
		return await restage(run, batch, chunk.records, error);
	}
}
