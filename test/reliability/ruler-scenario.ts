import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import type { NodeRun } from '../harness/engine';
import { deal, uploadParameters, type RulerSandbox } from '../harness/ruler';
import type { FaultRule } from '../sandbox/kit';
import type { RulerRequest } from '../sandbox/ruler';
import { dice, hashSeed, type Dice } from './dice';
import { accountedOnce, countsInError, outputsOf, type ItemOutcome } from './invariants';

type Fault = Omit<FaultRule, 'pick' | 'times' | 'probability'>;

/** One seeded run of the Ruler node: its input, settings, faults and time bound. */
export interface RulerScenario {
	seed: number;
	authentication: 'password' | 'accessToken';
	onError: NonNullable<INode['onError']>;
	parameters: IDataObject;
	items: IDataObject[];
	options: {
		concurrency: number;
		maxRetries: number;
		retryUnknownOutcome: boolean;
		timeout: number;
	};
	switches: Record<string, number>;
	boundMs: number;
	/** Puts the faults and switches in place and returns the credential for the run. */
	arrange(sandbox: RulerSandbox): ICredentialDataDecryptedObject;
}

const SHORT_TIMEOUT_MS = 1000;
/** Slow faults hit only the first two attempts: Ruler's backoff before them is at most 0.5 s and 1 s. */
const SLOW_ATTEMPTS = 2;
const SLOW_FAULT_MS = 1000;

export function items(seed: number, roll: Dice, count: number): IDataObject[] {
	const list: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const item = deal(`R${seed}-${i}`, { marker: `M${seed}-${i}` });
		const kind = roll.weighted([
			['good', 72],
			['badStage', 7],
			['badCurrency', 6],
			['repeat', 6],
			['future', 3],
			['badEmail', 3],
			['badSite', 3],
		] as const);
		if (kind === 'badStage') item.stage = 'closed won';
		if (kind === 'badCurrency') item.currency = 'POUNDS';
		if (kind === 'repeat' && i > 0) item.reference = list[roll.int(0, i - 1)].reference;
		if (kind === 'future') item.date = '2999-01-01';
		if (kind === 'badEmail') item.email = 'not-an-email';
		if (kind === 'badSite') item.siteId = '12/34';
		list.push(item);
	}
	return list;
}

function referenceOf(request: RulerRequest): string | undefined {
	try {
		return (JSON.parse(request.body ?? '') as { Reference?: string }).Reference;
	} catch {
		return undefined;
	}
}

/**
 * Decides per request by (seed, reference, attempt), not by arrival order: the node sends up to
 * `concurrency` requests at once, and the same seed must give each item the same faults.
 */
function requestFaults(
	seed: number,
	sandbox: RulerSandbox,
	probability: number,
	timeout: number,
): (request: RulerRequest) => Fault | undefined {
	return (request) => {
		const reference = referenceOf(request);
		if (reference === undefined) return undefined;
		const attempt = sandbox
			.requestsTo(sandbox.uploadPath, 'PUT')
			.filter((r) => referenceOf(r) === reference).length;
		const roll = dice(hashSeed(seed, reference, attempt));
		if (!roll.chance(probability)) return undefined;
		const slow = attempt <= SLOW_ATTEMPTS ? 1 : 0;
		const kind = roll.weighted([
			['429', 3],
			['503', 2],
			['502', 1],
			['504', 1],
			['delay', 2],
			['slowBody', 2],
			['401', 0.7],
			['429 too long', 0.4],
			['invalid data', 0.4],
			['500', 0.4],
			['reset', slow],
			['drop', slow],
			['timeout', timeout === SHORT_TIMEOUT_MS ? slow : 0],
		] as const);
		const now = { 'Retry-After': '0' };
		switch (kind) {
			case '429':
				return { status: 429, headers: now, body: { message: 'Too many requests.' } };
			case '503':
				return { status: 503, headers: now, body: { message: 'Service Unavailable' } };
			case '502':
				return { status: 502, headers: now, body: '<html>Bad Gateway</html>' };
			case '504':
				return { status: 504, headers: now, body: '<html>Gateway Timeout</html>' };
			case 'delay':
				return { delayMs: roll.int(5, 40) };
			case 'slowBody':
				return { slowBodyMs: roll.int(10, 60) };
			case '401':
				return {
					status: 401,
					body: { message: 'Authorization has been denied for this request.' },
				};
			case '429 too long':
				return {
					status: 429,
					headers: { 'Retry-After': '3600' },
					body: { message: 'Too many requests.' },
				};
			case 'invalid data':
				return { status: 503, body: 'Invalid Visitor Id' };
			case '500':
				return { status: 500, body: { message: 'An error has occurred.' } };
			case 'reset':
				return { reset: true };
			case 'drop':
				return { dropAnswer: true };
			default:
				// Answered after the node stopped waiting: Ruler stores it anyway.
				return { delayMs: timeout + 150 };
		}
	};
}

