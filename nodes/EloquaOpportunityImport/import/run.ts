import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ChunkLimits } from '../../shared/values/chunking';
import type { EloquaClient } from '../transport/client';
import { createDefinition, deleteDefinition } from './definition';
import { stageAndSync, type RowOutcome, type StagingRow } from './lifecycle';
import type { RowKey } from './rejects';
import type { Row } from './schema';
import type { PollSettings } from './sync';

/** How an import run uploads, syncs, waits and cleans up (the Options every import shares). */
export interface LifecycleSettings {
	limits: ChunkLimits;
	waitForSync: boolean;
	poll: PollSettings;
	callbackUrl?: string;
	deleteDefinitionAfterSync: boolean;
	autoDeleteDuration: string;
	dataRetentionDuration: string;
	validateOnly: boolean;
}

export interface ImportJob {
	client: EloquaClient;
	rows: StagingRow[];
	key: RowKey;
	/** Turns checked values into the uploaded row. */
	toRow: (values: IDataObject) => Row;
	settings: LifecycleSettings;
	/** An existing definition's URI, or what to create one for this run from. */
	definition: { uri: string } | { parent: string; body: IDataObject };
}

/** Deletes a definition made for this run; a failure here must not hide the import results. */
async function cleanUp(context: IExecuteFunctions, client: EloquaClient, definitionUri: string) {
	try {
		await deleteDefinition(client, definitionUri);
	} catch (error) {
		context.logger.warn(
			`Could not delete the Eloqua import definition ${definitionUri}: ${(error as Error).message}`,
		);
	}
}

/**
 * Runs one import for rows that passed validation: creates the definition when the run needs its own,
 * stages and syncs the rows, and deletes a definition it created once its syncs have ended.
 */
export async function runImportJob(
	context: IExecuteFunctions,
	job: ImportJob,
): Promise<{ definitionUri: string; outcomes: RowOutcome[] }> {
	const created = !('uri' in job.definition);
	const definitionUri =
		'uri' in job.definition
			? job.definition.uri
			: (await createDefinition(job.client, job.definition.parent, job.definition.body)).uri;
	const { outcomes, allSyncsEnded } = await stageAndSync(
		{
			client: job.client,
			definitionUri,
			key: job.key,
			toRow: job.toRow,
			limits: job.settings.limits,
			waitForSync: job.settings.waitForSync,
			poll: job.settings.poll,
			callbackUrl: job.settings.callbackUrl,
		},
		job.rows,
	);
	if (created && job.settings.deleteDefinitionAfterSync && allSyncsEnded)
		await cleanUp(context, job.client, definitionUri);
	return { definitionUri, outcomes };
}
