'use strict';
// The whole queue-mode stack on loopback, on free ports, in one temp folder: PostgreSQL and Redis
// from Debian's packages, the sandbox APIs, n8n main + two workers with the package, the sandbox
// credentials, and the example workflows behind webhooks, published. `stop()` ends all of it.
// Usage: node test/scale/stack.js   (keeps it running until Ctrl-C)
const fs = require('fs');
const os = require('os');
const path = require('path');

const { DEFAULT_VERSION, paths } = require('../n8n/config');
const { watchGroups } = require('../n8n/process');
const { sandboxCredentials } = require('../n8n/credentials');
const { N8nApi } = require('../n8n/rest');
const { say, step } = require('../n8n/steps');
const { startSandboxes } = require('../sandbox/start');
const { startCluster } = require('./cluster');
const { ensureServerPackages } = require('./debian');
const leftovers = require('./leftovers');
const { freePorts } = require('./ports');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { scaleWorkflows } = require('./workflows');

const WORKERS = 2;
/** The suite packs into its own folder: other suites pack the same file name and may run meanwhile. */
const PACKED = path.join(paths.packages, 'scale');

/** Like Promise.all, but waits for every start to settle, so a failure leaves nothing starting unseen. */
async function all(promises) {
	const settled = await Promise.allSettled(promises);
	const failed = settled.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
	return settled.map((result) => result.value);
}

/** Polls until n8n has registered the production webhook (a CORS preflight answers 204). */
async function waitForWebhook(url, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		await response.arrayBuffer();
		if (response.status === 204) return;
		if (Date.now() > deadline)
			throw new Error(
				`The webhook ${url} was not registered within ${timeoutMs / 1000} s (last answer ${response.status})`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function startStack({ version = DEFAULT_VERSION, tarball, keep = false }) {
	const swept = await leftovers.sweep();
	if (swept) say(`Ended ${swept} process group(s) an earlier scale run left behind`);
	const programs = await step('Redis and PostgreSQL from Debian (installed if missing)', () =>
		ensureServerPackages(),
	);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scale-'));
	// PostgreSQL runs as its own user and must reach its folder inside this one.
	fs.chmodSync(dir, 0o711);
	if (!keep) leftovers.rememberDir(dir);
	// Every group goes on record as it starts, so whatever ends this run early can end them too.
	const groups = [];
	const unwatch = watchGroups({
		started: (pid, signal) => {
			groups.push(pid);
			leftovers.remember(pid, signal);
		},
		stopped: leftovers.forget,
	});
	const running = [];
	const track = (service) => {
		running.push(service.stop);
		return service;
	};
	const stop = async () => {
		while (running.length)
			await running
				.pop()()
				.catch(() => undefined);
		// A start that failed half-way may leave groups no service owns yet.
		await leftovers.endThisProcess();
		unwatch();
		if (!keep) fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const [pgPort, redisPort, main, mainBroker, ...workerPorts] = await freePorts(4 + 2 * WORKERS);
		const [postgres, redis, sandboxes] = await step(
			'Start PostgreSQL, Redis and the sandbox APIs',
			() =>
				all([
					startPostgres({
						bin: programs.postgresBin,
						dir: path.join(dir, 'postgres'),
						port: pgPort,
					}).then(track),
					startRedis({
						binary: programs.redisServer,
						dir: path.join(dir, 'redis'),
						port: redisPort,
					}).then(track),
					startSandboxes({ eloqua: 0, ruler: 0 }).then((started) =>
						track({ ...started, stop: started.close }),
					),
				]),
		);
		const ports = {
			main,
			mainBroker,
			workers: Array.from({ length: WORKERS }, (_, i) => ({
				health: workerPorts[2 * i],
				broker: workerPorts[2 * i + 1],
			})),
		};
		const credentials = sandboxCredentials(sandboxes.servers);
		say(`n8n ${version} in queue mode: a main and ${WORKERS} workers`);
		const cluster = await startCluster({
			version,
			dir: path.join(dir, 'n8n'),
			tarball,
			postgres,
			redis,
			ports,
			credentials,
		}).then(track);
		const api = await new N8nApi(cluster.main.baseUrl).signIn();
		const workflows = scaleWorkflows();
		const webhookUrl = (kind) => `${cluster.main.baseUrl}/webhook/${workflows[kind].path}`;
		await step('Create and publish the webhook workflows', async () => {
			for (const { workflow } of Object.values(workflows)) {
				const created = await api.createWorkflow(workflow);
				await api.activateWorkflow(created.id, created.versionId);
			}
			// Publishing answers before the webhook is registered.
			for (const kind of Object.keys(workflows)) await waitForWebhook(webhookUrl(kind));
		});
		return {
			dir,
			groups,
			version,
			postgres,
			redis,
			sandboxes,
			servers: sandboxes.servers,
			cluster,
			api,
			workflows,
			webhookUrl,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Ends this process's scale run on Ctrl-C (or SIGTERM), then exits: nothing it started outlives it. */
function endRunOnSignals(realProcess) {
	let ending = false;
	const onSignal = (signal) => {
		if (ending) return;
		ending = true;
		say(`\n${signal}: ending the queue-mode stack…`);
		// Then also what a test worker process that the signal ended had on record.
		leftovers
			.endThisProcess()
			.then(leftovers.sweep)
			.finally(() => realProcess.exit(signal === 'SIGINT' ? 130 : 143));
	};
	realProcess.on('SIGINT', onSignal);
	realProcess.on('SIGTERM', onSignal);
	// Last resort when the process exits another way.
	realProcess.once('exit', leftovers.killRemembered);
}

module.exports = { startStack, endRunOnSignals, WORKERS, PACKED };

if (require.main === module) {
	const { packPackage, provision } = require('../n8n/provision');
	endRunOnSignals(process);
	(async () => {
		await provision([DEFAULT_VERSION]);
		const stack = await startStack({ tarball: await packPackage(PACKED) });
		say(`
n8n ${stack.version} in queue mode: ${stack.cluster.main.baseUrl} (main), ${stack.cluster.workers.length} workers
  webhooks  ${Object.keys(stack.workflows).map(stack.webhookUrl).join('  ')}
  sandboxes ${Object.entries(stack.servers)
		.map(([name, s]) => `${name} ${s.url}`)
		.join(', ')}
  logs      ${stack.dir}
Press Ctrl-C to stop.`);
	})().catch(async (error) => {
		process.stderr.write(`${error.stack || error}\n`);
		await leftovers.endThisProcess();
		process.exit(1);
	});
}
