import type { IDataObject, INode } from 'n8n-workflow';

import { importParameters, opportunity, type EloquaSandbox } from '../harness/eloqua';
import type { NodeRun } from '../harness/engine';
import type { FaultRule, RecordedRequest } from '../sandbox/kit';
import { dice, type Dice } from './dice';
import {
	accountedOnce,
	countsInError,
	importedOnlyIfSynced,
	outputsOf,
	type ItemOutcome,
} from './invariants';

type Operation = 'import' | 'importThenLink' | 'link';
type LostAnswer = { kind: 'upload' | 'sync' | 'definition'; status?: number; nth: number };
type Fault = Omit<FaultRule, 'pick' | 'times' | 'probability'>;

/** One seeded run of the Eloqua node: its input, settings, faults and time bound. */
export interface EloquaScenario {
	seed: number;
	operation: Operation;
	authentication: 'basicAuth' | 'oAuth2';
	onError: NonNullable<INode['onError']>;
	parameters: IDataObject;
	items: IDataObject[];
	/** Switches thrown during the run (sync outcome, storage, token expiry, pod move), by kind. */
	switches: Record<string, number>;
	/** The longest the run may take: waits configured plus the faults' delays and backoffs. */
	boundMs: number;
	/** Puts the faults and switches in place; runs right before the node. */
	arrange(sandbox: EloquaSandbox): void;
}

const BULK = /^\/pod\d+\/api\/bulk\/2\.0\//;
const CONTACTS = [
	'ada@example.com',
	'grace@example.com',
	'GRACE@example.com',
	'ghost@example.com',
	'',
];
/** Eloqua's first backoff wait is at most 1 s, the second 2 s (see the client's retry policy). */
const SLOW_FAULT_MS = 2000;
const STUCK_WAIT_MINUTES = 0.003;
/** The requests whose answers the sandbox can lose, as it matches them. */
const LOST_PATHS = {
	upload: /\/imports\/\d+\/data$/,
	sync: /\/api\/bulk\/2\.0\/syncs$/,
	definition: /\/imports$/,
};

function importItems(seed: number, roll: Dice, count: number, linking: boolean): IDataObject[] {
	const items: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const item = opportunity(`E${seed}-${i}`, { Territory: `M${seed}-${i}` });
		const kind = roll.weighted([
			['good', 70],
			['badStage', 10],
			['badAmount', 7],
			['repeat', 7],
			['noName', 6],
		] as const);
		if (kind === 'badStage') item.Stage = 'Negotiation';
		if (kind === 'badAmount') item.Amount = '12,5';
		if (kind === 'noName') item.OpportunityName = '';
		if (kind === 'repeat' && i > 0)
			item.OpportunityID = String(items[roll.int(0, i - 1)].OpportunityID).toLowerCase();
		if (linking) item.contactEmail = roll.pick(CONTACTS);
		items.push(item);
	}
	return items;
}

function linkItems(seed: number, roll: Dice, count: number): IDataObject[] {
	return Array.from({ length: count }, () => ({
		id: roll.chance(0.8) ? `X${seed}-${roll.int(0, 3)}` : `Unknown-${roll.int(0, 3)}`,
		email: roll.pick(CONTACTS),
	}));
}

/**
 * Decides per request, in arrival order (the Eloqua node sends one request at a time, so the
 * schedule replays exactly from the seed): mostly fast faults (429, 502, 503 with Retry-After 0,
 * delays, slow bodies, a 401, 429 storms that outlast the retries), and at most `slowBudget`
 * faults the node answers with a real backoff wait (resets, dropped answers, 503 without
 * Retry-After).
 */
