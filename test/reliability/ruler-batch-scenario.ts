import type { IDataObject, INode } from 'n8n-workflow';

import type { NodeRun } from '../harness/engine';
import { uploadParameters, type RulerSandbox } from '../harness/ruler';
import type { FaultRule } from '../sandbox/kit';
import { filePart, parseCsv } from '../sandbox/ruler-batch';
import { dice, hashSeed } from './dice';
import { accountedOnce, countsInError, outputsOf, type ItemOutcome } from './invariants';
import { items } from './ruler-scenario';

type Fault = Omit<FaultRule, 'pick' | 'times' | 'probability'>;

const BATCH =
	/^\/v1\/[^/]+\/(opportunity\/batch|batch\/[^/]+\/status|opportunity\/batch\/[^/]+\/failures)$/;
const UPLOAD = /\/opportunity\/batch$/;

/** One seeded run of Upload in Batch: its input, settings, sandbox switches and faults. */
export interface RulerBatchScenario {
	seed: number;
	onError: NonNullable<INode['onError']>;
	parameters: IDataObject;
	items: IDataObject[];
	switches: Record<string, number>;
	boundMs: number;
	arrange(sandbox: RulerSandbox): void;
}

/** The sandbox's record of a job (test/sandbox/ruler-batch.js). */
interface SandboxJob {
	checked: Array<{ row: number; body: { Reference: string } }>;
	failures: Array<{ row: number }>;
	processed: number;
	failureReason?: string;
}

/**
 * Decides per request by (seed, method, path, how many such requests came before): the same seed
 * gives the same faults. The upload may also be refused with a row error naming its first row.
 */
function batchFaults(seed: number, sandbox: RulerSandbox, probability: number) {
	return (request: { method: string; path: string }): Fault | undefined => {
		const before = sandbox.requests.filter(
			(r) => r.method === request.method && r.path === request.path,
		).length;
		const roll = dice(hashSeed(seed, request.method, request.path, before));
		if (!roll.chance(probability)) return undefined;
		const upload = UPLOAD.test(request.path);
		const kind = roll.weighted([
			['429', 3],
			['503', 3],
			['reset', 1],
			['drop', 1],
			['delay', 2],
			['slowBody', 2],
			['rowError', upload ? 2 : 0],
		] as const);
		const now = { 'Retry-After': '0' };
		switch (kind) {
			case '429':
				return { status: 429, headers: now, body: { message: 'Too many requests.' } };
			case '503':
				return { status: 503, body: { message: 'Service Unavailable' } };
			case 'reset':
				return { reset: true };
			case 'drop':
				return { dropAnswer: true };
			case 'delay':
				return { delayMs: roll.int(5, 40) };
			case 'slowBody':
				return { slowBodyMs: roll.int(10, 60) };
			default:
				return {
					status: 400,
					body: { errors: [{ rowNumber: 1, errors: ['Reference: Refused.'] }] },
				};
		}
	};
}

export function rulerBatchScenario(seed: number, maxItems = 12): RulerBatchScenario {
	const roll = dice(seed * 7919 + 11);
	const onError = roll.weighted([
		['continueErrorOutput', 45],
		['continueRegularOutput', 40],
		['stopWorkflow', 15],
	] as const);
	const count = roll.int(1, maxItems);
	const maxRetries = roll.pick([0, 1, 2, 3]);
	const waitForCompletion = roll.chance(0.85);
	const maxWait = roll.chance(0.2) ? 1 : 30;
	const rowsPerJob = roll.pick([1, 2, 3, 10_000]);
	const probability = roll.pick([0, 0.15, 0.3]);
	const batchRowsPerSecond = roll.pick([0, 0, 20]);
	const jsonRowNumbers = roll.chance(0.3);
	const jobFailure = roll.chance(0.1);
	const switches: Record<string, number> = {};
	if (jobFailure) switches['job failure'] = 1;
	if (batchRowsPerSecond) switches['slow processing'] = 1;
	return {
		seed,
		onError,
		parameters: uploadParameters(
			{ operation: 'uploadBatch', labels: '={{ $json.marker }}', waitForCompletion, maxWait },
			{ maxRetries, rowsPerJob, timeout: 5000 },
		),
		items: items(seed, roll, count),
		switches,
		// Each request may take a backoff of up to 0.5 + 1 + 2 s, and the wait up to Max Wait.
		boundMs: 10_000 + count * 3 * 4000 + maxWait * 1000,
		arrange(sandbox) {
			sandbox.config.batchRowsPerSecond = batchRowsPerSecond;
			sandbox.config.jsonRowNumbers = jsonRowNumbers;
			if (jobFailure) sandbox.config.jobFailureReason = 'The file could not be processed.';
			sandbox.faults.add({
				path: BATCH,
				times: Infinity,
				pick: batchFaults(seed, sandbox, probability),
			});
		},
	};
}

