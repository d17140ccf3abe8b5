'use strict';
// One case of the Ruler batch benchmark in a fresh process: `single` (Opportunity → Upload, default
// settings but Max Retries 20) or `batch` (Upload in Batch, defaults), through n8n's engine against
// the sandbox with a fixed latency, rate limit and batch processing rate. Prints one JSON line.
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL = 'silent';
require('./ts-register');
const { runRuler, uploadParameters } = require('../harness/ruler.ts');
const { rulerItem } = require('./items');
const { lostItems } = require('./lost');
const { measure, settledRss } = require('./measure');
const { control, rulerSandbox } = require('./sandboxes');

const PARAMETERS = {
	// The rate limit answers 429 often at the default concurrency: enough retries that none gives up.
	single: () => uploadParameters({}, { maxRetries: 20 }),
	batch: () => uploadParameters({ operation: 'uploadBatch' }),
};

async function main() {
	const {
		mode,
		items: count,
		ruler,
		latencyMs,
		ratePerSecond,
		batchRowsPerSecond,
	} = JSON.parse(process.argv[2]);
	await control(ruler, '/__sandbox/reset', 'POST');
	await control(ruler, '/__sandbox/config', 'POST', {
		latencyMs,
		ratePerSecond,
		batchRowsPerSecond,
	});
	const items = Array.from({ length: count }, (_, i) => rulerItem(i));
	const sandbox = rulerSandbox(ruler);
	const measured = await measure(
		() => runRuler(sandbox, PARAMETERS[mode](), items, { onError: 'continueRegularOutput' }),
		settledRss(),
	);
	const statuses = measured.result.main.map(({ json }) =>
		json.error && typeof json.error === 'object' ? json.error.status : json.status,
	);
	const count_ = (status) => statuses.filter((s) => s === status).length;
	const stored = await control(ruler, '/__sandbox/opportunities');
	const requests = (await control(ruler, '/__sandbox/requests')).filter(
		(r) => !r.path.startsWith('/v1/login'),
	);
	const processingMs = mode === 'batch' ? (count / batchRowsPerSecond) * 1000 : undefined;
	const result = {
		mode,
		items: count,
		wallMs: Math.round(measured.wallMs),
		cpuMs: Math.round(measured.cpuMs),
		requests: requests.length,
		http429: requests.filter((r) => r.status === 429).length,
		jobs: requests.filter((r) => r.method === 'POST').length,
		uploaded: count_('uploaded'),
		failed: count_('failed') + count_('invalid'),
		queued: count_('queued'),
		lost: lostItems(items, measured.result.main, stored.opportunities),
		processingMs,
		ofProcessing: processingMs
			? Math.round((measured.wallMs / processingMs) * 100) / 100
			: undefined,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
	if (result.lost || result.uploaded !== count) {
		process.stderr.write(
			`Ruler batch bench (${mode}): ${result.uploaded} of ${count} uploaded, ${result.lost} lost\n`,
		);
		process.exit(1);
	}
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
