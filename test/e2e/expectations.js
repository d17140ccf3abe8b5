// What each example workflow must do in a real n8n against the sandboxes: per item of this
// package's nodes, [node, output, input item, status, id]. A new example adds its entry here.

const { filePart, parseCsv } = require('../sandbox/ruler-batch');

/**
 * Marks an item the node reports as failed: with "On Error: Continue (using error output)" both n8n
 * versions move it to the error output (its json is `{error: {...}}`, the one shape 1.x and 2.x both route).
 */
const FAILED = 'error';
const EXAMPLES = {
	EloquaImportDeals: {
		items: [
			['Import into Eloqua', 'main', 0, 'imported', 'CRM-1001'],
			['Import into Eloqua', 'main', 1, 'imported', 'CRM-1002'],
			['Import into Eloqua', 'main', 2, 'imported', 'CRM-1003'],
			['Import into Eloqua', FAILED, 3, 'rejected', 'CRM-1004'],
			['Import into Eloqua', FAILED, 4, 'invalid', 'CRM-1005'],
		],
		errors: { 'CRM-1004': /stage/i, 'CRM-1005': /Amount/ },
		// Per node, the input field a failed item carries on the error output (merged in by the engine).
		inputKey: { 'Import into Eloqua': 'dealId' },
		sent: { eloqua: ['CRM-1001', 'CRM-1002', 'CRM-1003', 'CRM-1004'] },
	},
	EloquaHourlySync: {
		items: [
			['Import into Eloqua', 'main', 0, 'imported', 'CRM-2001'],
			['Import into Eloqua', 'main', 1, 'imported', 'CRM-2002'],
			['Import into Eloqua', FAILED, 2, 'invalid', 'CRM-2003'],
		],
		errors: { 'CRM-2003': /CloseDate/ },
		inputKey: { 'Import into Eloqua': 'OpportunityID' },
		sent: { eloqua: ['CRM-2001', 'CRM-2002'] },
	},
	EloquaRulerPipeline: {
		items: [
			['Import into Eloqua and link contacts', 'main', 0, 'imported', 'CRM-1001'],
			['Import into Eloqua and link contacts', 'main', 1, 'imported', 'CRM-1002'],
			['Import into Eloqua and link contacts', 'main', 2, 'imported', 'CRM-1003'],
			['Import into Eloqua and link contacts', FAILED, 3, 'rejected', 'CRM-1004'],
			['Import into Eloqua and link contacts', FAILED, 4, 'invalid', 'CRM-1005'],
			// Ruler's items are the deals Eloqua imported; "Qualification" is no Ruler pipeline stage.
			['Upload to Ruler', 'main', 0, 'uploaded', 'CRM-1001'],
			['Upload to Ruler', 'main', 2, 'uploaded', 'CRM-1003'],
			['Upload to Ruler', FAILED, 1, 'rejected', 'CRM-1002'],
		],
		errors: {
			'CRM-1004': /stage/i,
			'CRM-1005': /Amount/,
			// What Ruler refused and why, in the message a report maps.
			'CRM-1002': /invalid \(HTTP 400\): PipelineStage: "Qualification" is not a pipeline stage/,
		},
		// n8n 1.x keeps only the status of a refused request, not the body with Ruler's reason.
		errorsOn: { '1.123.81': { 'CRM-1002': /invalid \(HTTP 400\)$/ } },
		// Each imported opportunity is linked to its contact right after the import.
		links: { 'CRM-1001': 'linked', 'CRM-1002': 'linked', 'CRM-1003': 'linked' },
		inputKey: {
			'Import into Eloqua and link contacts': 'dealId',
			'Upload to Ruler': 'opportunityId',
		},
		sent: {
			eloqua: ['CRM-1001', 'CRM-1002', 'CRM-1003', 'CRM-1004'],
			ruler: ['CRM-1001', 'CRM-1002', 'CRM-1003'],
		},
	},
	EloquaSyncCallback: {
		// The Wait node resumes on the sandbox's callback, which only the running server can take.
		resumes: true,
		// Not failures: staged deals are the point of the first node, the sync ends in warning.
		done: ['staged', 'warning', null],
		items: [
			['Start the import in Eloqua', 'main', 0, 'staged', 'CRM-3001'],
			['Start the import in Eloqua', 'main', 1, 'staged', 'CRM-3002'],
			['Start the import in Eloqua', 'main', 2, 'staged', 'CRM-3003'],
			["Read the sync's status", 'main', 0, 'warning', null],
			// One reject row: CRM-3002, whose stage Eloqua does not know.
			['Read the rejected rows', 'main', 0, null, null],
		],
		errors: {},
		inputKey: {},
		sent: { eloqua: ['CRM-3001', 'CRM-3002', 'CRM-3003'] },
	},
	RulerNightlyBatch: {
		items: [
			['Upload to Ruler in batch', 'main', 0, 'uploaded', 'CRM-3001'],
			['Upload to Ruler in batch', 'main', 1, 'uploaded', 'CRM-3002'],
			['Upload to Ruler in batch', 'main', 3, 'uploaded', 'CRM-3004'],
			// "Qualification" is no Ruler pipeline stage: the job lists the row among its failures (rejected).
			['Upload to Ruler in batch', FAILED, 2, 'rejected', 'CRM-3003'],
			['Upload to Ruler in batch', FAILED, 4, 'invalid', 'CRM-3005'],
		],
		errors: {
			'CRM-3003': /batch job job-\d+: "Qualification" is not a pipeline stage/,
			'CRM-3005': /Opportunity Value/,
		},
		inputKey: { 'Upload to Ruler in batch': 'dealId' },
		sent: { ruler: ['CRM-3001', 'CRM-3002', 'CRM-3003', 'CRM-3004'] },
	},
};

