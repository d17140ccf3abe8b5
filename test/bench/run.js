'use strict';
// `npm run bench`: the benchmarks side by side in one run, each case in a fresh process, the sandbox
// APIs in a process of their own. Prints tables and writes the figures as JSON.
//   npm run bench                full run (about 25 minutes)
//   npm run bench -- --smoke     a few seconds: keeps the bench code working (CI runs this)
//   npm run bench -- --only=eloqua | --only=ruler | --only=ruler-batch | --only=n8n
//   npm run bench -- --only=ruler-batch --single-items=5000   Upload measured on fewer items
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { compareInN8n, VERSION: N8N_VERSION } = require('./n8n-compare');
const { startSandboxes } = require('./sandboxes');

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = (args.find((a) => a.startsWith('--only=')) || '').slice('--only='.length);
if (only && !['eloqua', 'ruler', 'ruler-batch', 'n8n'].includes(only)) {
	console.error(`Unknown --only=${only}: use eloqua, ruler, ruler-batch or n8n`);
	process.exit(1);
}
const RESULTS = path.join(__dirname, '..', '.artifacts', 'bench');

const RULER_LATENCY_MS = 20;
const RULER_RATE_PER_SECOND = 50;
/** Batch rows the sandbox processes per second (API-CONTRACT "Batch jobs": processed in the background). */
const RULER_BATCH_ROWS_PER_SECOND = 5000;
const singleItems = Number((args.find((a) => a.startsWith('--single-items=')) || '').split('=')[1]);
const SIZES = smoke
	? {
			eloquaSizes: [2000],
			eloquaValidate: 2000,
			rulerItems: 60,
			rulerBatchItems: 500,
			concurrency: [4],
			n8nItems: 60,
		}
	: {
			eloquaSizes: [10_000, 100_000, 1_000_000],
			eloquaValidate: 100_000,
			rulerItems: 5000,
			rulerBatchItems: 100_000,
			concurrency: [1, 2, 4, 8, 16],
			n8nItems: 5000,
		};

function runCase(script, settings) {
	const output = execFileSync(
		process.execPath,
		['--expose-gc', path.join(__dirname, script), JSON.stringify(settings)],
		{
			encoding: 'utf8',
			maxBuffer: 16 * 1024 * 1024,
		},
	);
	return JSON.parse(output.trim().split('\n').pop());
}

function table(title, rows, columns) {
	console.log(`\n${title}`);
	const widths = columns.map(([label, key]) =>
		Math.max(label.length, ...rows.map((r) => String(r[key] ?? '').length)),
	);
	// Text reads better left-aligned, numbers right-aligned.
	const isText = (value) => typeof value === 'string' && Number.isNaN(Number(value));
	const textColumn = columns.map(([, key]) => rows.some((r) => isText(r[key])));
	const cell = (value, i) =>
		textColumn[i] ? String(value ?? '').padEnd(widths[i]) : String(value ?? '').padStart(widths[i]);
	console.log(columns.map(([label], i) => cell(label, i)).join('  '));
	for (const row of rows) console.log(columns.map(([, key], i) => cell(row[key], i)).join('  '));
}

/** The default upload limits (Options → Max Upload Size, Records per Upload). */
const ELOQUA_UPLOAD_BYTES = 24e6;
const ELOQUA_UPLOAD_RECORDS = 100_000;

const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '-');

/** Uploads a million rows take at this many bytes per row, within both default limits. */
const uploadsPerMillion = (bytesPerRow) =>
	Math.max(
		Math.ceil((1e6 * bytesPerRow) / ELOQUA_UPLOAD_BYTES),
		Math.ceil(1e6 / ELOQUA_UPLOAD_RECORDS),
	);