function requestFaults(
	roll: Dice,
	probability: number,
	slowBudget: number,
): (request: RecordedRequest) => Fault | undefined {
	let slowLeft = slowBudget;
	const storms = new Map<string, number>();
	return (request) => {
		const storm = storms.get(request.path) ?? 0;
		if (storm > 0) {
			storms.set(request.path, storm - 1);
			return {
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { message: 'Too Many Requests' },
			};
		}
		if (!roll.chance(probability)) return undefined;
		const bulk = BULK.test(request.path);
		const kind = roll.weighted([
			['429', 3],
			['502', 2],
			['503', 2],
			['delay', 2],
			['slowBody', 2],
			['401', bulk ? 1 : 0],
			['storm', 0.4],
			['500', 0.4],
			['404', request.path.endsWith('/data') ? 0.4 : 0],
			['slow', slowLeft > 0 ? 1.5 : 0],
		] as const);
		switch (kind) {
			case '429':
				return {
					status: 429,
					headers: { 'Retry-After': '0' },
					body: { message: 'Too Many Requests' },
				};
			case '502':
				return {
					status: 502,
					headers: { 'Retry-After': '0' },
					body: '<html><body>502 Bad Gateway</body></html>',
				};
			case '503':
				return {
					status: 503,
					headers: { 'Retry-After': '0' },
					body: { message: 'timeout processing the request' },
				};
			case 'delay':
				return { delayMs: roll.int(5, 60) };
			case 'slowBody':
				return { slowBodyMs: roll.int(10, 60) };
			case '401':
				return { status: 401, body: { message: 'Unauthorized' } };
			case 'storm':
				storms.set(request.path, 6);
				return {
					status: 429,
					headers: { 'Retry-After': '0' },
					body: { message: 'Too Many Requests' },
				};
			case '500':
				return { status: 500, body: { message: 'Internal Server Error' } };
			case '404':
				return { status: 404, body: { message: 'Not Found' } };
			default:
				slowLeft -= 1;
				return roll.pick<Fault>([
					{ reset: true },
					{ dropAnswer: true },
					{ status: 503, body: { message: 'timeout processing the request' } },
				]);
		}
	};
}

/** A seeded scenario: the operation, the items (some invalid, rejected or repeated), the settings and the faults. */
export function eloquaScenario(seed: number, maxItems = 12): EloquaScenario {
	const roll = dice(seed * 7919 + 1);
	const operation = roll.weighted([
		['import', 75],
		['importThenLink', 10],
		['link', 15],
	] as const);
	const authentication = roll.chance(0.5) ? 'oAuth2' : 'basicAuth';
	const onError = roll.weighted([
		['continueErrorOutput', 45],
		['continueRegularOutput', 40],
		['stopWorkflow', 15],
	] as const);
	const count = roll.int(1, maxItems);
	const waitForSync = roll.chance(0.9);
	const syncOutcome = roll.weighted([
		[undefined, 84],
		['error', 8],
		['stuck', 8],
	] as const);
	const options: IDataObject = {
		pollIntervalSeconds: 0.01,
		recordsPerUpload: roll.int(1, 4),
		maxWaitMinutes: syncOutcome === 'stuck' ? STUCK_WAIT_MINUTES : 1,
		deleteDefinitionAfterSync: roll.chance(0.8),
	};
	const items =
		operation === 'link'
			? linkItems(seed, roll, count)
			: importItems(seed, roll, count, operation === 'importThenLink');
	const parameters =
		operation === 'link'
			? {
					resource: 'opportunityContactLink',
					operation: 'import',
					authentication,
					opportunityId: '={{ $json.id }}',
					linkTo: 'Contact',
					contactField: 'C_EmailAddress',
					linkValue: '={{ $json.email }}',
					waitForSync,
					options,
				}
			: importParameters(
					{
						authentication,
						waitForSync,
						...(operation === 'importThenLink'
							? {
									linkAfterImport: true,
									linkTo: 'Contact',
									contactField: 'C_EmailAddress',
									linkValue: '={{ $json.contactEmail }}',
								}
							: {}),
					},
					options,
				);

	const probability = roll.pick([0, 0.1, 0.2, 0.35]);
	const slowBudget = roll.chance(0.5) ? 1 : 0;
	const pick = requestFaults(dice(seed * 7919 + 2), probability, slowBudget);
	const storageFullAfter = roll.chance(0.05) ? roll.int(1, 3) : 0;
	const expireAfter = roll.chance(authentication === 'oAuth2' ? 0.25 : 0.1) ? roll.int(1, 8) : 0;
	const resetMidUpload = roll.chance(0.12) && slowBudget === 0;
	// "Processed, then the answer was lost" (Failures and retries): at most one per run, on the nth
	// request of its kind, dropped or answered 503.
	const lostAnswer: LostAnswer | undefined = roll.chance(0.3)
		? {
				kind: roll.pick(['upload', 'sync', 'definition'] as const),
				status: roll.chance(0.5) ? 503 : undefined,
				nth: roll.int(1, 2),
			}
		: undefined;
	const switches: Record<string, number> = {};
	const thrown = (kind: string) => () => (switches[kind] = (switches[kind] ?? 0) + 1);

	// A few seconds of slack on a loaded machine; each slow fault costs at most a 2 s backoff; a
	// stuck sync is waited for up to Max Wait (twice when linking follows); each request may be
	// delayed up to 60 ms, twice (delay, slow body) for a few requests per item.
	// A lost answer costs a backoff, twice when the rows are sent again and lost again.
	const slowFaults = slowBudget + (resetMidUpload ? 1 : 0) + (lostAnswer ? 2 : 0);
	const stuckMs = syncOutcome === 'stuck' ? STUCK_WAIT_MINUTES * 60_000 * 2 : 0;
	const boundMs = 4000 + slowFaults * SLOW_FAULT_MS + stuckMs + (count + 10) * 120;

	return {
		seed,
		operation,
		authentication,
		onError,
		parameters,
		items,
		switches,
		boundMs,
		arrange(sandbox) {
			sandbox.faults.reseed(seed);
			if (operation === 'link') {
				for (let k = 0; k < 4; k++)
					sandbox.state.opportunities.set(`x${seed}-${k}`, { OpportunityID: `X${seed}-${k}` });
			}
			if (syncOutcome) {
				sandbox.state.syncOutcome = syncOutcome;
				thrown(`sync ${syncOutcome}`)();
			}
			if (resetMidUpload)
				sandbox.faults.add({
					method: 'POST',
					path: /\/data$/,
					resetMidBody: true,
					probability: 0.5,
				});
			if (lostAnswer) {
				const { kind, status, nth } = lostAnswer;
				const lose = () => {
					sandbox.loseAnswer(kind, { status });
					thrown(`lost ${kind} answer`)();
				};
				if (nth === 1) lose();
				else sandbox.afterRequest({ method: 'POST', path: LOST_PATHS[kind], nth: nth - 1 }, lose);
			}
			sandbox.faults.add({ path: /^\/(id$|pod\d+\/)/, times: Infinity, pick });
			if (storageFullAfter) {
				sandbox.afterRequest({ method: 'POST', path: /\/data$/, nth: storageFullAfter }, () => {
					sandbox.state.storageFull = true;
					thrown('storage full')();
				});
			}
			if (expireAfter) {
				sandbox.afterRequest({ path: BULK, nth: expireAfter }, () => {
					if (authentication === 'oAuth2') sandbox.expireAccessTokens();
					else sandbox.movePod();
					thrown(authentication === 'oAuth2' ? 'token expiry' : 'pod move')();
				});
			}
		},
	};
}