/** The Label cells (the items' markers) of every batch file the sandbox received. */
function sentMarkers(sandbox: RulerSandbox): Set<string> {
	const markers = new Set<string>();
	for (const request of sandbox.requestsTo(UPLOAD, 'POST')) {
		const csv = filePart(request.headers['content-type'], request.body ?? '');
		const [header = [], ...rows] = parseCsv(csv ?? '');
		for (const cells of rows) markers.add(cells[header.indexOf('Label')]);
	}
	return markers;
}

function checkItem(
	scenario: RulerBatchScenario,
	sandbox: RulerSandbox,
	sent: Set<string>,
	index: number,
	{ status, fields, error }: ItemOutcome,
): string | undefined {
	const item = scenario.items[index];
	const stored = sandbox.stored(String(item.siteId), String(item.reference)) as
		| { Labels?: string[] }
		| undefined;
	const held = stored?.Labels?.[0] === item.marker;
	const job = sandbox.state.batchJobs.get(String(fields.jobId)) as unknown as
		| SandboxJob
		| undefined;
	const row = job?.checked[Number(fields.rowNumber) - 1];
	const inJob = row?.body.Reference === item.reference;
	if (status === 'invalid' && sent.has(String(item.marker)))
		return `item ${index} says invalid, but it was sent`;
	if (status === 'queued' && !inJob)
		return `item ${index} says queued in ${fields.jobId}, which lacks it`;
	if (status === 'uploaded') {
		if (!held) return `item ${index} says uploaded, but the sandbox does not hold it`;
		const listed = job?.failures.some((f) => f.row === Number(fields.rowNumber));
		const done = job && job.processed === job.checked.length && !job.failureReason;
		if (!inJob || listed || !done)
			return `item ${index} says uploaded, but its job ${fields.jobId} did not say so`;
	}
	if (status === 'failed' && held && !/not known|may have created/.test(String(error)))
		return `item ${index} says failed, but the sandbox holds it (${error})`;
	// Rejected: Ruler named the row (a 400 or its job's failures), so it stored nothing of it.
	if (status === 'rejected' && held)
		return `item ${index} says rejected, but the sandbox holds it (${error})`;
	return undefined;
}

export function checkRulerBatchRun(
	scenario: RulerBatchScenario,
	run: NodeRun,
	sandbox: RulerSandbox,
): { violations: string[]; statuses: string[] } {
	const writes = [...sandbox.state.opportunities]
		.filter(([, { writes }]) => writes > 1)
		.map(([key, { writes }]) => `opportunity ${key} was written ${writes} times`);
	if (scenario.onError === 'stopWorkflow' && run.error) {
		const counts = countsInError(run.error.message);
		const held = scenario.items.filter(
			(item) =>
				(sandbox.stored(String(item.siteId), String(item.reference)) as { Labels?: string[] })
					?.Labels?.[0] === item.marker,
		).length;
		const wrong =
			!counts || counts.total !== scenario.items.length || (counts.byStatus.uploaded ?? 0) > held;
		const said = wrong ? [`the error says "${run.error.message}", ${held} held`] : [];
		return { violations: [...said, ...writes], statuses: [] };
	}
	const { outcomes, violations } = accountedOnce(scenario.items.length, outputsOf(run), [
		'uploaded',
		'invalid',
		'rejected',
		'failed',
		'queued',
	]);
	const sent = sentMarkers(sandbox);
	for (const [index, outcome] of outcomes) {
		const problem = checkItem(scenario, sandbox, sent, index, outcome);
		if (problem) violations.push(problem);
	}
	return {
		violations: [...violations, ...writes],
		statuses: [...outcomes.values()].map((o) => o.status),
	};
}
