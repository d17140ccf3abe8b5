'use strict';
// Runs n8n commands of one provisioned version: imports, headless executions and the server.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { ENCRYPTION_KEY, VERSIONS, paths } = require('./config');
const { nodeBinary, runtimeEnv } = require('./provision');

/** The environment of an n8n process: its user folder, loopback ports, and nothing that phones home. */
function n8nEnv(version, { home, ports, extra = {} }) {
	return runtimeEnv(version, {
		// Test runners set NODE_ENV=test, which n8n reads as its own test mode: it then exits at start.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(ports.n8n || 0),
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		// The editor is served over plain http on loopback.
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		...VERSIONS[version].env,
		...extra,
	});
}

/** Runs `n8n <args>` to completion; resolves with its exit code and output (never rejects on exit code). */
function n8nCommand(version, env, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBinary(version), [paths.n8nBin(version), ...args], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

async function checked(version, env, args) {
	const result = await n8nCommand(version, env, args);
	if (result.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`,
		);
	return result;
}

async function importCredentials(version, env, credentials) {
	const file = path.join(env.N8N_USER_FOLDER, 'sandbox-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, '\t'));
	await checked(version, env, ['import:credentials', `--input=${file}`]);
}

async function importWorkflows(version, env, folder) {
	await checked(version, env, ['import:workflow', '--separate', `--input=${folder}`]);
}

/** The run data JSON `--rawOutput` prints; 2.x prints log lines before it. */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start < 0) return undefined;
	for (let end = lines.length; end > start; end--) {
		try {
			return JSON.parse(lines.slice(start, end).join('\n'));
		} catch {
			// trailing log lines: try a shorter slice
		}
	}
	return undefined;
}

/** Executes a stored workflow headless; `run` is n8n's run data (undefined if none was printed). */
async function execute(version, env, workflowId) {
	// 2.x prints the run through its logger at level info.
	const result = await n8nCommand(version, { ...env, N8N_LOG_LEVEL: 'info' }, [
		'execute',
		`--id=${workflowId}`,
		'--rawOutput',
	]);
	return { ...result, run: parseRun(result.stdout) };
}

module.exports = { n8nEnv, n8nCommand, importCredentials, importWorkflows, execute, parseRun };