/**
 * A known defect, counted apart from the violations until it is fixed: when a sync ends in success
 * but its log cannot be read, the life cycle reports its rows failed (SECURITY.md, Known limits).
 */
export const KNOWN_LOG_DEFECT = 'known defect (sync log unread)';

const SUCCESS: Record<Operation, string> = {
	import: 'imported',
	importThenLink: 'imported',
	link: 'linked',
};
const TERMINAL = ['success', 'warning', 'error'];

interface RunView {
	scenario: EloquaScenario;
	sandbox: EloquaSandbox;
	uploads: RecordedRequest[];
}

function syncOf(view: RunView, uri: unknown) {
	return typeof uri === 'string'
		? view.sandbox.state.syncs.get(Number(uri.split('/').pop()))
		: undefined;
}

/** What identifies an item's row in uploads, rejects and storage. */
function rowOf(view: RunView, index: number) {
	const item = view.scenario.items[index];
	if (view.scenario.operation === 'link') {
		const id = String(item.id);
		const email = String(item.email);
		return {
			id,
			matches: (row: IDataObject) =>
				String(row.OpportunityID) === id && String(row.C_EmailAddress) === email,
			sent: `"OpportunityID":${JSON.stringify(id)},"C_EmailAddress":${JSON.stringify(email)}`,
		};
	}
	const marker = String(item.Territory);
	return {
		id: String(item.OpportunityID),
		matches: (row: IDataObject) => row.Territory === marker,
		sent: `"Territory":${JSON.stringify(marker)}`,
	};
}

function isLinked(view: RunView, id: string, email: unknown): boolean {
	return view.sandbox.state.links.some(
		(l) =>
			l.opportunity === id.toLowerCase() && l.target.toLowerCase() === String(email).toLowerCase(),
	);
}

/** Whether the sandbox holds the item's opportunity (with its own values) or its link. */
function isHeld(view: RunView, index: number): boolean {
	const row = rowOf(view, index);
	if (view.scenario.operation === 'link')
		return isLinked(view, row.id, view.scenario.items[index].email);
	return row.matches(view.sandbox.state.opportunities.get(row.id.toLowerCase()) ?? {});
}

