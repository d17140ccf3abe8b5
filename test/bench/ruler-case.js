'use strict';
// One Ruler benchmark case in a fresh process: the node through n8n's engine against the sandbox
// set to a fixed latency and rate limit. Prints one JSON line.
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL = 'silent';
require('./ts-register');
const { runRuler, uploadParameters } = require('../harness/ruler.ts');
const { rulerItem } = require('./items');
const { measure, settledRss } = require('./measure');
const { lostItems } = require('./lost');
const { control, rulerSandbox } = require('./sandboxes');

async function main() {
	const {
		items: count,
		concurrency,
		ruler,
		latencyMs,
		ratePerSecond,
		requestsPerSecond = 0,
	} = JSON.parse(process.argv[2]);
	await control(ruler, '/__sandbox/reset', 'POST');
	await control(ruler, '/__sandbox/config', 'POST', { latencyMs, ratePerSecond });
	const items = Array.from({ length: count }, (_, i) => rulerItem(i));
	const sandbox = rulerSandbox(ruler);
	const measured = await measure(
		() =>
			runRuler(
				sandbox,
				uploadParameters({}, { concurrency, maxRetries: 20, requestsPerSecond }),
				items,
				{ onError: 'continueRegularOutput' },
			),
		settledRss(),
	);
	const run = measured.result;
	const uploaded = run.main.filter((item) => item.json.status === 'uploaded').length;
	const stored = await control(ruler, '/__sandbox/opportunities');
	const requests = await control(ruler, '/__sandbox/requests');
	const puts = requests.filter((r) => r.method === 'PUT');
	const idealPerSecond = Math.min(concurrency / (latencyMs / 1000), ratePerSecond);
	const perSecond = count / (measured.wallMs / 1000);
	const result = {
		items: count,
		concurrency,
		requestsPerSecond,
		wallMs: Math.round(measured.wallMs),
		cpuMs: Math.round(measured.cpuMs),
		perSecond: Math.round(perSecond * 10) / 10,
		idealPerSecond,
		ofIdeal: Math.round((perSecond / idealPerSecond) * 1000) / 10,
		requests: puts.length,
		http429: puts.filter((r) => r.status === 429).length,
		uploaded,
		lost: lostItems(items, run.main, stored.opportunities),
		writes: stored.writes,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
	// Every item must be uploaded here: the sandbox refuses nothing but the rate, which is retried.
	if (result.lost || uploaded !== count) {
		process.stderr.write(`Ruler bench: ${uploaded} of ${count} uploaded, ${result.lost} lost\n`);
		process.exit(1);
	}
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