/** The References in the CSV file of one Ruler batch upload. */
function batchReferences(request) {
	const [header = [], ...rows] = parseCsv(filePart(request.headers['content-type'], request.body));
	return rows.map((cells) => cells[header.indexOf('Reference')]);
}

/** The ids each sandbox received, from the requests it recorded, sorted (Ruler's uploads run concurrently). */
const SENT = {
	eloqua: (requests) =>
		requests
			.filter((r) => r.method === 'POST' && /\/opportunities\/imports\/\d+\/data$/.test(r.path))
			.flatMap((r) => JSON.parse(r.body))
			.map((row) => row.OpportunityID)
			.sort(),
	ruler: (requests) =>
		[
			...requests
				.filter((r) => r.method === 'PUT' && /\/opportunity\/upload$/.test(r.path))
				.map((r) => JSON.parse(r.body).Reference),
			...requests
				.filter((r) => r.method === 'POST' && /\/opportunity\/batch$/.test(r.path))
				.flatMap(batchReferences),
		].sort(),
};

/**
 * Tests known to fail on one n8n version because of a bug in the nodes, reported to their owner.
 * They run as `it.failing`: once the bug is fixed they fail, and the entry here must go.
 */
const KNOWN_FAILURES = {};

/** `it`, or `it.failing` for a test listed as a known failure of this example on this version. */
function itFor(version, workflowId) {
	const known = KNOWN_FAILURES[version]?.[workflowId];
	return (name, fn) =>
		(known?.tests.some((part) => name.includes(part)) ? it.failing : it)(name, fn);
}

/** What one example must do on one n8n version: items, errors by node and id, ids sent. */
function expectedFor(example, version) {
	return {
		items: example.items,
		errors: (_node, id) => example.errorsOn?.[version]?.[id] ?? example.errors[id],
		sent: example.sent,
		inputKey: example.inputKey,
		links: example.links,
		resumes: example.resumes === true,
		done: example.done ?? ['imported', 'uploaded'],
	};
}

module.exports = { EXAMPLES, SENT, expectedFor, itFor };
