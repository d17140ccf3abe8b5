import type { IDataObject, Logger } from 'n8n-workflow';

import type { ChunkLimits } from '../../shared/values/chunking';
import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import { checkedUri } from '../transport/uris';
import { deleteDefinition } from './definition';
import { stageAndSync, type StagingRow } from './lifecycle';
import type { RowOutcome } from './outcomes';
import type { RowKey } from './rejects';
import type { RowRules } from './rows';
import type { UploadFormat } from './serialise';
import type { Syncing } from './settle';
import { syncsSoFar, type PollSettings } from './sync';

/** Eloqua accepts at most 500 uploads ("files") per sync; the 501st gets a 400. */
export const MAX_UPLOADS_PER_SYNC = 500;
/** Eloqua asks for a sync roughly every 250 MB staged. */
export const MAX_BYTES_PER_SYNC = 250_000_000;

/** When to start a sync (and wait for it) before uploading more. */
export interface SyncLimits {
	readonly uploads: number;
	readonly bytes: number;
}

/**
 * One import run: built once by the action from the node's parameters, then read, never changed,
 * by everything below it.
 */
export interface ImportJob {
	readonly client: EloquaClient;
	/** An existing definition's URI, or what to create one for this run from. */
	readonly definition:
		| { readonly uri: string }
		| { readonly parent: string; readonly body: IDataObject };
	/** The columns, and how values are checked and sent. */
	readonly rules: RowRules;
	/** How rows are told apart within the run, and rejects matched back to them. */
	readonly key: RowKey;
	/** Reject codes that mean "imported, one value dropped" (ELQ-00040 by default). */
	readonly importedRejectCodes: ReadonlySet<string>;
	/** Most rows and bytes in one upload. */
	readonly uploadLimits: ChunkLimits;
	/** Rows go up as a JSON array (when absent) or as a CSV file. */
	readonly uploadFormat?: UploadFormat;
	readonly syncLimits: SyncLimits;
	/** Whether to wait for the last sync; earlier ones are always waited for. */
	readonly waitForSync: boolean;
	readonly poll: PollSettings;
	readonly callbackUrl?: string;
	/** Whether a definition created for the run is deleted once its syncs have ended. */
	readonly deleteDefinitionAfterSync: boolean;
}

/** The run's definition, found by its name (unique to the run): after its creation's answer was lost. */
async function findByName(
	client: EloquaClient,
	parent: string,
	name: string,
): Promise<{ uri: string } | undefined> {
	// Eloqua's q has no escape for a quote; a wildcard in its place, then the exact name is compared.
	const q = `name='${name.replace(/'/g, '*')}'`;
	const found = await readPages(client, `${parent}/imports`, Infinity, { q });
	const match = found.find((definition) => definition.name === name);
	return match ? { uri: String(match.uri) } : undefined;
}

/** Creates the run's definition; after a lost answer it looks for it before creating another. */
async function createRunDefinition(
	client: EloquaClient,
	parent: string,
	body: IDataObject,
): Promise<string> {
	const answer = await client.postLooking<{ uri?: unknown }>(
		{ method: 'POST', path: `${parent}/imports`, body },
		async () => await findByName(client, parent, String(body.name)),
	);
	return checkedUri(client.nodeForErrors(), answer.uri, 'imports', parent);
}

/**
 * How the run syncs on a definition: one created for it never syncs on upload and has no syncs yet;
 * an existing one syncs on each upload unless it says otherwise ("By default,
 * isSyncTriggeredOnImport is true"), and the syncs it already has are noted.
 */
async function syncingOn(
	job: ImportJob,
	definitionUri: string,
	created: boolean,
): Promise<Syncing> {
	if (created) return { job, definitionUri, syncsOnUpload: false, known: new Set() };
	const definition = await job.client.bulk({ method: 'GET', path: definitionUri });
	return {
		job,
		definitionUri,
		syncsOnUpload: definition.isSyncTriggeredOnImport !== false,
		known: await syncsSoFar(job.client, definitionUri),
	};
}

/** Deletes a definition made for this run; a failure here must not hide the import results. */
async function cleanUp(job: ImportJob, definitionUri: string, logger: Logger) {
	try {
		await deleteDefinition(job.client, definitionUri);
	} catch (error) {
		logger.warn(
			`Could not delete the Eloqua import definition ${definitionUri}: ${(error as Error).message}`,
		);
	}
}

/**
 * Runs one import for rows that passed validation: creates the definition when the run needs its own,
 * stages and syncs the rows, and deletes a definition it created once its syncs have ended.
 */
export async function runImport(
	job: ImportJob,
	rows: readonly StagingRow[],
	logger: Logger,
): Promise<{ definitionUri: string; outcomes: RowOutcome[] }> {
	const { definition } = job;
	const created = !('uri' in definition);
	const definitionUri =
		'uri' in definition
			? definition.uri
			: await createRunDefinition(job.client, definition.parent, definition.body);
	const run = await syncingOn(job, definitionUri, created);
	const { outcomes, allSyncsEnded } = await stageAndSync(run, rows);
	if (created && job.deleteDefinitionAfterSync && allSyncsEnded)
		await cleanUp(job, definitionUri, logger);
	return { definitionUri, outcomes };
}
