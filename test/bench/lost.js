'use strict';

/**
 * Items that are lost, counted one by one: no result of their own, or a result that says uploaded
 * while the sandbox does not hold them. (A failed item that was stored anyway is not lost.)
 */
function lostItems(items, results, stored) {
	const statusOf = new Map();
	for (const { json } of results) {
		const fields = json.error && typeof json.error === 'object' ? json.error : json;
		statusOf.set(fields.reference, fields.status);
	}
	return items.filter(({ siteId, reference }) => {
		const status = statusOf.get(reference);
		return status === undefined || (status === 'uploaded' && !stored[`${siteId}/${reference}`]);
	}).length;
}

module.exports = { lostItems };