/** The status an item reports, checked against what the sandbox holds. */
function checkItem(
	view: RunView,
	index: number,
	{ status, fields, error }: ItemOutcome,
): string | undefined {
	const { scenario } = view;
	const row = rowOf(view, index);
	const stored = isHeld(view, index);
	const sync = syncOf(view, fields.syncUri);
	if (status === SUCCESS[scenario.operation]) {
		if (!stored) return `item ${index} says ${status}, but the sandbox does not hold it`;
		const unconfirmed = importedOnlyIfSynced(`item ${index}`, sync, row.matches, 'OpportunityID');
		if (unconfirmed) return unconfirmed;
	}
	if (
		status === 'invalid' &&
		view.uploads.some((r) => (r.body ?? '').includes(row.sent)) &&
		scenario.operation !== 'link'
	) {
		return `item ${index} says invalid, but its row was sent`;
	}
	if (
		status === 'rejected' &&
		!sync?.rejects.some((reject) => row.matches(reject.fieldValues as IDataObject))
	) {
		return `item ${index} says rejected, but its sync ${String(fields.syncUri)} has no reject for it`;
	}
	if (status === 'staged') {
		if (!sync || TERMINAL.includes(sync.status))
			return `item ${index} says staged, but its sync ${String(fields.syncUri)} is ${sync?.status}`;
		if (!(sync.rows ?? []).some((r) => row.matches(r)))
			return `item ${index} says staged, but its sync does not hold its row`;
	}
	if (status === 'failed' && (fields.sync as { status?: string } | undefined)?.status === 'success')
		return `${KNOWN_LOG_DEFECT}: item ${index} says failed, but its sync ended in success`;
	if (status === 'failed' && stored) {
		// The node may not know: the sync ended in error (rows unconfirmed), its rejects could not be
		// read, or an upload's answer was lost after Eloqua had staged the rows.
		const unconfirmed =
			(fields.sync as { status?: string } | undefined)?.status === 'error' &&
			sync?.status === 'error';
		const unread = /its result could not be read/.test(error ?? '');
		if (!unconfirmed && !unread) return `item ${index} says failed, but the sandbox holds it`;
	}
	if (scenario.operation === 'importThenLink' && status === 'imported') {
		const link = fields.link as IDataObject | undefined;
		if (link?.status === 'linked' && !isLinked(view, row.id, scenario.items[index].contactEmail))
			return `item ${index} says linked, but the sandbox holds no link`;
	}
	return undefined;
}

/** No row is written twice: lost answers are looked into, never resent blindly, so none is staged twice. */
function checkWrites(view: RunView): string[] {
	return [...view.sandbox.state.writesByKey]
		.filter(([, writes]) => writes > 1)
		.map(([key, writes]) => `opportunity ${key} was written ${writes} times`);
}

/** What a run broke: violations, and occurrences of known defects (counted apart, not hidden). */
export interface RunCheck {
	violations: string[];
	known: string[];
	statuses: string[];
}

function checked(found: string[], statuses: string[]): RunCheck {
	const known = found.filter((v) => v.startsWith(KNOWN_LOG_DEFECT));
	return { violations: found.filter((v) => !known.includes(v)), known, statuses };
}

/** Every invariant of one run; no violations when it held them all. */
export function checkEloquaRun(
	scenario: EloquaScenario,
	run: NodeRun,
	sandbox: EloquaSandbox,
): RunCheck {
	const view: RunView = { scenario, sandbox, uploads: sandbox.requestsTo(/\/data$/, 'POST') };
	const writes = checkWrites(view);
	const statuses =
		scenario.operation === 'link'
			? ['linked', 'rejected', 'invalid', 'failed', 'staged']
			: ['imported', 'rejected', 'invalid', 'failed', 'staged'];
	if (scenario.onError === 'stopWorkflow' && run.error) {
		// No item outputs: the message must count the items, and claim no more done than the sandbox holds.
		const counts = countsInError(run.error.message);
		const held = scenario.items.filter((_, index) => isHeld(view, index)).length;
		const claimed = counts?.byStatus[SUCCESS[scenario.operation]] ?? 0;
		const wrong = counts && (counts.total !== scenario.items.length || claimed > held);
		return checked(
			[
				...(wrong
					? [
							`the error says "${run.error.message}" for ${scenario.items.length} items, ${held} held`,
						]
					: []),
				...writes,
			],
			[],
		);
	}
	const { outcomes, violations } = accountedOnce(scenario.items.length, outputsOf(run), statuses);
	for (const [index, outcome] of outcomes) {
		const problem = checkItem(view, index, outcome);
		if (problem) violations.push(problem);
	}
	return checked(
		[...violations, ...writes],
		[...outcomes.values()].map((o) => o.status),
	);
}