function eloquaBench(urls) {
	const eloqua = (settings) => runCase('eloqua-case.js', { eloqua: urls.eloqua, ...settings });
	const runs = SIZES.eloquaSizes.map((items) => ({
		items,
		baseline: eloqua({ mode: 'baseline', items }),
		floor: eloqua({ mode: 'floor', items }),
		inputSide: eloqua({ mode: 'inputSide', items }),
		node: eloqua({ mode: 'node', items }),
		floorCsv: eloqua({ mode: 'floor', items, format: 'csv' }),
		nodeCsv: eloqua({ mode: 'node', items, format: 'csv' }),
	}));
	const validate = eloqua({ mode: 'validate', items: SIZES.eloquaValidate });
	table(
		"Eloqua import (JSON): the node vs the floor (a minimal node in the same engine) vs a raw baseline (plain http, no result items); the node's input side alone (checks, serialising, chunking). ms; MB of peak RSS above the input's",
		runs.map(({ items, baseline, floor, inputSide, node }) => ({
			items,
			inputMb: node.inputJsonMb.toFixed(1),
			baseWall: baseline.wallMs,
			baseCpu: baseline.cpuMs,
			baseMem: baseline.peakRssAboveInputMb,
			floorWall: floor.wallMs,
			floorCpu: floor.cpuMs,
			floorMem: floor.peakRssAboveInputMb,
			nodeWall: node.wallMs,
			nodeCpu: node.cpuMs,
			nodeMem: node.peakRssAboveInputMb,
			inputCpu: inputSide.cpuMs,
			cpuOfFloor: ratio(node.cpuMs, floor.cpuMs),
			floorPlusInput: ratio(floor.cpuMs + inputSide.cpuMs, floor.cpuMs),
			memOfFloor: ratio(node.peakRssAboveInputMb, floor.peakRssAboveInputMb),
			cpuOfBase: ratio(node.cpuMs, baseline.cpuMs),
		})),
		[
			['items', 'items'],
			['input MB', 'inputMb'],
			['base wall', 'baseWall'],
			['base CPU', 'baseCpu'],
			['base MB', 'baseMem'],
			['floor wall', 'floorWall'],
			['floor CPU', 'floorCpu'],
			['floor MB', 'floorMem'],
			['node wall', 'nodeWall'],
			['node CPU', 'nodeCpu'],
			['node MB', 'nodeMem'],
			['input side CPU', 'inputCpu'],
			['CPU ÷ floor', 'cpuOfFloor'],
			['(floor + input side) ÷ floor', 'floorPlusInput'],
			['MB ÷ floor', 'memOfFloor'],
			['CPU ÷ base', 'cpuOfBase'],
		],
	);
	const formats = runs.flatMap(({ items, floor, node, floorCsv, nodeCsv }) =>
		[
			[node, floor],
			[nodeCsv, floorCsv],
		].map(([run, floorRun]) => {
			const bytesPerRow = (run.uploadedMb * 1e6) / run.uploadedRows;
			return {
				items,
				format: run.format.toUpperCase(),
				wallMs: run.wallMs,
				cpuMs: run.cpuMs,
				cpuOfFloor: ratio(run.cpuMs, floorRun.cpuMs),
				peakRssMb: run.peakRssAboveInputMb,
				memOfFloor: ratio(run.peakRssAboveInputMb, floorRun.peakRssAboveInputMb),
				uploads: run.uploads,
				bytesPerRow: bytesPerRow.toFixed(1),
				perMillion: uploadsPerMillion(bytesPerRow),
				perMillionBytesOnly: Math.ceil((1e6 * bytesPerRow) / ELOQUA_UPLOAD_BYTES),
			};
		}),
	);
	table(
		'Eloqua import: JSON vs CSV uploads (the node; the floor in the same format; default limits 24 MB and 100,000 rows per upload)',
		formats,
		[
			['items', 'items'],
			['format', 'format'],
			['wall ms', 'wallMs'],
			['CPU ms', 'cpuMs'],
			['CPU ÷ floor', 'cpuOfFloor'],
			['peak RSS above input MB', 'peakRssMb'],
			['MB ÷ floor', 'memOfFloor'],
			['uploads', 'uploads'],
			['bytes sent per row', 'bytesPerRow'],
			['uploads per 1M rows', 'perMillion'],
			['… by bytes alone', 'perMillionBytesOnly'],
		],
	);
	console.log(
		`Checks alone (Validate Only, ${validate.items} items): ${validate.wallMs} ms wall, ${validate.cpuMs} ms CPU, ${validate.peakRssAboveInputMb} MB peak RSS above the input.`,
	);
	return { runs, validate };
}