export function rulerScenario(seed: number, maxItems = 12): RulerScenario {
	const roll = dice(seed * 104729 + 3);
	const authentication = roll.chance(0.6) ? 'password' : 'accessToken';
	const onError = roll.weighted([
		['continueErrorOutput', 45],
		['continueRegularOutput', 40],
		['stopWorkflow', 15],
	] as const);
	const count = roll.int(1, maxItems);
	const options = {
		concurrency: roll.int(1, 6),
		maxRetries: roll.weighted([
			[0, 10],
			[1, 15],
			[2, 25],
			[3, 20],
			[5, 30],
		] as const),
		retryUnknownOutcome: roll.chance(0.7),
		timeout: roll.chance(0.5) ? SHORT_TIMEOUT_MS : 30_000,
	};
	const probability = roll.pick([0, 0.15, 0.3, 0.5]);
	const latencyMs = roll.int(0, 15);
	const ratePerSecond = roll.chance(0.15) ? roll.int(10, 25) : 0;
	const loginFails = authentication === 'password' && roll.chance(0.08);
	const expire = roll.chance(authentication === 'password' ? 0.15 : 0.1);
	const switches: Record<string, number> = {};
	const thrown = (kind: string) => () => (switches[kind] = (switches[kind] ?? 0) + 1);

	// Every item on its own, one after another (concurrency only shortens it): each attempt may be
	// delayed (latency, a delay, a slow body), one slow fault costs a timeout and a backoff, and a
	// rate limit spreads the items over seconds.
	const perAttemptMs = latencyMs + 40 + 60 + 30;
	const perItemMs =
		(options.maxRetries + 2) * perAttemptMs +
		SLOW_FAULT_MS +
		(options.timeout === SHORT_TIMEOUT_MS ? SHORT_TIMEOUT_MS + 150 : 0);
	const boundMs =
		4000 +
		count * perItemMs +
		(ratePerSecond ? (count / ratePerSecond) * 1000 * (options.maxRetries + 1) : 0);

	return {
		seed,
		authentication,
		onError,
		parameters: uploadParameters({ labels: '={{ $json.marker }}' }, options),
		items: items(seed, roll, count),
		options,
		switches,
		boundMs,
		arrange(sandbox) {
			sandbox.config.latencyMs = latencyMs;
			sandbox.config.ratePerSecond = ratePerSecond;
			if (ratePerSecond) thrown('rate limit')();
			sandbox.faults.add({
				method: 'PUT',
				path: sandbox.uploadPath,
				times: Infinity,
				pick: requestFaults(seed, sandbox, probability, options.timeout),
			});
			if (loginFails) {
				sandbox.faults.add({
					method: 'POST',
					path: '/v1/login',
					status: 503,
					body: { message: 'Service Unavailable' },
				});
			}
			if (expire && authentication === 'password') {
				sandbox.afterRequest({ method: 'PUT', path: sandbox.uploadPath }, () => {
					sandbox.expireTokens();
					thrown('token expiry')();
				});
			}
			if (expire && authentication === 'accessToken') {
				// Right after the token check: the pasted token stops working before the first upload.
				sandbox.afterRequest({ method: 'PUT', path: '/v1/0/' }, () => {
					sandbox.expireTokens();
					thrown('token expiry')();
				});
			}
			return authentication === 'password' ? sandbox.credentials() : sandbox.tokenCredentials();
		},
	};
}

interface RunView {
	scenario: RulerScenario;
	sandbox: RulerSandbox;
	uploads: RulerRequest[];
	failedLogins: number;
}

const markerIn = (request: RulerRequest, marker: string) =>
	(request.body ?? '').includes(JSON.stringify(marker));

/** Requests whose outcome the node cannot know: answered after the node stopped listening. */
function isAmbiguous(request: RulerRequest, scenario: RulerScenario): boolean {
	if (request.fault === 'drop' || request.clientLeft) return true;
	const delay = /^delay (\d+)$/.exec(String(request.fault ?? ''));
	return delay !== null && Number(delay[1]) >= scenario.options.timeout;
}

/**
 * The node gave up waiting for an answer: however short the server's nominal delay, a loaded
 * machine can fire the client's timeout first, and then the node cannot know what Ruler stored.
 */
const timedOut = (error: unknown) =>
	/ECONNABORTED|ETIMEDOUT|did not answer within/.test(String(error));

