'use strict';
// `npm start`: a real n8n with this package installed (and listed under Settings → Community Nodes),
// the sandbox APIs, ready credentials and the example workflows, on http://127.0.0.1:5678. Ctrl-C
// stops everything it started.
// Usage: node test/n8n/start.js [n8n version]
const net = require('net');
const path = require('path');

const { OWNER, PORTS, REPO, paths, versionOf } = require('./config');
const { packPackage, provision } = require('./provision');
const { prepareHome } = require('./instance');
const { registerPackage } = require('./register');
const { startServer } = require('./server');
const { N8nApi } = require('./rest');
const { say, step } = require('./steps');
const { startSandboxes } = require('../sandbox/start');

function assertPortFree(port) {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () =>
			reject(
				new Error(`Port ${port} is in use: stop what runs there (another n8n?) and try again`),
			),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(resolve));
	});
}

async function start(version) {
	const started = Date.now();
	const ports = PORTS.start;
	for (const port of Object.values(ports)) await assertPortFree(port);
	await provision([version]);
	const tarball = await packPackage();
	const running = [];
	const stopAll = async () => {
		while (running.length) await running.pop()();
	};
	let stopping = false;
	const onSignal = () => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandboxes…');
		stopAll().then(() => process.exit(0));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		const sandboxes = await step('Start the sandbox APIs', () => startSandboxes(ports));
		running.push(sandboxes.close);
		const env = await prepareHome({
			version,
			home: paths.startHome(version),
			ports,
			tarball,
			servers: sandboxes.servers,
		});
		const server = await step(
			`Start n8n ${version} (log: ${paths.startHome(version)}/n8n.log)`,
			() => startServer(version, env),
		);
		running.push(server.stop);
		const api = await step('Sign in as the local owner', () => new N8nApi(server.baseUrl).signIn());
		const { name } = require(path.join(REPO, 'package.json'));
		await step(`List ${name} under Settings → Community Nodes`, () =>
			registerPackage(version, env, api, name),
		);
		server.child.once('exit', (code) => {
			if (stopping) return;
			say(`n8n exited (${code}); see ${server.logFile}`);
			onSignal();
		});
		say(`
n8n ${version} is ready in ${((Date.now() - started) / 1000).toFixed(1)} s:  ${server.baseUrl}
  login     ${OWNER.email} / ${OWNER.password}
  workflows the examples/ folder (imported again when a file changes), credentials "… sandbox"
  sandboxes ${Object.entries(sandboxes.servers)
		.map(([name, s]) => `${name} ${s.url}`)
		.join(', ')}
Press Ctrl-C to stop.`);
	} catch (error) {
		await stopAll();
		throw error;
	}
}

start(versionOf(process.argv[2])).catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
