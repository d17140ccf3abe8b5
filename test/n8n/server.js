'use strict';
// Starts `n8n start` (or another long-running n8n command, such as `n8n worker`) in its own process
// group so that stopping it also ends its task runners.
const path = require('path');

const { paths } = require('./config');
const { startProcess } = require('./process');
const { nodeBinary } = require('./provision');

async function answers(url) {
	const response = await fetch(url);
	await response.arrayBuffer();
	return response.ok;
}

/** The main instance is ready once its REST API answers, not only its health check. */
const restReady = (baseUrl) => async () =>
	(await answers(`${baseUrl}/healthz/readiness`)) && (await answers(`${baseUrl}/rest/settings`));

/**
 * Starts n8n; its output goes to `<user folder>/n8n.log` (and to this terminal with `echo`).
 * Resolves once it is ready (by default: the REST API answers), with `stop()` that ends the whole
 * process group.
 */
async function startServer(
	version,
	env,
	{ echo = false, timeoutMs = 120000, args = ['start'], ready, name = 'n8n', wrap } = {},
) {
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	const logFile = path.join(env.N8N_USER_FOLDER, 'n8n.log');
	// `wrap` runs n8n through another program, e.g. one that gives it its own host name.
	const [command, commandArgs] = (wrap ?? ((...run) => run))(nodeBinary(version), [
		paths.n8nBin(version),
		...args,
	]);
	const started = await startProcess(command, commandArgs, {
		env,
		logFile,
		echo,
		timeoutMs,
		name,
		ready: ready ?? restReady(baseUrl),
	});
	return { baseUrl, ...started };
}

module.exports = { startServer, answers };
