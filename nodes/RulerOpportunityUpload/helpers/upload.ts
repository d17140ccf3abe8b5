import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemResult } from '../../shared/items/results';
import { cancelledError } from '../../shared/transport/cancellation';
import { runPool } from '../../shared/transport/pool';
import {
	CREDENTIAL_TYPE,
	endpointsOf,
	isUploaded,
	putOpportunity,
	uploadUrl,
	type Endpoints,
	type SendSettings,
} from '../transport/client';
import { describeFailure, type Failure } from '../transport/statuses';
import { opportunityBody } from './body';
import { isReady, type CheckedItem, type ReadyItem } from './checks';
import { failedResult, uploadedResult, validResult } from './results';

/** Gives an item, in input order, its check: ready to send, or its "invalid" result. */
export type CheckItem = (itemIndex: number) => CheckedItem;

/** The failure that stopped a run, and the item it came from. */
interface Stop {
	itemIndex: number;
	failure: Failure;
}

/**
 * The state of one upload run, owned here alone: where requests go, read from the credential when
 * the first valid item is sent (a run of invalid items needs none), and the failure that stopped the
 * run once one showed that every other item would fail the same way.
 */
class UploadRun {
	private endpoints?: Endpoints;

	private stop?: Stop;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: SendSettings,
	) {}

	/**
	 * True until an upload was attempted. n8n logs in on the first upload, so until then items go
	 * one at a time: it logs in once, rather than once per parallel request.
	 */
	get awaitsLogin(): boolean {
		return this.endpoints === undefined;
	}

	/** Sends one item; undefined when the execution was cancelled before it was sent. */
	async send(item: ReadyItem): Promise<ItemResult | undefined> {
		if (this.stop) return this.notSent(item, this.stop);
		this.endpoints ??= endpointsOf(await this.context.getCredentials(CREDENTIAL_TYPE));
		const { endpoints, settings } = this;
		const { itemIndex, opportunity } = item;
		const url = uploadUrl(endpoints, opportunity.siteId);
		const body = JSON.stringify(opportunityBody(opportunity));
		const outcome = await putOpportunity(this.context, url, body, settings, () => !this.stop);
		if (outcome.result.kind === 'cancelled') {
			// Stopped while it waited for its turn; when the execution was cancelled, the node throws.
			return this.stop ? this.notSent(item, this.stop) : undefined;
		}
		if (isUploaded(outcome.result, endpoints)) {
			return uploadedResult(itemIndex, opportunity, outcome);
		}
		const failure = describeFailure(outcome, endpoints, settings);
		if (failure.fatal) this.stop ??= { itemIndex, failure };
		return failedResult(itemIndex, opportunity, failure, outcome);
	}

	private notSent({ itemIndex, opportunity }: ReadyItem, stop: Stop): ItemResult {
		const message = `Not sent, as item ${stop.itemIndex} failed: ${stop.failure.message}`;
		return failedResult(itemIndex, opportunity, { ...stop.failure, message });
	}
}

/**
 * Checks and sends the items through a bounded pool, started in input order, and returns their
 * results in input order. Each item is checked when its turn comes, so the checks run while earlier
 * uploads wait for the network. Throws when the execution is cancelled.
 */
export async function uploadAll(
	context: IExecuteFunctions,
	settings: SendSettings,
	checkItem: CheckItem,
	count: number,
	concurrency: number,
): Promise<ItemResult[]> {
	const run = new UploadRun(context, settings);
	const results: ItemResult[] = [];
	const worker = async (itemIndex: number) => {
		const checked = checkItem(itemIndex);
		const result = isReady(checked) ? await run.send(checked) : checked;
		if (result) results.push(result);
	};
	const { signal } = settings;
	let next = 0;
	while (next < count && run.awaitsLogin && !signal?.aborted) await worker(next++);
	const first = next;
	await runPool(count - first, concurrency, async (index) => await worker(first + index), signal);
	if (signal?.aborted) {
		const done = results.filter((r) => r.ok).length;
		throw cancelledError(
			context.getNode(),
			`${done} of ${count} items were uploaded before it stopped; the others were not checked, not sent or their outcome is unknown.`,
		);
	}
	return results.sort((a, b) => a.itemIndex - b.itemIndex);
}

/** Validate Only: every item's check, with the body a valid one would be sent with. */
export function checkAll(checkItem: CheckItem, count: number): ItemResult[] {
	return Array.from({ length: count }, (_, itemIndex) => {
		const checked = checkItem(itemIndex);
		return isReady(checked) ? validResult(itemIndex, checked.opportunity) : checked;
	});
}
