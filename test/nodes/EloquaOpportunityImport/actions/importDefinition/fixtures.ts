import type { IDataObject } from 'n8n-workflow';

import { runEloqua, type EloquaSandbox } from '../../../../harness/eloqua';

/** The fields of a minimal opportunity import definition. */
export const FIELDS = {
	Id: '{{Opportunity.Id}}',
	Name: '{{Opportunity.Field(Name)}}',
	Stage: '{{Opportunity.Field(Stage)}}',
	Amount: '{{Opportunity.Field(Amount)}}',
};

/** A definition picked by ID in the resource locator. */
export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

/** Runs one operation of a resource, once per item. */
export const runOperation =
	(sandbox: () => EloquaSandbox, resource: string) =>
	(parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) =>
		runEloqua(sandbox(), { resource, ...parameters }, items, extra);

/** Calls the sandbox's Bulk API as another client would (Eloqua's own UI, another workflow). */
export async function bulkCall(
	sandbox: EloquaSandbox,
	method: string,
	path: string,
	body?: object,
) {
	const response = await fetch(`${sandbox.url}/pod1/api/bulk/2.0${path}`, {
		method,
		headers: { authorization: sandbox.basicAuthorization, 'content-type': 'application/json' },
		body: body && JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

/** Definition `id` with a row staged and a sync started on it by someone else; returns the sync. */
export async function syncRunningOn(sandbox: EloquaSandbox, id: number) {
	const definition = sandbox.addDefinition(
		{ name: `Busy ${id}`, fields: FIELDS, isSyncTriggeredOnImport: false },
		id,
	);
	definition.staged = [{ Id: `${id}-1`, Name: 'Deal', Stage: 'Prospecting', Amount: '1' }];
	definition.stagedUploads = [1];
	definition.stagedRowCount = 1;
	const sync = await bulkCall(sandbox, 'POST', '/syncs', { syncedInstanceUri: definition.uri });
	return sync as { uri: string; status: string };
}

/** Reads a sync's status until it has ended. */
export async function endOf(sandbox: EloquaSandbox, syncUri: string) {
	for (;;) {
		const sync = await bulkCall(sandbox, 'GET', syncUri);
		if (!['pending', 'active'].includes(String(sync.status))) return sync;
	}
}

/** The query of the node's look at a definition's syncs. */
export const syncsQuery = (uri: string) => ({
	q: `syncedInstanceUri='${uri}'`,
	orderBy: 'createdAt DESC',
	limit: '50',
	offset: '0',
});

/** The Bulk API requests made so far, as [method, path, query] (base URL discovery left out). */
export const bulkRequests = (sandbox: EloquaSandbox) =>
	sandbox.requests
		.filter((r) => r.path.startsWith('/pod1/api/bulk/2.0/'))
		.map((r) => [r.method, r.path, r.query]);
