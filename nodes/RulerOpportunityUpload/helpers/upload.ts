import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemResult } from '../../shared/items/results';
import { cancelledError } from '../../shared/transport/cancellation';
import { runPool } from '../../shared/transport/pool';
import {
	afterFreshLogin,
	CREDENTIAL_TYPE,
	endpointsOf,
	isUploaded,
	putOpportunity,
	uploadUrl,
	type Endpoints,
	type SendSettings,
	type UploadOutcome,
} from '../transport/client';
import { Session } from '../transport/session';
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
 * The state of one upload run, owned here alone: where requests go and the run's login, read from
 * the credential when the first valid item is sent (a run of invalid items needs none), and the
 * failure that stopped the run once one showed that every other item would fail the same way.
 */
class UploadRun {
	private connection?: { endpoints: Endpoints; session: Session };

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
		return this.connection === undefined;
	}

	/** Sends one item; undefined when the execution was cancelled before it was sent. */
	async send(item: ReadyItem): Promise<ItemResult | undefined> {
		if (this.stop) return this.notSent(item, this.stop);
		const { endpoints, session } = (this.connection ??= await this.connect());
		const url = uploadUrl(endpoints, item.opportunity.siteId);
		const body = JSON.stringify(opportunityBody(item.opportunity));
		// The answer is judged inside the session's turn: uploads waiting for a fresh login see its verdict.
		const put = async (freshLogin: boolean, refused?: UploadOutcome) =>
			await session.send(
				async (context, maySend) => {
					const answer = await putOpportunity(context, url, body, this.settings, maySend);
					if (!refused) return this.judge(item, answer, endpoints, session.canLogIn);
					const outcome =
						answer.result.kind === 'cancelled' ? refused : afterFreshLogin(refused, answer);
					return this.judge(item, outcome, endpoints, false);
				},
				() => !this.stop,
				freshLogin,
			);
		const first = await put(false);
		return first.resend ? (await put(true, first.outcome)).result : first.result;
	}

	/** The item's result, or that it goes once more after a fresh login; stops the run when fatal. */
	private judge(
		{ itemIndex, opportunity }: ReadyItem,
		outcome: UploadOutcome,
		endpoints: Endpoints,
		mayResend: boolean,
	): { outcome: UploadOutcome; result?: ItemResult; resend?: boolean } {
		if (outcome.result.kind === 'cancelled') {
			// Stopped while it waited for its turn; when the execution was cancelled, the node throws.
			const result = this.stop ? this.notSent({ itemIndex, opportunity }, this.stop) : undefined;
			return { outcome, result };
		}
		if (isUploaded(outcome.result, endpoints)) {
			return { outcome, result: uploadedResult(itemIndex, opportunity, outcome) };
		}
		if (mayResend && this.mayLogInAgain(outcome, endpoints)) return { outcome, resend: true };
		const failure = describeFailure(outcome, endpoints, this.settings);
		if (failure.fatal) this.stop ??= { itemIndex, failure };
		return { outcome, result: failedResult(itemIndex, opportunity, failure, outcome) };
	}

	private async connect() {
		const credentials = await this.context.getCredentials(CREDENTIAL_TYPE);
		const endpoints = endpointsOf(credentials);
		const session = new Session(this.context, CREDENTIAL_TYPE, credentials, !endpoints.tokenMode);
		return { endpoints, session };
	}

	/**
	 * A 403 to an upload may be Ruler's answer to an expired token (its documentation does not say
	 * whether that is a 401 or a 403): with a username and password, it gets one fresh login and one
	 * resend, as n8n gives a 401. Not once the run has stopped: the item keeps its 403.
	 */
	private mayLogInAgain({ result }: UploadOutcome, endpoints: Endpoints): boolean {
		return (
			!this.stop &&
			result.kind === 'response' &&
			result.status === 403 &&
			result.url !== endpoints.loginUrl
		);
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
