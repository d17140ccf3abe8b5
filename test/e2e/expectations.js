// What each example workflow must do in a real n8n against the sandboxes: per item of this
// package's nodes, [node, output, input item, status, id]. A new example adds its entry here.

/** Marks an item the node reports as failed; where it lands depends on the engine (see below). */
const FAILED = 'failed';

/**
 * With "On Error: Continue (using error output)", n8n 2.x moves an item whose json has only the keys
 * error, message and details to the error output. n8n 1.x moves it only when the json is exactly
 * {error} or {error, message}: the nodes' failed items, which carry details, stay on the main output.
 */
const FAILED_OUTPUT = { '2.41.1': 'error', '1.123.81': 'main' };
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
		// The input field each failed item must still carry on the error output (merged by the engine).
		inputKey: 'dealId',
		uploaded: ['CRM-1001', 'CRM-1002', 'CRM-1003', 'CRM-1004'],
	},
	EloquaHourlySync: {
		items: [
			['Import into Eloqua', 'main', 0, 'imported', 'CRM-2001'],
			['Import into Eloqua', 'main', 1, 'imported', 'CRM-2002'],
			['Import into Eloqua', FAILED, 2, 'invalid', 'CRM-2003'],
		],
		errors: { 'CRM-2003': /CloseDate/ },
		inputKey: 'OpportunityID',
		uploaded: ['CRM-2001', 'CRM-2002'],
	},
};

/** The expected rows for one n8n version. */
function expectedItems(example, version) {
	return example.items.map(([node, output, ...rest]) => [node, output === FAILED ? FAILED_OUTPUT[version] : output, ...rest]);
}

module.exports = { EXAMPLES, expectedItems };
