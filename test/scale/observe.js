'use strict';
// What the run left to look at: n8n's executions with their run data, which process logged running
// each one, and what each sandbox recorded and stores (read over its HTTP control, as any client would).
const fs = require('fs');
const path = require('path');

const { paths } = require('../n8n/config');

/** n8n sends run data serialised with `flatted`; the installed n8n's own copy reads it. */
function runDataReader(version) {
	return require(path.join(paths.n8nDir(version), 'node_modules', 'flatted')).parse;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `count` executions exist and all have finished; resolves with their summaries. */
async function waitForExecutions(api, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { results } = await api.executions({}, 100);
		if (results.length >= count && results.every((execution) => FINISHED.has(execution.status)))
			return results;
		if (Date.now() > deadline) {
			const open = results
				.filter((execution) => !FINISHED.has(execution.status))
				.map((execution) => `${execution.id}:${execution.status}`);
			throw new Error(
				`${results.length} of ${count} executions exist after ${timeoutMs / 1000} s; unfinished: ${open.join(', ') || 'none'}`,
			);
		}
		await sleep(1000);
	}
}

/** Each execution with its run data parsed (`run.data.resultData.runData`), as `itemResults` reads it. */
async function executionDetails(api, version, summaries) {
	const parse = runDataReader(version);
	return await Promise.all(
		summaries.map(async ({ id }) => {
			const execution = await api.execution(id);
			return { ...execution, run: { data: parse(execution.data) } };
		}),
	);
}

/** The JSON lines of an n8n log (N8N_LOG_FORMAT=json); other lines are skipped. */
function logLines(file) {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => {
			try {
				return JSON.parse(line);
			} catch {
				return undefined;
			}
		})
		.filter(Boolean);
}

/** Execution ids a process logged as started and as finished by a worker ("Worker started execution …"). */
function workerRuns(file) {
	const ids = (pattern) =>
		logLines(file)
			.filter((line) => pattern.test(line.message))
			.map((line) => String(line.metadata?.executionId));
	return {
		started: ids(/^Worker started execution /),
		finished: ids(/^Worker finished execution /),
	};
}

/**
 * The main's own record: the executions it queued ("Enqueued execution …"), and for each one a worker
 * reported finished, that worker's id.
 */
function mainRecord(file) {
	const lines = logLines(file);
	const finished = lines.filter((line) =>
		/^Execution \S+ \(job \S+\) finished$/.test(line.message),
	);
	return {
		enqueued: lines
			.filter((line) => /^Enqueued execution /.test(line.message))
			.map((line) => String(line.metadata?.executionId)),
		finishedBy: Object.fromEntries(
			finished.map((line) => [String(line.metadata.executionId), line.metadata.workerId]),
		),
	};
}

async function control(server, route) {
	const response = await fetch(`${server.url}/__sandbox/${route}`);
	if (!response.ok) throw new Error(`${server.url}/__sandbox/${route} answered ${response.status}`);
	return await response.json();
}

/** Everything each sandbox recorded and holds. */
async function sandboxState(servers) {
	const [eloquaRequests, eloquaSummary, eloquaStore, rulerRequests, rulerStore] = await Promise.all(
		[
			control(servers.eloqua, 'requests'),
			control(servers.eloqua, 'eloqua/summary'),
			control(servers.eloqua, 'eloqua/opportunities'),
			control(servers.ruler, 'requests'),
			control(servers.ruler, 'opportunities'),
		],
	);
	return {
		eloqua: { requests: eloquaRequests, summary: eloquaSummary, store: eloquaStore },
		ruler: { requests: rulerRequests, store: rulerStore },
	};
}

module.exports = { waitForExecutions, executionDetails, workerRuns, mainRecord, sandboxState };
