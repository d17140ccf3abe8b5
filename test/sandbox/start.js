'use strict';
// Starts the API sandboxes on fixed loopback ports for `npm start`, the demo and the e2e suites.
// A service joins by adding its module here; a module that is not there yet is skipped.
// Usage: node test/sandbox/start.js [start|e2e|demo]   (Ctrl-C stops them)
const fs = require('fs');
const path = require('path');

const SERVICES = [
	// Syncs end on the second status read, so examples finish in a few seconds.
	{
		name: 'eloqua',
		module: './eloqua',
		factory: 'createEloquaSandbox',
		options: { pendingPolls: 0, activePolls: 0 },
	},
	{ name: 'ruler', module: './ruler', factory: 'createRulerSandbox', options: {} },
];

const available = (service) => fs.existsSync(path.join(__dirname, `${service.module}.js`));

/** Starts every available sandbox on `ports[name]`; returns them by name and a `close()`. */
async function startSandboxes(ports) {
	const servers = {};
	try {
		for (const service of SERVICES.filter(available)) {
			const create = require(service.module)[service.factory];
			servers[service.name] = await create(service.options).start(ports[service.name], '127.0.0.1');
		}
	} catch (error) {
		await Promise.all(Object.values(servers).map((server) => server.close()));
		throw error;
	}
	const close = async () =>
		await Promise.all(Object.values(servers).map((server) => server.close()));
	return { servers, close };
}

module.exports = { startSandboxes, SERVICES, available };

if (require.main === module) {
	const { PORTS } = require('../n8n/config');
	const ports = PORTS[process.argv[2] || 'start'];
	startSandboxes(ports).then(
		({ servers, close }) => {
			for (const [name, server] of Object.entries(servers))
				process.stdout.write(
					`${name} sandbox: ${server.url}  (control: ${server.url}/__sandbox/requests)\n`,
				);
			const stop = () => close().then(() => process.exit(0));
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
		},
		(error) => {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 1;
		},
	);
}