function checkItem(
	view: RunView,
	index: number,
	{ status, fields, error }: ItemOutcome,
): string | undefined {
	const { scenario, sandbox } = view;
	const item = scenario.items[index];
	const marker = String(item.marker);
	const mine = view.uploads.filter((r) => markerIn(r, marker));
	const stored = sandbox.stored(String(item.siteId), String(item.reference)) as
		| { Labels?: string[] }
		| undefined;
	const held = stored?.Labels?.[0] === marker;
	const attempts = Number(fields.attempts);
	if (status === 'uploaded') {
		if (!held) return `item ${index} says uploaded, but the sandbox does not hold it`;
		if (attempts < 1 || attempts > scenario.options.maxRetries + 1)
			return `item ${index} says it took ${attempts} attempts`;
	}
	if (status === 'invalid' && mine.length) return `item ${index} says invalid, but it was sent`;
	// `rejected`: Ruler refused the values; like `failed`, it must not be held by the sandbox.
	if (status === 'failed' || status === 'rejected') {
		if (attempts === 0 && mine.length) return `item ${index} says it was not sent, but it was`;
		if (attempts > scenario.options.maxRetries + 1)
			return `item ${index} says it took ${attempts} attempts`;
		// An earlier attempt the node gave up on may have been stored, whatever the last one said.
		const retriedAfter = (fields.retriedAfter as unknown[] | undefined) ?? [];
		const gaveUp = [error, ...retriedAfter].some(timedOut);
		if (held && !mine.some((r) => isAmbiguous(r, scenario)) && !gaveUp)
			return `item ${index} says ${status}, but the sandbox holds it (${error})`;
	}
	// An attempt may end at the login (n8n logs in before sending): a failed login is an attempt too.
	if (status !== 'invalid' && mine.length + view.failedLogins < attempts)
		return `item ${index} says ${attempts} attempts, the sandbox saw ${mine.length}`;
	return undefined;
}

/** An opportunity written more than once must have had a request whose outcome the node could not know (Ruler stores or updates by Reference). */
function checkWrites(
	view: RunView,
	timedOutReferences: ReadonlySet<string> = new Set(),
): { violations: string[]; upserts: number } {
	const violations: string[] = [];
	let upserts = 0;
	for (const [key, { writes }] of view.sandbox.state.opportunities) {
		if (writes <= 1) continue;
		const reference = key.slice(key.indexOf('/') + 1);
		const explained =
			timedOutReferences.has(reference) ||
			view.uploads.some((r) => referenceOf(r) === reference && isAmbiguous(r, view.scenario));
		if (explained) upserts += 1;
		else violations.push(`opportunity ${key} was written ${writes} times`);
	}
	return { violations, upserts };
}

export function checkRulerRun(
	scenario: RulerScenario,
	run: NodeRun,
	sandbox: RulerSandbox,
): { violations: string[]; statuses: string[]; upserts: number } {
	const failedLogins = sandbox
		.requestsTo('/v1/login', 'POST')
		.filter((r) => r.fault !== undefined || r.status !== 200).length;
	const view: RunView = {
		scenario,
		sandbox,
		uploads: sandbox.requestsTo(sandbox.uploadPath, 'PUT'),
		failedLogins,
	};
	if (scenario.onError === 'stopWorkflow' && run.error) {
		const writes = checkWrites(view);
		const counts = countsInError(run.error.message);
		const held = scenario.items.filter(
			(item) =>
				(
					sandbox.stored(String(item.siteId), String(item.reference)) as
						| { Labels?: string[] }
						| undefined
				)?.Labels?.[0] === item.marker,
		).length;
		const wrong =
			!counts || counts.total !== scenario.items.length || (counts.byStatus.uploaded ?? 0) > held;
		return {
			violations: [
				...(wrong
					? [
							`the error says "${run.error.message}" for ${scenario.items.length} items, ${held} held`,
						]
					: []),
				...writes.violations,
			],
			statuses: [],
			upserts: writes.upserts,
		};
	}
	const { outcomes, violations } = accountedOnce(scenario.items.length, outputsOf(run), [
		'uploaded',
		'invalid',
		'rejected',
		'failed',
	]);
	const timedOutReferences = new Set<string>();
	for (const [index, outcome] of outcomes) {
		const problem = checkItem(view, index, outcome);
		if (problem) violations.push(problem);
		const retriedAfter = (outcome.fields.retriedAfter as unknown[] | undefined) ?? [];
		if ([outcome.error, ...retriedAfter].some(timedOut))
			timedOutReferences.add(String(scenario.items[index].reference));
	}
	const writes = checkWrites(view, timedOutReferences);
	return {
		violations: [...violations, ...writes.violations],
		statuses: [...outcomes.values()].map((o) => o.status),
		upserts: writes.upserts,
	};
}
