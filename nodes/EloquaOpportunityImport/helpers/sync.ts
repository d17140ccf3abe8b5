import type { IDataObject } from 'n8n-workflow';

import { pause, throwIfCancelled } from '../../shared/transport/cancellation';
import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import { checkedUri } from '../transport/uris';

const TERMINAL_STATUSES = new Set<string>(['success', 'warning', 'error']);

export interface PollSettings {
	intervalMs: number;
	maxWaitMs: number;
}

/** Polls never slow down past this, so a long sync is still noticed within half a minute. */
const MAX_POLL_INTERVAL_MS = 30_000;

export interface SyncState {
	uri: string;
	status: string;
	timedOut: boolean;
}

type SyncAnswer = { uri?: unknown; status?: unknown };

/** A sync object from an answer (a started sync, or an upload that synced): its URI, checked. */
export function syncFromAnswer(client: EloquaClient, answer: SyncAnswer): SyncState {
	return {
		uri: checkedUri(client.nodeForErrors(), answer.uri, 'syncs'),
		status: String(answer.status ?? 'pending'),
		timedOut: false,
	};
}

/**
 * The newest sync of a definition (`GET /syncs`, newest first), unless it is one of `known`: after
 * a lost answer, a sync found here was started by the request whose answer was lost.
 */
export async function newSyncOf(
	client: EloquaClient,
	definitionUri: string,
	known: ReadonlySet<string>,
): Promise<SyncState | undefined> {
	const newest = await newestSyncOf(client, definitionUri);
	return newest && !known.has(newest.uri) ? newest : undefined;
}

/** The newest sync of a definition, if it has any. */
export async function newestSyncOf(
	client: EloquaClient,
	definitionUri: string,
): Promise<SyncState | undefined> {
	const answer = await client.bulk<{ items?: SyncAnswer[] }>({
		method: 'GET',
		path: '/syncs',
		qs: { q: `syncedInstanceUri='${definitionUri}'`, orderBy: 'createdAt DESC', limit: 1 },
	});
	const newest = Array.isArray(answer.items) ? answer.items[0] : undefined;
	return newest ? syncFromAnswer(client, newest) : undefined;
}

/** The syncs a definition has now (its newest), so that a sync found later can be told apart. */
export async function syncsSoFar(
	client: EloquaClient,
	definitionUri: string,
): Promise<Set<string>> {
	const newest = await newestSyncOf(client, definitionUri);
	return new Set(newest ? [newest.uri] : []);
}

/**
 * Starts processing the rows staged on a definition. A `POST /syncs` whose answer was lost is not
 * sent again blindly: the definition's syncs are listed, and one not among `known` (the syncs that
 * existed before, or that this run has seen) is the one it started.
 */
export async function startSync(
	client: EloquaClient,
	definitionUri: string,
	known: ReadonlySet<string>,
	callbackUrl?: string,
): Promise<SyncState> {
	const body: IDataObject = { syncedInstanceUri: definitionUri };
	if (callbackUrl) body.callbackUrl = callbackUrl;
	const sync = await client.postLooking<SyncAnswer | SyncState>(
		{ method: 'POST', path: '/syncs', body },
		async () => await newSyncOf(client, definitionUri, known),
	);
	return syncFromAnswer(client, sync);
}

/**
 * Polls a sync until it ends (success, warning or error) or `maxWaitMs` passes, waiting a little
 * longer between polls each time. Stops at once when the execution is cancelled.
 */
export async function waitForSync(
	client: EloquaClient,
	syncUri: string,
	poll: PollSettings,
): Promise<SyncState> {
	const started = Date.now();
	let delay = Math.max(poll.intervalMs, 10);
	for (;;) {
		const sync = await client.bulk<{ status?: string }>({ method: 'GET', path: syncUri });
		const status = String(sync.status ?? '');
		if (TERMINAL_STATUSES.has(status)) return { uri: syncUri, status, timedOut: false };
		const remaining = poll.maxWaitMs - (Date.now() - started);
		if (remaining <= 0) return { uri: syncUri, status, timedOut: true };
		await pause(Math.min(delay, remaining), client.signal);
		throwIfCancelled(client.signal, client.nodeForErrors());
		delay = Math.min(delay * 1.5, Math.max(poll.intervalMs, MAX_POLL_INTERVAL_MS));
	}
}

export interface SyncLogEntry {
	statusCode: string;
	count: number;
	severity: string;
	message: string;
}

/** The sync's aggregate log: counts per ELQ code (no row identities). */
export async function readSyncLog(client: EloquaClient, syncUri: string): Promise<SyncLogEntry[]> {
	return (await readPages(client, `${syncUri}/logs`)).map((entry) => ({
		statusCode: String(entry.statusCode ?? ''),
		count: Number(entry.count ?? 0),
		severity: String(entry.severity ?? ''),
		message: String(entry.message ?? ''),
	}));
}
