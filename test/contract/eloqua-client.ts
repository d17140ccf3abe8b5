import { sleep } from 'n8n-workflow';

import type { EloquaSandbox } from '../sandbox/eloqua';
import type { EloquaLiveSettings } from './settings';
import { exchange, type Answer } from './point';

/** An Eloqua instance to probe: the sandbox, or a live one named by the environment. */
export interface EloquaTarget {
	live: boolean;
	sandbox?: EloquaSandbox;
	loginUrl: string;
	authorization: string;
	/** `{base}/api/bulk/2.0`, from /id. */
	bulk: string;
	/** Every object the suite creates starts with it: `n8n-contract-<run>`. */
	prefix: string;
	stage: string;
	pollMs: number;
	maxPolls: number;
	oauth?: EloquaLiveSettings['oauth'];
	/** Definitions to delete at the end. */
	created: string[];
}

type Row = Record<string, string>;

export const FIELDS = {
	Id: '{{Opportunity.Id}}',
	Name: '{{Opportunity.Field(Name)}}',
	Stage: '{{Opportunity.Field(Stage)}}',
	Amount: '{{Opportunity.Field(Amount)}}',
};

export const basic = (site: string, user: string, password: string) =>
	`Basic ${Buffer.from(`${site}\\${user}:${password}`).toString('base64')}`;

/** A call under the Bulk root (a path starting with `/`) or to a full URL. */
export async function call(
	t: EloquaTarget,
	method: string,
	path: string,
	body?: unknown,
	authorization = t.authorization,
): Promise<Answer> {
	const url = path.startsWith('/') ? `${t.bulk}${path}` : path;
	const text =
		body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	return await exchange(
		url,
		{ method, headers: { authorization, 'content-type': 'application/json' }, body: text },
		{ live: t.live },
	);
}

/** `GET {login}/id` → the Bulk root. */
export async function discover(t: EloquaTarget) {
	const answer = await call(t, 'GET', `${t.loginUrl.replace(/\/+$/, '')}/id`);
	const base = answer.json?.urls?.base;
	if (typeof base !== 'string')
		throw new Error(`/id answered ${answer.status}: ${answer.text.slice(0, 200)}`);
	t.bulk = `${base.replace(/\/+$/, '')}/api/bulk/2.0`;
	return answer;
}

let serial = 0;
/** A unique `n8n-contract-` name (also used as opportunity IDs). */
export const unique = (t: EloquaTarget, what: string) => `${t.prefix}-${what}-${++serial}`;

export function row(t: EloquaTarget, id: string, extra: Row = {}): Row {
	return { Id: id, Name: id, Stage: t.stage, Amount: '1', ...extra };
}

/** Creates a definition named `n8n-contract-…`; it is deleted at the end. */
export async function define(
	t: EloquaTarget,
	extra: object = {},
	fields: Record<string, string> = FIELDS,
	collection = '/opportunities/imports',
) {
	const answer = await call(t, 'POST', collection, {
		name: unique(t, 'definition'),
		fields,
		identifierFieldName: Object.keys(fields)[0],
		...extra,
	});
	const uri = answer.json?.uri;
	if (answer.status !== 201 || typeof uri !== 'string')
		throw new Error(
			`creating a definition answered ${answer.status}: ${answer.text.slice(0, 300)}`,
		);
	t.created.push(uri);
	return { uri, answer };
}

/** A definition that stages uploads until a sync is started. */
export const staging = (t: EloquaTarget, extra: object = {}, fields?: Record<string, string>) =>
	define(t, { isSyncTriggeredOnImport: false, ...extra }, fields);

export const upload = (t: EloquaTarget, uri: string, rows: Row[]) =>
	call(t, 'POST', `${uri}/data`, rows);

export async function startSync(t: EloquaTarget, uri: string) {
	const answer = await call(t, 'POST', '/syncs', { syncedInstanceUri: uri });
	if (answer.status !== 201)
		throw new Error(`POST /syncs answered ${answer.status}: ${answer.text}`);
	return answer.json.uri as string;
}

const TERMINAL = ['success', 'warning', 'error'];

/** Reads a sync until it ends; returns every status seen, in order (repeats collapsed). */
export async function settle(t: EloquaTarget, syncUri: string) {
	const seen: string[] = [];
	for (let i = 0; i < t.maxPolls; i++) {
		const status = String((await call(t, 'GET', syncUri)).json?.status);
		if (seen[seen.length - 1] !== status) seen.push(status);
		if (TERMINAL.includes(status)) return seen;
		await sleep(t.pollMs);
	}
	return [...seen, 'timed out'];
}

export const last = (statuses: string[]) => statuses[statuses.length - 1];

export async function rejectsOf(t: EloquaTarget, syncUri: string) {
	return ((await call(t, 'GET', `${syncUri}/rejects?limit=1000&offset=0`)).json?.items ??
		[]) as Array<{
		recordIndex: number;
		statusCode: string;
		invalidFields: string[];
		fieldValues: Row;
		message: string;
	}>;
}

export async function logsOf(t: EloquaTarget, syncUri: string) {
	return ((await call(t, 'GET', `${syncUri}/logs`)).json?.items ?? []) as Array<{
		statusCode: string;
		count: number;
		severity: string;
		message: string;
	}>;
}

/** `ELQ-00001 ×2, ELQ-00039 ×1` */
export const codes = (items: Array<{ statusCode: string; count?: number }>) =>
	items
		.map((i) => (i.count === undefined ? i.statusCode : `${i.statusCode} ×${i.count}`))
		.join(', ') || 'none';

/** Uploads and syncs rows on a staging definition; returns the sync and how it ended. */
export async function importRows(t: EloquaTarget, uri: string, rows: Row[]) {
	const uploaded = await upload(t, uri, rows);
	if (uploaded.status !== 204)
		throw new Error(`upload answered ${uploaded.status}: ${uploaded.text}`);
	const syncUri = await startSync(t, uri);
	return { syncUri, statuses: await settle(t, syncUri) };
}

/**
 * Whether an opportunity exists, read through a contact linkage: "Runs after the opportunity sync
 * (else ELQ-00084)". ELQ-00084 means no such opportunity; anything else means it exists.
 */
export async function opportunityExists(t: EloquaTarget, id: string) {
	const { uri } = await define(
		t,
		{
			isSyncTriggeredOnImport: false,
			linkOpportunitiesEntityType: 'Contact',
			linkOpportunitiesMatchFieldName: 'Id',
			linkOpportunitiesSourceField: 'Email',
		},
		{ Id: '{{Opportunity.Id}}', Email: '{{Opportunity.Contact.Field(C_EmailAddress)}}' },
		'/opportunities/contacts/imports',
	);
	const { syncUri } = await importRows(t, uri, [{ Id: id, Email: `${t.prefix}@example.invalid` }]);
	const rejects = await rejectsOf(t, syncUri);
	return !rejects.some((r) => r.statusCode === 'ELQ-00084');
}

/** Deletes every definition the suite created (what the API lets it delete). */
export async function cleanUp(t: EloquaTarget) {
	for (const uri of t.created.splice(0).reverse())
		await call(t, 'DELETE', uri).catch(() => undefined);
}
