'use strict';
// n8n in queue mode: one main (editor, REST, webhooks; queues executions) and workers that run
// them, sharing one PostgreSQL database, one Redis and one encryption key. Each process has its own
// user folder with the package installed, as separate machines would.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const { installPackage } = require('../n8n/install');
const { importCredentials, n8nEnv } = require('../n8n/n8n');
const { answers, startServer } = require('../n8n/server');
const { step } = require('../n8n/steps');

/** Jobs one worker runs at a time: two workers take all 50 executions at once. */
const WORKER_CONCURRENCY = 25;

/**
 * In a container n8n names a worker after the host name, so two workers on one host would share an
 * id (n8n warns of a "hostid-clash", and its record of which worker ran what is useless). Where
 * this process may, each worker gets its own host name, as on its own machine; elsewhere n8n gives
 * each worker a random id anyway.
 */
function ownHostName(name) {
	if (process.getuid?.() !== 0) return undefined;
	try {
		execFileSync('unshare', ['--uts', 'true'], { stdio: 'ignore' });
	} catch {
		return undefined;
	}
	return (command, args) => [
		'unshare',
		['--uts', 'sh', '-c', 'hostname "$0" && exec "$@"', name, command, ...args],
	];
}

/** The settings every process of the cluster shares. */
function sharedEnv({ postgres, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_POOL_SIZE: '10',
		// Which process ran which execution is read from the logs: "Worker started execution …".
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'json',
	};
}

/** A user folder for one process, with the package installed the way n8n installs community packages. */
async function prepareFolder(home, tarball) {
	fs.mkdirSync(home, { recursive: true });
	await installPackage(home, tarball);
	return home;
}

/**
 * Prepares the folders, imports the sandbox credentials (which also creates n8n's tables), then
 * starts the main and the workers together. `ports`: {main, mainBroker, workers: [{health, broker}]}.
 */
async function startCluster({ version, dir, tarball, postgres, redis, ports, credentials }) {
	const shared = sharedEnv({ postgres, redis });
	const names = ['main', ...ports.workers.map((_, i) => `worker-${i + 1}`)];
	const [mainHome, ...workerHomes] = await step(
		`Install ${path.basename(tarball)} into the user folders of ${names.join(', ')}`,
		() => Promise.all(names.map((name) => prepareFolder(path.join(dir, name), tarball))),
	);
	const mainEnv = n8nEnv(version, {
		home: mainHome,
		ports: { n8n: ports.main, broker: ports.mainBroker },
		extra: shared,
	});
	await step('Import the sandbox credentials (n8n creates its tables in PostgreSQL first)', () =>
		importCredentials(
			version,
			{ ...mainEnv, N8N_LOG_FORMAT: 'text', N8N_LOG_LEVEL: 'warn' },
			credentials,
		),
	);

	const workerEnv = (home, { health, broker }) =>
		n8nEnv(version, {
			home,
			ports: { n8n: health, broker },
			extra: {
				...shared,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(health),
				// A worker's server listens on every interface unless told otherwise.
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		});
	const hostNames = workerHomes.map((_, i) => ownHostName(`scale-worker-${i + 1}`));
	const starting = [
		startServer(version, mainEnv, { name: 'n8n main' }),
		...workerHomes.map((home, i) =>
			startServer(version, workerEnv(home, ports.workers[i]), {
				name: `n8n worker ${i + 1}`,
				args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				wrap: hostNames[i],
				ready: () => answers(`http://127.0.0.1:${ports.workers[i].health}/healthz/readiness`),
			}),
		),
	];
	const settled = await step(`Start the main and ${ports.workers.length} workers`, () =>
		Promise.allSettled(starting),
	);
	const up = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
	const failed = settled.find((s) => s.status === 'rejected');
	if (failed) {
		await Promise.all(up.map((instance) => instance?.stop()));
		throw failed.reason;
	}
	const [main, ...workers] = up;
	const stop = async () => {
		// Workers first: the main must not see them vanish with jobs it still waits for.
		await Promise.all(workers.map((worker) => worker.stop()));
		await main.stop();
	};
	const ownHostNames = hostNames.every(Boolean);
	return {
		main,
		workers: workers.map((worker, i) => ({ ...worker, name: `worker-${i + 1}` })),
		ownHostNames,
		stop,
	};
}

module.exports = { startCluster, WORKER_CONCURRENCY };
