import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import { checkedUri } from '../transport/uris';
import type { Column } from './columns';

/** The two kinds of import definition the node works with, and where each lives in the Bulk API. */
export const DEFINITION_KINDS = {
	opportunity: { parent: '/opportunities', collection: 'imports' },
	contactLink: { parent: '/opportunities/contacts', collection: 'imports' },
} as const;

export type DefinitionKind = keyof typeof DEFINITION_KINDS;

/** The kind of definition an operation works on, from its resource and Definition Type. */
export function definitionKindOf(resource: unknown, definitionType: unknown): DefinitionKind {
	if (resource === 'opportunityContactLink') return 'contactLink';
	if (resource === 'opportunity') return 'opportunity';
	return definitionType === 'contactLink' ? 'contactLink' : 'opportunity';
}

export interface DefinitionSettings {
	identifierCaseSensitive: boolean;
	/** Left out for linkage definitions, which do not update fields. */
	updateRule?: string;
	dataRetentionDuration: string;
	/** Empty: Eloqua keeps the definition until it is deleted. */
	autoDeleteDuration: string;
}

/** How long Eloqua keeps a definition's staged rows, and the definition itself. */
export type Retention = Pick<DefinitionSettings, 'dataRetentionDuration' | 'autoDeleteDuration'>;

/** Eloqua caps definition names at 100 characters. */
export function definitionName(workflowName: string, executionId: string): string {
	const suffix = ` #${executionId}`;
	return `n8n ${workflowName}`.slice(0, 100 - suffix.length) + suffix;
}

/** The documented body of a definition created for one run. */
export function definitionBody(
	name: string,
	columns: Column[],
	identifierColumn: string | undefined,
	settings: DefinitionSettings,
	extra: IDataObject = {},
): IDataObject {
	const body: IDataObject = {
		name,
		fields: Object.fromEntries(columns.map((column) => [column.name, column.statement])),
	};
	if (identifierColumn) {
		body.identifierFieldName = identifierColumn;
		body.isIdentifierFieldCaseSensitive = settings.identifierCaseSensitive;
	}
	body.isSyncTriggeredOnImport = false;
	if (settings.updateRule) body.updateRule = settings.updateRule;
	body.dataRetentionDuration = settings.dataRetentionDuration;
	if (settings.autoDeleteDuration) body.autoDeleteDuration = settings.autoDeleteDuration;
	return { ...body, ...extra };
}

export interface Definition extends IDataObject {
	uri: string;
	name?: string;
	fields: Record<string, string>;
	identifierFieldName?: string;
	isIdentifierFieldCaseSensitive?: boolean;
}

function readDefinition(client: EloquaClient, answer: IDataObject, parent: string): Definition {
	const fields =
		answer.fields && typeof answer.fields === 'object'
			? (answer.fields as Record<string, string>)
			: {};
	return {
		...answer,
		uri: checkedUri(client.nodeForErrors(), answer.uri, 'imports', parent),
		fields,
		identifierFieldName:
			typeof answer.identifierFieldName === 'string' ? answer.identifierFieldName : undefined,
	};
}

export async function createDefinition(
	client: EloquaClient,
	parent: string,
	body: IDataObject,
): Promise<Definition> {
	const answer = await client.bulk({ method: 'POST', path: `${parent}/imports`, body });
	return readDefinition(client, answer, parent);
}

export async function getDefinition(
	client: EloquaClient,
	uri: string,
	parent: string,
): Promise<Definition> {
	return readDefinition(client, await client.bulk({ method: 'GET', path: uri }), parent);
}

export async function deleteDefinition(client: EloquaClient, uri: string): Promise<void> {
	await client.bulk({ method: 'DELETE', path: uri });
}

/** How many of a definition's newest syncs are looked at: one that has not ended is among them. */
const RECENT_SYNCS = 50;
const NOT_ENDED = new Set(['pending', 'active']);

/** The definition's syncs that have not ended, newest first (`GET /syncs` by syncedInstanceUri). */
export async function unfinishedSyncs(
	client: EloquaClient,
	definitionUri: string,
): Promise<IDataObject[]> {
	const syncs = await readPages(client, '/syncs', RECENT_SYNCS, {
		q: `syncedInstanceUri='${definitionUri}'`,
		orderBy: 'createdAt DESC',
	});
	// Filtered here too: an instance that ignored `q` must not make another definition's sync count.
	return syncs.filter(
		(sync) =>
			(sync.syncedInstanceUri ?? definitionUri) === definitionUri &&
			NOT_ENDED.has(String(sync.status)),
	);
}

/** What each housekeeping operation would break in a running sync. */
const HOUSEKEEPING = {
	delete: {
		refused: 'Not deleted',
		effect:
			'Deleting the definition now makes that sync fail (ELQ-00143) and its rows are not imported.',
	},
	clearStagedData: {
		refused: 'Not cleared',
		effect: 'Eloqua refuses to clear staged data while a sync runs (HTTP 409).',
	},
} as const;

/** Refuses a housekeeping operation while a sync of the definition is pending or active. */
export async function refuseWhileSyncing(
	client: EloquaClient,
	definitionUri: string,
	operation: keyof typeof HOUSEKEEPING,
): Promise<void> {
	const [newest, ...others] = await unfinishedSyncs(client, definitionUri);
	if (!newest) return;
	const { refused, effect } = HOUSEKEEPING[operation];
	const more = others.length ? ` (and ${others.length} more)` : '';
	throw new NodeOperationError(
		client.nodeForErrors(),
		`${refused}: sync ${String(newest.uri)} of ${definitionUri} is ${String(newest.status)}${more}`,
		{
			description: `${effect} Wait until it ends (Sync → Get shows its status), then run again, or turn on "Force" in Options to go ahead anyway.`,
		},
	);
}
