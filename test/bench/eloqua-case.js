'use strict';
// One Eloqua benchmark case in a fresh process: the node through n8n's engine ("node"), the node
// checking only ("validate"), or the raw baseline: the same rows, in the same chunks, POSTed with
// plain Node http ("baseline"). Prints one JSON line.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL = 'silent';
require('./ts-register');
const { chunkJsonArray } = require('../../nodes/shared/values/chunking.ts');
// Loaded before anything is measured: module loading and compiling are not the node's work.
const { runEloqua, importParameters } = require('../harness/eloqua.ts');
const { opportunityItems, jsonBytes } = require('./items');
const { measure, settledRss } = require('./measure');
const { control } = require('./sandboxes');

const MAX_BYTES = 24_000_000;
const MAX_RECORDS = 100_000;
const CREDENTIALS = { siteName: 'TestSite', username: 'api.user', password: 'correct horse' };

async function runNodeCase(items, eloquaUrl, validateOnly) {
	const sandbox = {
		credentials: () => ({ ...CREDENTIALS, loginUrl: eloquaUrl }),
		oauthCredentials: () => ({}),
	};
	const run = await runEloqua(
		sandbox,
		importParameters(
			{},
			{
				pollIntervalSeconds: 0.05,
				validateOnly,
				...(process.env.BENCH_MB ? { maxUploadMegabytes: Number(process.env.BENCH_MB) } : {}),
			},
		),
		items,
	);
	const expected = validateOnly ? 'valid' : 'imported';
	const good = run.main.filter((item) => item.json.status === expected).length;
	if (run.error || good !== items.length)
		throw new Error(
			`node run: ${good} of ${items.length} ${expected}; ${run.error?.message ?? ''}`,
		);
	return good;
}

/** The raw way: no checks, no engine; the same calls and chunks over a keep-alive agent. */
async function runBaseline(items, eloquaUrl) {
	const agent = new http.Agent({ keepAlive: true });
	const authorization =
		'Basic ' +
		Buffer.from(
			`${CREDENTIALS.siteName}\\${CREDENTIALS.username}:${CREDENTIALS.password}`,
		).toString('base64');
	const call = (method, url, body) =>
		new Promise((resolve, reject) => {
			const request = http.request(
				url,
				{ method, agent, headers: { authorization, 'content-type': 'application/json' } },
				(response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => {
						const text = Buffer.concat(chunks).toString();
						resolve(text ? JSON.parse(text) : undefined);
					});
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const base = `${(await call('GET', `${eloquaUrl}/id`)).urls.base}/api/bulk/2.0`;
	const fields = Object.fromEntries(
		Object.keys(items[0]).map((column) => [column, `{{Opportunity.Field(${column})}}`]),
	);
	fields.OpportunityID = '{{Opportunity.Id}}';
	fields.OpportunityName = '{{Opportunity.Field(Name)}}';
	fields.CreatedDate = '{{Opportunity.CreatedAt}}';
	const definition = await call(
		'POST',
		`${base}/opportunities/imports`,
		JSON.stringify({
			name: 'baseline',
			fields,
			identifierFieldName: 'OpportunityID',
			isSyncTriggeredOnImport: false,
		}),
	);
	for (const chunk of chunkJsonArray(
		items,
		(item) => JSON.stringify(item),
		{ maxRecords: MAX_RECORDS, maxBytes: MAX_BYTES },
		() => {},
	)) {
		await call('POST', `${base}${definition.uri}/data`, chunk.body);
	}
	const sync = await call(
		'POST',
		`${base}/syncs`,
		JSON.stringify({ syncedInstanceUri: definition.uri }),
	);
	while (
		!['success', 'warning', 'error'].includes((await call('GET', `${base}${sync.uri}`)).status)
	) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	await call('GET', `${base}${sync.uri}/logs?limit=1000&offset=0`);
	await call('DELETE', `${base}${definition.uri}`);
	agent.destroy();
	return items.length;
}

async function main() {
	const { mode, items: count, eloqua } = JSON.parse(process.argv[2]);
	const items = opportunityItems(count);
	const inputJsonBytes = jsonBytes(items);
	const before = (await control(eloqua, '/__sandbox/eloqua/summary')).uploads;
	const baselineRss = settledRss();
	const work =
		mode === 'baseline'
			? () => runBaseline(items, eloqua)
			: () => runNodeCase(items, eloqua, mode === 'validate');
	const measured = await measure(work, baselineRss);
	const after = (await control(eloqua, '/__sandbox/eloqua/summary')).uploads;
	const result = {
		mode,
		items: count,
		inputJsonMb: inputJsonBytes / 1e6,
		wallMs: Math.round(measured.wallMs),
		cpuMs: Math.round(measured.cpuMs),
		peakRssAboveInputMb: Math.round(measured.peakRssAboveInputMb),
		peakHeapAboveInputMb: Math.round(measured.peakHeapAboveInputMb),
		uploads: after.count - before.count,
		uploadedMb: (after.bytes - before.bytes) / 1e6,
		uploadedRows: after.rows - before.rows,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
