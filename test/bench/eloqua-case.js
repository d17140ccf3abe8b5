'use strict';
// One Eloqua benchmark case in a fresh process: the node through n8n's engine ("node", as JSON or
// CSV), the node checking only ("validate"), the floor ("floor": the least a node can do for the
// same import, through the same engine, see floor-node.js), or the raw baseline: the same rows, in
// the same chunks, POSTed with plain Node http and no result items ("baseline"), or the node's
// input side alone: checks, serialising and chunking, outside n8n ("inputSide"). Prints one JSON line.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL = 'silent';
require('./ts-register');
const { chunkJsonArray, chunkRecords } = require('../../nodes/shared/values/chunking.ts');
const { STANDARD_COLUMNS } = require('../../nodes/EloquaOpportunityImport/helpers/columns.ts');
const {
	rowSerialiser,
	uploadFraming,
	UPLOAD_CONTENT_TYPES,
} = require('../../nodes/EloquaOpportunityImport/helpers/serialise.ts');
const { checkItems } = require('../../nodes/EloquaOpportunityImport/helpers/checks.ts');
const { chunkUploads } = require('../../nodes/EloquaOpportunityImport/helpers/uploads.ts');
const { EloquaApi } = require('../../credentials/EloquaApi.credentials.ts');
// Loaded before anything is measured: module loading and compiling are not the node's work.
const { runEloqua, importParameters } = require('../harness/eloqua.ts');
const { runNode } = require('../harness/engine.ts');
const { EloquaFloor, prepare } = require('./floor-node');
const { opportunityItems, jsonBytes } = require('./items');
const { measure, settledRss } = require('./measure');
const { control } = require('./sandboxes');

const MAX_BYTES = 24_000_000;
const MAX_RECORDS = 100_000;
const CREDENTIALS = { siteName: 'TestSite', username: 'api.user', password: 'correct horse' };

async function runNodeCase(items, eloquaUrl, validateOnly, format) {
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
				uploadFormat: format,
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

/** The definition's fields for the bench items: each key mapped to its standard statement. */
function definitionFields(items) {
	const fields = Object.fromEntries(
		Object.keys(items[0]).map((column) => [column, `{{Opportunity.Field(${column})}}`]),
	);
	fields.OpportunityID = '{{Opportunity.Id}}';
	fields.OpportunityName = '{{Opportunity.Field(Name)}}';
	fields.CreatedDate = '{{Opportunity.CreatedAt}}';
	return fields;
}

/** The node's upload bodies for these items, made before the floor's measured run. */
function floorBodies(items, format) {
	const rules = benchRules(items);
	const serialise = rowSerialiser(rules, format);
	const limits = { maxRecords: MAX_RECORDS, maxBytes: MAX_BYTES };
	const bodies = [];
	const chunks = chunkRecords(items, serialise, limits, () => {}, uploadFraming(rules, format));
	// Copied: each chunk's memory is filled again by the next.
	for (const chunk of chunks) bodies.push(Buffer.from(chunk.body));
	return bodies;
}

/** The rules the node reads the bench items with (Map Automatically, the default date format). */
const benchRules = (items) => ({
	columns: STANDARD_COLUMNS.filter((column) => column.name in items[0]),
	zone: 'America/New_York',
	dateHandling: 'eloquaTime',
});

/**
 * The node's input side alone, outside n8n and without HTTP: the same checks, then every row
 * serialised and chunked as the node does. What the floor skips by getting its rows ready-made.
 */
function runInputSide(items, format) {
	const rules = benchRules(items);
	const { valid } = checkItems(
		items.map((_, i) => i),
		(i) => items[i],
		{
			rules,
			identifierColumn: 'OpportunityID',
			key: [{ column: 'OpportunityID', caseSensitive: false }],
			repeatRule: 'an opportunity is sent once per run',
			fields: {},
		},
	);
	const job = {
		rules,
		uploadFormat: format,
		uploadLimits: { maxRecords: MAX_RECORDS, maxBytes: MAX_BYTES },
	};
	let bytes = 0;
	for (const chunk of chunkUploads(job, valid, () => {})) bytes += chunk.bytes;
	if (bytes === 0) throw new Error('input side: nothing serialised');
	return valid.length;
}

/** The floor node through the same engine (see floor-node.js). */
async function runFloor(items, eloquaUrl) {
	const run = await runNode({
		nodeType: new EloquaFloor(),
		parameters: {},
		items,
		credentialTypes: { eloquaApi: new EloquaApi() },
		credentials: { eloquaApi: { ...CREDENTIALS, loginUrl: eloquaUrl } },
	});
	if (run.error || run.main.length !== items.length)
		throw new Error(
			`floor run: ${run.main.length} of ${items.length}; ${run.error?.message ?? ''}`,
		);
	return run.main.length;
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
	const fields = definitionFields(items);
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
	const { mode, items: count, eloqua, format = 'json' } = JSON.parse(process.argv[2]);
	const items = opportunityItems(count);
	const inputJsonBytes = jsonBytes(items);
	if (mode === 'floor')
		prepare({
			bodies: floorBodies(items, format),
			columns: Object.keys(items[0]),
			fields: definitionFields(items),
			contentType: UPLOAD_CONTENT_TYPES[format],
		});
	const before = (await control(eloqua, '/__sandbox/eloqua/summary')).uploads;
	const baselineRss = settledRss();
	const work = {
		baseline: () => runBaseline(items, eloqua),
		floor: () => runFloor(items, eloqua),
		inputSide: async () => runInputSide(items, format),
		node: () => runNodeCase(items, eloqua, false, format),
		validate: () => runNodeCase(items, eloqua, true, format),
	}[mode];
	const measured = await measure(work, baselineRss);
	const after = (await control(eloqua, '/__sandbox/eloqua/summary')).uploads;
	const result = {
		mode,
		format: mode === 'baseline' ? 'json' : format,
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
