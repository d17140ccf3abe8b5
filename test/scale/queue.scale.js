// n8n's queue mode (one main, two workers, Redis, PostgreSQL) running 50 executions of the example
// workflows at once against the sandboxes: each runs on a worker, none interferes with another (its
// own Eloqua definitions and syncs, deleted after use), and every item is accounted for exactly once.
const fs = require('fs');
const path = require('path');

const { DEFAULT_VERSION, REPO } = require('../n8n/config');
const { groupMembers } = require('../n8n/process');
const { itemResults } = require('../n8n/results');
const { say } = require('../n8n/steps');
const { batch, expected, ELOQUA_NODE, RULER_NODE } = require('./deals');
const { definitionTrails, executionOf } = require('./eloqua-trail');
const {
	executionDetails,
	mainRecord,
	sandboxState,
	waitForExecutions,
	workerRuns,
} = require('./observe');
const { queuedJobs } = require('./redis');
const { PACKED, startStack } = require('./stack');
const { TRIGGER } = require('./workflows');

const RUNS = 50;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sorted = (list) => [...list].sort();
const lower = (list) => list.map((id) => id.toLowerCase());
/** An item's own fields: a failed item carries them in its `error` (the engine merged the input beside it). */
const fieldsOf = (row) =>
	row.json.error && typeof row.json.error === 'object' ? row.json.error : row.json;

function tarball() {
	if (process.env.SCALE_TARBALL) return process.env.SCALE_TARBALL;
	const { name, version } = require(path.join(REPO, 'package.json'));
	return path.join(PACKED, `${name}-${version}.tgz`);
}

