// What each example workflow must do in a real n8n against the sandboxes: per item of this
// package's nodes, [output, input item, status, id]. A new example adds its entry here.
const EXAMPLES = {
	EloquaImportDeals: {
		items: [
			['Import into Eloqua', 'main', 0, 'imported', 'CRM-1001'],
			['Import into Eloqua', 'main', 1, 'imported', 'CRM-1002'],
			['Import into Eloqua', 'main', 2, 'imported', 'CRM-1003'],
			['Import into Eloqua', 'error', 3, 'rejected', 'CRM-1004'],
			['Import into Eloqua', 'error', 4, 'invalid', 'CRM-1005'],
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
			['Import into Eloqua', 'error', 2, 'invalid', 'CRM-2003'],
		],
		errors: { 'CRM-2003': /CloseDate/ },
		inputKey: 'OpportunityID',
		uploaded: ['CRM-2001', 'CRM-2002'],
	},
};

module.exports = { EXAMPLES };
