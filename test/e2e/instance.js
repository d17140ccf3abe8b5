// A real n8n for one suite: sandboxes, a fresh user folder with the package, credentials and
// examples, the server on the e2e port, and the owner's REST session.
const fs = require('fs');
const os = require('os');
const path = require('path');

const { PORTS, paths, REPO } = require('../n8n/config');
const { prepareHome } = require('../n8n/instance');
const { n8nEnv } = require('../n8n/n8n');
const { N8nApi } = require('../n8n/rest');
const { startServer } = require('../n8n/server');
const { startSandboxes } = require('../sandbox/start');

function tarball() {
	if (process.env.E2E_TARBALL) return process.env.E2E_TARBALL;
	const { name, version } = require(path.join(REPO, 'package.json'));
	return path.join(paths.packages, `${name}-${version}.tgz`);
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in once n8n is up. */
function useN8n(version, { server = true } = {}) {
	const ctx = { version, ports: PORTS.e2e };
	beforeAll(async () => {
		ctx.home = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
		ctx.sandboxes = await startSandboxes(ctx.ports);
		ctx.servers = ctx.sandboxes.servers;
		ctx.env = await prepareHome({
			version,
			home: ctx.home,
			ports: ctx.ports,
			tarball: tarball(),
			servers: ctx.servers,
		});
		// Headless runs while the server is up need their own task broker port.
		ctx.cliEnv = n8nEnv(version, {
			home: ctx.home,
			ports: { ...ctx.ports, n8n: null, broker: ctx.ports.broker + 10 },
		});
		if (server) {
			ctx.server = await startServer(version, ctx.env);
			ctx.api = await new N8nApi(ctx.server.baseUrl).signIn();
		}
	}, 300000);
	afterAll(async () => {
		await ctx.server?.stop();
		await ctx.sandboxes?.close();
		if (ctx.home && !process.env.E2E_KEEP) fs.rmSync(ctx.home, { recursive: true, force: true });
	}, 60000);
	return ctx;
}

module.exports = { useN8n };
