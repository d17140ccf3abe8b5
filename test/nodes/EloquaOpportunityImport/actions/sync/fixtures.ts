import type { IDataObject } from 'n8n-workflow';

import { runEloqua, type EloquaSandbox } from '../../../../harness/eloqua';
import { byId, FIELDS } from '../importDefinition/fixtures';

/** Runs one Sync operation, once per item. */
export const runSync =
	(sandbox: () => EloquaSandbox) =>
	(parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) =>
		runEloqua(sandbox(), { resource: 'sync', ...parameters }, items, extra);

/** A row of definition 3 with the given ID and stage. */
export const stagedRow = (id: string, stage = 'Prospecting') => ({
	Id: id,
	Name: `Deal ${id}`,
	Stage: stage,
	Amount: '1',
});

/** Definition 3 with rows staged on it, as an earlier upload left them. */
export function stageRows(sandbox: EloquaSandbox, rows: IDataObject[]) {
	const definition = sandbox.addDefinition(
		{ name: 'S', fields: FIELDS, identifierFieldName: 'Id' },
		3,
	);
	definition.staged = rows;
	return definition;
}

/** Stages the rows, starts a sync with Sync → Start and waits until it ends; returns its URI. */
export async function endedSync(sandbox: EloquaSandbox, rows: IDataObject[]): Promise<string> {
	const run = runSync(() => sandbox);
	stageRows(sandbox, rows);
	const started = await run({
		operation: 'start',
		definitionType: 'opportunity',
		definitionId: byId(3),
	});
	const syncUri = started.main[0].json.uri as string;
	await run({
		operation: 'get',
		syncUri,
		options: { waitForCompletion: true, pollIntervalSeconds: 0.01 },
	});
	sandbox.requests.length = 0;
	return syncUri;
}
