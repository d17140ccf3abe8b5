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

/** Starts processing the rows staged on a definition. */
export async function startSync(
	client: EloquaClient,
	definitionUri: string,
	callbackUrl?: string,
): Promise<SyncState> {
	const body: IDataObject = { syncedInstanceUri: definitionUri };
	if (callbackUrl) body.callbackUrl = callbackUrl;
	const sync = await client.bulk<{ uri?: string; status?: string }>({
		method: 'POST',
		path: '/syncs',
		body,
	});
	return {
		uri: checkedUri(client.nodeForErrors(), sync.uri, 'syncs'),
		status: String(sync.status ?? 'pending'),
		timedOut: false,
	};
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
