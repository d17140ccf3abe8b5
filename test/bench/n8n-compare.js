'use strict';
// The Ruler upload in a real n8n 2.41.1, side by side with n8n's own HTTP Request node doing the
// same PUTs (default settings, and with its Batching option tuned to the rate limit), against the
// Ruler sandbox set to a fixed latency and rate limit. Run by `npm run bench` (full size), or alone:
//   node test/bench/n8n-compare.js [items]
const fs = require('fs');
const os = require('os');
const path = require('path');

const { PORTS } = require('../n8n/config');
const { packPackage, provision } = require('../n8n/provision');
const { prepareHome } = require('../n8n/instance');
const { execute, importWorkflows } = require('../n8n/n8n');
const { startSandboxes } = require('../sandbox/start');
const { rulerItem } = require('./items');

const VERSION = '2.41.1';
const PORTS_FOR_BENCH = { ...PORTS.demo, broker: 5741, eloqua: 5742, ruler: 5743 };

/** The Ruler body of the seed, built from a deal with an n8n expression (what a user would write). */
const BODY_EXPRESSION =
	"={{ JSON.stringify({ OpportunityValue: $json.value, OpportunityDateTime: $json.date.slice(0, 10), PipelineStage: $json.stage, VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: $json.email }], CurrencyCode: $json.currency, Reference: $json.reference }) }}";

function dealsNode(count) {
	const code = `const make = ${rulerItem.toString()};\nreturn Array.from({ length: ${count} }, (_, i) => ({ json: make(i) }));`;
	return {
		id: 'deals',
		name: 'Deals',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: code },
	};
}

function workflow(id, uploadNode, count) {
	return {
		id,
		name: id,
		active: false,
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			dealsNode(count),
			{ id: 'upload', name: 'Upload', position: [400, 0], ...uploadNode },
		],
		connections: {
			Start: { main: [[{ node: 'Deals', type: 'main', index: 0 }]] },
			Deals: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

function rulerNode(options) {
	return {
		type: 'n8n-nodes-eloqua-ruler.rulerOpportunityUpload',
		typeVersion: 1,
		credentials: { rulerApi: { id: 'RulerSandboxLogin', name: 'Ruler sandbox (login)' } },
		onError: 'continueRegularOutput',
		parameters: {
			siteId: '1234',
			opportunityValue: '={{ $json.value }}',
			opportunityDateTime: '={{ $json.date }}',
			pipelineStage: '={{ $json.stage }}',
			currencyCode: '={{ $json.currency }}',
			reference: '={{ $json.reference }}',
			visitorIdentifiers: { identifier: [{ key: 'EmailAddress', value: '={{ $json.email }}' }] },
			options: { maxRetries: 20, ...options },
		},
	};
}

function httpRequestNode(rulerUrl, token, options = {}) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'PUT',
			url: `${rulerUrl}/v1/1234/opportunity/upload`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: BODY_EXPRESSION,
			options,
		},
	};
}

/** What one run did: the upload node's own time, its items by outcome, and what the sandbox holds. */
function outcome(label, count, result, ruler, ratePerSecond) {
	const runData = result.run?.data?.resultData;
	const task = runData?.runData?.Upload?.[0];
	const items = task?.data?.main?.[0] ?? [];
	const failedItems = items.filter(
		(item) => item.json.error || (item.json.status && item.json.status !== 'uploaded'),
	).length;
	const stored = ruler.state.opportunities.size;
	const puts = ruler.requests.filter((r) => r.method === 'PUT');
	return {
		label,
		items: count,
		uploadNodeMs: task?.executionTime ?? null,
		perSecond: task?.executionTime
			? Math.round((count / (task.executionTime / 1000)) * 10) / 10
			: null,
		// Every case could send all items at once, so the ideal is the rate limit.
		ofIdeal:
			task?.executionTime && !runData?.error
				? Math.round((count / (task.executionTime / 1000) / ratePerSecond) * 1000) / 10
				: null,
		workflowError: runData?.error?.message ?? null,
		results: items.length,
		failedItems,
		stored,
		// Lost: a deal that is neither stored nor reported back as failed.
		// No result: an item the node did not report on (when the workflow stopped, none is).
		noResult: count - items.length,
		// Lost: neither stored nor reported failed (an HTTP Request item has no reference to match).
		lost: count - stored - Math.min(failedItems, count - stored),
		requests: puts.length,
		http429: puts.filter((r) => r.status === 429).length,
	};
}

async function compareInN8n(count, { latencyMs = 20, ratePerSecond = 50 } = {}) {
	await provision([VERSION]);
	const tarball = await packPackage();
	const sandboxes = await startSandboxes(PORTS_FOR_BENCH);
	const { ruler } = sandboxes.servers;
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-compare-'));
	const cases = [
		['Ruler Opportunity Upload, default settings (concurrency 4)', () => rulerNode({})],
		[
			`Ruler Opportunity Upload, Max Requests per Second ${ratePerSecond}`,
			() => rulerNode({ requestsPerSecond: ratePerSecond }),
		],
		['HTTP Request, default settings', (token) => httpRequestNode(ruler.url, token)],
		[
			`HTTP Request, Batching ${ratePerSecond} per 1000 ms`,
			(token) =>
				httpRequestNode(ruler.url, token, {
					batching: { batch: { batchSize: ratePerSecond, batchInterval: 1000 } },
				}),
		],
	];
	try {
		const env = await prepareHome({
			version: VERSION,
			home,
			ports: PORTS_FOR_BENCH,
			tarball,
			servers: sandboxes.servers,
		});
		const folder = path.join(home, 'bench-workflows');
		fs.mkdirSync(folder);
		const token = ruler.issueToken();
		cases.forEach(([, node], i) =>
			fs.writeFileSync(
				path.join(folder, `bench-${i}.json`),
				JSON.stringify(workflow(`BenchCompare${i}`, node(token), count)),
			),
		);
		await importWorkflows(VERSION, env, folder);
		const results = [];
		for (const [i, [label]] of cases.entries()) {
			ruler.reset();
			Object.assign(ruler.config, { latencyMs, ratePerSecond });
			ruler.state.tokens.add(token);
			const result = await execute(VERSION, env, `BenchCompare${i}`);
			results.push(outcome(label, count, result, ruler, ratePerSecond));
		}
		return results;
	} finally {
		await sandboxes.close();
		fs.rmSync(home, { recursive: true, force: true });
	}
}

module.exports = { compareInN8n, VERSION };

if (require.main === module) {
	compareInN8n(Number(process.argv[2] || 500)).then(
		(results) => console.log(JSON.stringify(results, null, 2)),
		(error) => {
			console.error(error.stack || error);
			process.exitCode = 1;
		},
	);
}
