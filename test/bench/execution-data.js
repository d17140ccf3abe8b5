'use strict';
// What one Eloqua import of many items leaves in n8n's saved execution data. n8n keeps every
// node's output items in the execution's run data and saves it with `flatted` (n8n's backend does,
// through @n8n/backend-common), which stores an object or a string met twice once; the same items
// travel as plain JSON wherever they are copied (the editor, sub-workflows, the public API).
//   node --max-old-space-size=8192 test/bench/execution-data.js [--items=1000000]
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_LOG_LEVEL = 'silent';
require('./ts-register');
const { stringify } = require('flatted');
const { createEloquaSandbox } = require('../sandbox/eloqua');
const { runEloqua, importParameters } = require('../harness/eloqua.ts');
const { NODE_NAME } = require('../harness/engine.ts');
const { opportunityItems } = require('./items');

const arg = process.argv.find((a) => a.startsWith('--items='));
const COUNT = arg ? Number(arg.slice('--items='.length)) : 1_000_000;
const MB = (bytes) => (bytes / 1e6).toFixed(1);

/** Bytes of each item as JSON, summed: never one string for all (it would pass V8's limit). */
function jsonBytesOf(items) {
	let bytes = 0;
	for (const item of items) bytes += Buffer.byteLength(JSON.stringify(item));
	return bytes;
}

/** The run data as n8n saves it, or why it cannot be written as one string. */
function flattedBytes(data) {
	try {
		return Buffer.byteLength(stringify(data));
	} catch (error) {
		return `not saved: ${error.message}`;
	}
}

async function main() {
	const sandbox = await createEloquaSandbox({
		countRowsOnly: true,
		recordBodies: false,
		pendingPolls: 0,
		activePolls: 0,
	}).start();
	try {
		const items = opportunityItems(COUNT);
		const {
			run,
			main: output,
			error,
		} = await runEloqua(sandbox, importParameters({}, { pollIntervalSeconds: 0.05 }), items);
		if (error) throw new Error(error.message);
		const summaries = new Set(output.map((item) => item.json.sync));
		const summaryBytes = Buffer.byteLength(JSON.stringify(output[0].json.sync));
		const nodeJson = jsonBytesOf(output);
		const inputJson = jsonBytesOf(run.data.resultData.runData.Items[0].data.main[0]);
		const nodeRunData = run.data.resultData.runData[NODE_NAME];
		const figures = {
			items: COUNT,
			outputItems: output.length,
			// The sync's log is behind the option Include Sync Log (off here): no item carries it.
			itemsWithSyncLog: output.filter((item) => item.json.sync?.log || item.json.syncLog).length,
			// One summary per sync, shared by its items in memory: repeated only when written as JSON.
			distinctSyncSummaries: summaries.size,
			syncSummaryBytesPerItem: summaryBytes,
			nodeOutputJsonMb: MB(nodeJson),
			nodeOutputJsonBytesPerItem: Math.round(nodeJson / output.length),
			syncSummaryShareOfOutput: `${((100 * summaryBytes * output.length) / nodeJson).toFixed(0)}%`,
			inputJsonMb: MB(inputJson),
			savedNodeRunDataMb: ((b) => (typeof b === 'number' ? MB(b) : b))(flattedBytes(nodeRunData)),
			savedExecutionDataMb: ((b) => (typeof b === 'number' ? MB(b) : b))(flattedBytes(run.data)),
		};
		console.log(`Saved execution data of one Eloqua import of ${COUNT} items:`);
		for (const [name, value] of Object.entries(figures)) console.log(`  ${name}: ${value}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error.stack);
	process.exit(1);
});
