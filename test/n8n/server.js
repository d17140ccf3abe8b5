'use strict';
// Starts `n8n start` in its own process group so that stopping it also ends its task runners.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { paths } = require('./config');
const { nodeBinary } = require('./provision');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(baseUrl, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode} before it was ready`);
		try {
			const health = await fetch(`${baseUrl}/healthz/readiness`);
			const settings = health.ok ? await fetch(`${baseUrl}/rest/settings`) : undefined;
			if (settings?.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`n8n did not answer on ${baseUrl} within ${timeoutMs / 1000} s`);
}

/**
 * Starts n8n; its output goes to `<user folder>/n8n.log` (and to this terminal with `echo`).
 * Resolves once the REST API answers, with `stop()` that ends the whole process group.
 */
async function startServer(version, env, { echo = false, timeoutMs = 120000 } = {}) {
	const logFile = path.join(env.N8N_USER_FOLDER, 'n8n.log');
	const log = fs.openSync(logFile, 'w');
	const child = spawn(nodeBinary(version), [paths.n8nBin(version), 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			fs.writeSync(log, chunk);
			if (echo) process.stdout.write(chunk);
		});
	}
	const exited = new Promise((resolve) => child.once('close', resolve));
	const signal = (name) => {
		try {
			process.kill(-child.pid, name);
		} catch {
			// already gone
		}
	};
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			signal('SIGTERM');
			const timer = setTimeout(() => signal('SIGKILL'), 20000);
			await exited;
			clearTimeout(timer);
		}
		// Task runners n8n started may outlive it by a moment; the group is ours alone.
		signal('SIGKILL');
		fs.closeSync(log);
	};
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	try {
		await waitUntilReady(baseUrl, child, timeoutMs);
	} catch (error) {
		await stop();
		error.message += `\n--- last lines of ${logFile} ---\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`;
		throw error;
	}
	return { baseUrl, child, stop, logFile };
}

module.exports = { startServer };