function rulerBench(urls) {
	// Each concurrency with no pacing, then the default concurrency paced to the rate limit.
	const settings = [
		...SIZES.concurrency.map((concurrency) => ({ concurrency })),
		{ concurrency: 4, requestsPerSecond: RULER_RATE_PER_SECOND },
	];
	const runs = settings.map((setting) =>
		runCase('ruler-case.js', {
			items: SIZES.rulerItems,
			...setting,
			ruler: urls.ruler,
			latencyMs: RULER_LATENCY_MS,
			ratePerSecond: RULER_RATE_PER_SECOND,
		}),
	);
	table(
		`Ruler upload: ${SIZES.rulerItems} items, sandbox latency ${RULER_LATENCY_MS} ms, rate limit ${RULER_RATE_PER_SECOND}/s (429 + Retry-After beyond)`,
		runs,
		[
			['concurrency', 'concurrency'],
			['max req/s', 'requestsPerSecond'],
			['wall ms', 'wallMs'],
			['items/s', 'perSecond'],
			['ideal/s', 'idealPerSecond'],
			['% of ideal', 'ofIdeal'],
			['requests', 'requests'],
			['429s', 'http429'],
			['uploaded', 'uploaded'],
			['lost', 'lost'],
			['writes', 'writes'],
		],
	);
	return runs;
}

function rulerBatchBench(urls) {
	const settings = {
		ruler: urls.ruler,
		latencyMs: RULER_LATENCY_MS,
		ratePerSecond: RULER_RATE_PER_SECOND,
		batchRowsPerSecond: RULER_BATCH_ROWS_PER_SECOND,
	};
	const runs = [
		runCase('ruler-batch-case.js', {
			...settings,
			mode: 'single',
			items: singleItems || SIZES.rulerBatchItems,
		}),
		runCase('ruler-batch-case.js', { ...settings, mode: 'batch', items: SIZES.rulerBatchItems }),
	];
	const [single, batch] = runs;
	const perItem = (run) => run.wallMs / run.items;
	table(
		`Ruler: Upload vs Upload in Batch, sandbox latency ${RULER_LATENCY_MS} ms, rate limit ${RULER_RATE_PER_SECOND}/s, batch rows processed ${RULER_BATCH_ROWS_PER_SECOND}/s`,
		runs,
		[
			['operation', 'mode'],
			['items', 'items'],
			['wall ms', 'wallMs'],
			['CPU ms', 'cpuMs'],
			['requests', 'requests'],
			['429s', 'http429'],
			['jobs', 'jobs'],
			['uploaded', 'uploaded'],
			['failed', 'failed'],
			['queued', 'queued'],
			['lost', 'lost'],
			['sandbox processing ms', 'processingMs'],
			['÷ processing', 'ofProcessing'],
		],
	);
	console.log(
		`Upload in Batch is ${(perItem(single) / perItem(batch)).toFixed(1)}× faster per item than Upload${single.items === batch.items ? '' : ` (Upload measured on ${single.items} items)`}.`,
	);
	return runs;
}

async function n8nBench() {
	const runs = await compareInN8n(SIZES.n8nItems, {
		latencyMs: RULER_LATENCY_MS,
		ratePerSecond: RULER_RATE_PER_SECOND,
	});
	table(
		`Ruler upload in a real n8n ${N8N_VERSION}: ${SIZES.n8nItems} items, same sandbox settings, this node vs n8n's HTTP Request node`,
		runs,
		[
			['upload node', 'label'],
			['node ms', 'uploadNodeMs'],
			['items/s', 'perSecond'],
			['% of ideal', 'ofIdeal'],
			['requests', 'requests'],
			['429s', 'http429'],
			['stored', 'stored'],
			['failed items', 'failedItems'],
			['no result', 'noResult'],
			['lost', 'lost'],
			['workflow error', 'workflowError'],
		],
	);
	return runs;
}

async function main() {
	const urls = await startSandboxes({
		latencyMs: RULER_LATENCY_MS,
		ratePerSecond: RULER_RATE_PER_SECOND,
	});
	const results = { at: new Date().toISOString(), node: process.version, smoke };
	try {
		if (!only || only === 'eloqua') results.eloqua = eloquaBench(urls);
		if (!only || only === 'ruler') results.ruler = rulerBench(urls);
		if (!only || only === 'ruler-batch') results.rulerBatch = rulerBatchBench(urls);
	} finally {
		urls.stop();
	}
	// A real n8n takes a minute to prepare: the smoke size leaves it out.
	if ((!only && !smoke) || only === 'n8n') results.n8n = await n8nBench();
	fs.mkdirSync(RESULTS, { recursive: true });
	// A partial run keeps its own file, so the full run's figures stay as they were.
	const name = `${smoke ? 'smoke' : 'latest'}${only ? `-${only}` : ''}${singleItems ? `-single${singleItems}` : ''}.json`;
	const file = path.join(RESULTS, name);
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`\nFigures written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
