'use strict';
// Deterministic benchmark items shaped like CRM deals, about 300 bytes of JSON each.
const STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Closed Won', 'Closed Lost'];

function opportunityItem(i) {
	return {
		OpportunityID: `OPP-${String(i).padStart(9, '0')}`,
		OpportunityName: `Renewal ${i} Acme`,
		AccountName: `Acme ${i % 5000}`,
		CreatedDate: '2024-05-01 09:30',
		Amount: String(1000 + (i % 90000)),
		CloseDate: '2024-06-30',
		Currency: 'USD',
		ForecastToCloseDate: '2024-06-15',
		Stage: STAGES[i % STAGES.length],
		Territory: 'West',
		Owner: `owner${i % 50}`,
		PrimaryCampaignId: `CMP-${i % 300}`,
	};
}

/** A deal in the shape the Ruler test harness maps (`uploadParameters`). */
function rulerItem(i) {
	return {
		siteId: '1234',
		value: 1000 + (i % 9000),
		date: '2024-05-01T10:00:00Z',
		stage: 'Closed Won',
		currency: 'GBP',
		reference: `DEAL-${String(i).padStart(7, '0')}`,
		email: `buyer${i}@example.com`,
		cookie: '',
	};
}

function opportunityItems(count) {
	return Array.from({ length: count }, (_, i) => opportunityItem(i));
}

function jsonBytes(items) {
	let bytes = 0;
	for (const item of items) bytes += Buffer.byteLength(JSON.stringify(item));
	return bytes;
}

module.exports = { opportunityItem, opportunityItems, rulerItem, jsonBytes };