/** Processes of these groups still running, after a moment for the last kills to land. */
async function stillRunning(groups) {
	for (let tries = 0; ; tries++) {
		const left = groups.flatMap(groupMembers);
		if (!left.length || tries === 25) return left;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The most executions that ran at the same moment, from their start and stop times. */
function peakOverlap(executions) {
	const edges = executions.flatMap(({ startedAt, stoppedAt }) => [
		[Date.parse(startedAt), 1],
		[Date.parse(stoppedAt), -1],
	]);
	// At equal times a stop comes first: one ending as another starts is no overlap.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let peak = 0;
	for (const [, change] of edges) peak = Math.max(peak, (running += change));
	return peak;
}

/** "3 imported, 1 rejected" from {imported: 3, rejected: 1}. */
const listCounts = (counts) =>
	Object.entries(counts)
		.map(([status, count]) => `${count} ${status}`)
		.join(', ');

function statusCounts(rows) {
	const counts = {};
	for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
	return listCounts(counts);
}

function summary(runs, { workers, mainSays, sandbox, timing }) {
	const deals = runs.reduce((sum, run) => sum + (run.batch?.deals.length ?? 0), 0);
	const byKind = (kind) => runs.filter((run) => run.batch?.kind === kind).length;
	const rows = runs.flatMap((run) => run.rows);
	const eloquaRows = rows.filter((row) => row.node !== RULER_NODE);
	const rulerRows = rows.filter((row) => row.node === RULER_NODE);
	const { summary: eloqua, store } = sandbox.eloqua;
	return `
Queue mode: ${runs.length} executions (${byKind('eloqua')} Eloqua import, ${byKind('pipeline')} Eloqua → Ruler), ${deals} deals posted
  per worker   ${workers.map((w) => `${w.name} ${w.started.length}`).join(', ')}; main ran ${mainSays.started.length}
  items        Eloqua ${eloquaRows.length} (${statusCounts(eloquaRows)}); Ruler ${rulerRows.length} (${statusCounts(rulerRows)})
  Eloqua       ${eloqua.syncs} syncs (${listCounts(eloqua.syncStatuses)}), ${Object.keys(store.opportunities).length} opportunities stored in ${store.writes} writes, ${store.links.length} links, ${eloqua.definitions} definitions left
  Ruler        ${Object.keys(sandbox.ruler.store.opportunities).length} opportunities stored in ${sandbox.ruler.store.writes} writes
  overlap      at most ${peakOverlap(runs.map((run) => run.execution))} executions running at once
  duration     stack up ${seconds(timing.setup)}, ${runs.length} webhook calls answered in ${seconds(timing.fired)}, all finished ${seconds(timing.ran)} after the first call
`;
}

describe(`n8n ${DEFAULT_VERSION} in queue mode (main + 2 workers): ${RUNS} concurrent executions`, () => {
	const timing = {};
	let stack;
	let answers;
	/** One entry per execution: n8n's execution, the batch it posted, its per-item rows. */
	let runs;
	let sandbox;
	let workers;
	let mainSays;
	let queue;

	beforeAll(
		async () => {
			let started = Date.now();
			stack = await startStack({ tarball: tarball(), keep: Boolean(process.env.SCALE_KEEP) });
			timing.setup = Date.now() - started;
			const batches = Array.from({ length: RUNS }, (_, n) => batch(n));
			started = Date.now();
			answers = await Promise.all(
				batches.map(async ({ kind, tag, deals }) => {
					const response = await fetch(stack.webhookUrl(kind), {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ batch: tag, deals }),
					});
					return { status: response.status, body: await response.text() };
				}),
			);
			timing.fired = Date.now() - started;
			const summaries = await waitForExecutions(stack.api, RUNS, 10 * 60 * 1000);
			timing.ran = Date.now() - started;
			const details = await executionDetails(stack.api, stack.version, summaries);
			runs = details.map((execution) => {
				const tag =
					execution.run.data.resultData.runData[TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json?.body
						?.batch;
				const posted = batches.find((b) => b.tag === tag);
				const workflow = posted && stack.workflows[posted.kind].workflow;
				return {
					execution,
					batch: posted,
					expected: posted && expected(posted),
					rows: workflow ? itemResults(execution.run, workflow) : [],
				};
			});
			sandbox = await sandboxState(stack.servers);
			queue = await queuedJobs(stack.redis);
			workers = stack.cluster.workers.map((worker) => ({
				name: worker.name,
				...workerRuns(worker.logFile),
			}));
			mainSays = {
				...workerRuns(stack.cluster.main.logFile),
				...mainRecord(stack.cluster.main.logFile),
			};
		},
		15 * 60 * 1000,
	);

	afterAll(async () => {
		if (!stack) return;
		await stack.stop();
		if (runs) say(summary(runs, { workers, mainSays, sandbox, timing }));
		// Stopped means gone: no process of any group the run started, and no folder.
		expect(await stillRunning(stack.groups)).toEqual([]);
		if (!process.env.SCALE_KEEP) expect(fs.existsSync(stack.dir)).toBe(false);
	}, 120000);

	it('accepts every webhook call and runs each as its own execution', () => {
		expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
		expect(runs).toHaveLength(RUNS);
		expect(runs.filter((run) => !run.batch).map((run) => run.execution.id)).toEqual([]);
		expect(new Set(runs.map((run) => run.batch.tag)).size).toBe(RUNS);
		for (const run of runs)
			expect([run.batch.tag, run.execution.workflowId]).toEqual([
				run.batch.tag,
				stack.workflows[run.batch.kind].workflow.id,
			]);
	});

	it('runs the executions at the same time, not one after another', () => {
		// Interference can only show where executions overlap; each waits seconds for its syncs.
		expect(peakOverlap(runs.map((run) => run.execution))).toBeGreaterThanOrEqual(RUNS / 2);
	});

	it('ends every execution in success, started by its webhook', () => {
		const outcome = (run) => [
			run.batch.tag,
			run.execution.mode,
			run.execution.status,
			run.execution.run.data.resultData.error?.message ?? null,
		];
		expect(runs.map(outcome)).toEqual(
			runs.map((run) => [run.batch.tag, 'webhook', 'success', null]),
		);
	});

	it('leaves nothing running: no job left in the queue, every Eloqua sync ended', () => {
		expect(queue).toEqual({ waiting: 0, active: 0, paused: 0, delayed: 0 });
		const ended = new Set(['success', 'warning', 'error']);
		expect(
			Object.keys(sandbox.eloqua.summary.syncStatuses).filter((status) => !ended.has(status)),
		).toEqual([]);
	});

	it('runs every execution on a worker, each on exactly one, none on the main', () => {
		const ids = sorted(runs.map((run) => String(run.execution.id)));
		expect(mainSays.started).toEqual([]);
		const started = workers.flatMap((worker) => worker.started);
		expect(sorted(started)).toEqual(ids);
		expect(sorted(workers.flatMap((worker) => worker.finished))).toEqual(ids);
		for (const worker of workers)
			expect([worker.name, worker.started.length > 0]).toEqual([worker.name, true]);
		// The main's own record: a worker (never the main) reported each execution finished, and
		// where workers have their own host names, it names the worker whose log says it ran it.
		expect(sorted(mainSays.enqueued)).toEqual(ids);
		expect(sorted(Object.keys(mainSays.finishedBy))).toEqual(ids);
		const reporters = new Set(Object.values(mainSays.finishedBy));
		for (const id of reporters) expect(id).toMatch(/^worker-/);
		// Workers that share a host name would share an id too (see the cluster).
		if (stack.cluster.ownHostNames) {
			expect(reporters.size).toBe(workers.length);
			for (const worker of workers)
				expect([
					worker.name,
					new Set(worker.started.map((id) => mainSays.finishedBy[id])).size,
				]).toEqual([worker.name, 1]);
		}
	});

	it('gives every input item exactly one result, on the expected output with the expected status', () => {
		for (const run of runs) {
			const got = {};
			for (const row of run.rows) {
				got[row.node] ??= {};
				// A second result for the same id would overwrite the first: count them separately.
				got[row.node][row.id] = got[row.node][row.id] ? 'twice' : [row.output, row.status];
			}
			expect([run.batch.tag, got]).toEqual([run.batch.tag, run.expected.nodes]);
			const inputs = {
				[ELOQUA_NODE[run.batch.kind]]: run.batch.deals.length,
				[RULER_NODE]: run.expected.rulerSent.length || undefined,
			};
			for (const [node, count] of Object.entries(inputs))
				if (count)
					expect([run.batch.tag, node, run.rows.filter((row) => row.node === node).length]).toEqual(
						[run.batch.tag, node, count],
					);
		}
	});

	describe('no execution interferes with another', () => {
		let trails;
		beforeAll(() => (trails = definitionTrails(sandbox.eloqua.requests)));

		it('each execution created its own definitions, named with its execution id, and no others were created', () => {
			expect(new Set(trails.map((trail) => trail.uri)).size).toBe(trails.length);
			const ids = new Set(runs.map((run) => String(run.execution.id)));
			expect(
				trails.filter((trail) => !ids.has(executionOf(trail.name))).map((trail) => trail.name),
			).toEqual([]);
			for (const run of runs) {
				const own = trails.filter((trail) => executionOf(trail.name) === String(run.execution.id));
				const kinds = own.map((trail) => (trail.linkage ? 'links' : 'import'));
				expect([run.batch.tag, kinds]).toEqual([
					run.batch.tag,
					run.batch.kind === 'pipeline' ? ['import', 'links'] : ['import'],
				]);
			}
		});

		it("each execution's items name its own definition and sync; its uploads hold exactly its own rows", () => {
			for (const run of runs) {
				const own = trails.filter((trail) => executionOf(trail.name) === String(run.execution.id));
				const imports = own.find((trail) => !trail.linkage);
				const eloquaRows = run.rows.filter((row) => row.node === ELOQUA_NODE[run.batch.kind]);
				const sent = eloquaRows.filter((row) => row.status !== 'invalid');
				expect([
					run.batch.tag,
					new Set(eloquaRows.map((row) => fieldsOf(row).importDefinitionUri)),
				]).toEqual([run.batch.tag, new Set([imports.uri])]);
				expect(imports.syncs.length).toBeGreaterThan(0);
				for (const row of sent)
					expect([run.batch.tag, row.id, imports.syncs]).toEqual([
						run.batch.tag,
						row.id,
						expect.arrayContaining([fieldsOf(row).syncUri]),
					]);
				expect([run.batch.tag, sorted(imports.uploads)]).toEqual([
					run.batch.tag,
					sorted(run.expected.eloquaSent),
				]);
				const links = own.find((trail) => trail.linkage);
				if (links) {
					expect([run.batch.tag, sorted(links.uploads)]).toEqual([
						run.batch.tag,
						sorted(run.expected.linked),
					]);
					for (const row of eloquaRows.filter((r) => r.link))
						expect(row.json.link).toMatchObject({
							status: 'linked',
							importDefinitionUri: links.uri,
							syncUri: expect.stringMatching(new RegExp(`^(${links.syncs.join('|')})$`)),
						});
				}
			}
			const allSyncs = trails.flatMap((trail) => trail.syncs);
			expect(new Set(allSyncs).size).toBe(allSyncs.length);
		});

		it('each definition was deleted once, after its sync had ended', () => {
			for (const trail of trails) {
				expect([trail.name, trail.deletes.map((d) => d.status)]).toEqual([trail.name, [204]]);
				expect([
					trail.name,
					trail.deletes[0].index > trail.lastSyncRead,
					trail.lastSyncRead > trail.created,
				]).toEqual([trail.name, true, true]);
			}
			expect(sandbox.eloqua.summary.definitions).toBe(0);
			expect(sandbox.eloqua.summary.syncs).toBe(
				trails.reduce((sum, trail) => sum + trail.syncs.length, 0),
			);
		});
	});

	describe('all items accounted for', () => {
		const union = (key) => runs.flatMap((run) => run.expected[key]);

		it("Eloqua holds exactly the union of all executions' accepted rows, each written once, each link made once", () => {
			const { store } = sandbox.eloqua;
			expect(sorted(Object.keys(store.opportunities))).toEqual(sorted(lower(union('eloquaKept'))));
			expect(store.writes).toBe(union('eloquaKept').length);
			expect(sorted(store.links.map((link) => link.opportunity))).toEqual(
				sorted(lower(union('linked'))),
			);
			const uploaded = definitionTrails(sandbox.eloqua.requests)
				.filter((trail) => !trail.linkage)
				.flatMap((trail) => trail.uploads);
			expect(sorted(uploaded)).toEqual(sorted(union('eloquaSent')));
		});

		it("Ruler holds exactly the union of all executions' accepted opportunities, each written once", () => {
			const { store, requests } = sandbox.ruler;
			expect(sorted(Object.keys(store.opportunities))).toEqual(
				sorted(union('rulerKept').map((id) => `1234/${id}`)),
			);
			expect(Object.values(store.opportunities).filter((entry) => entry.writes !== 1)).toEqual([]);
			expect(store.writes).toBe(union('rulerKept').length);
			const sent = requests
				.filter((r) => r.method === 'PUT' && /\/opportunity\/upload$/.test(r.path))
				.map((r) => JSON.parse(r.body).Reference);
			expect(sorted(sent)).toEqual(sorted(union('rulerSent')));
		});
	});
});
