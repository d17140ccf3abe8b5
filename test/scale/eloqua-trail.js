'use strict';
// Reads the Eloqua sandbox's request record as a trail per import definition: who created it (the
// name carries the n8n execution id), what was uploaded to it, its syncs, and when it was deleted.
const BULK = /^\/pod\d+\/api\/bulk\/2\.0/;

const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};

/** Definitions by URI, in the order the sandbox received their creation. */
function definitionTrails(requests) {
	const trails = new Map();
	const syncOwner = new Map();
	requests.forEach((request, index) => {
		const path = request.path.replace(BULK, '');
		const body =
			request.method === 'GET' || request.method === 'DELETE' ? undefined : parse(request.body);
		if (
			request.method === 'POST' &&
			/^\/opportunities(\/contacts)?\/imports$/.test(path) &&
			request.created
		) {
			trails.set(request.created, {
				uri: request.created,
				linkage: path.includes('/contacts/'),
				name: body?.name,
				created: index,
				uploads: [],
				syncs: [],
				lastSyncRead: -1,
				deletes: [],
			});
			return;
		}
		const upload = /^(\/opportunities(?:\/contacts)?\/imports\/\d+)\/data$/.exec(path);
		if (request.method === 'POST' && upload && trails.has(upload[1])) {
			trails
				.get(upload[1])
				.uploads.push(...(Array.isArray(body) ? body.map((row) => row.OpportunityID) : []));
			return;
		}
		if (
			request.method === 'POST' &&
			path === '/syncs' &&
			request.created &&
			trails.has(body?.syncedInstanceUri)
		) {
			trails.get(body.syncedInstanceUri).syncs.push(request.created);
			syncOwner.set(request.created, body.syncedInstanceUri);
			return;
		}
		const syncRead = /^(\/syncs\/\d+)$/.exec(path);
		if (request.method === 'GET' && syncRead && syncOwner.has(syncRead[1])) {
			trails.get(syncOwner.get(syncRead[1])).lastSyncRead = index;
			return;
		}
		if (request.method === 'DELETE' && trails.has(path))
			trails.get(path).deletes.push({ index, status: request.status });
	});
	return [...trails.values()];
}

/** The n8n execution id a definition name ends with ("n8n <workflow> #<id>"). */
const executionOf = (name) => /#(\S+)$/.exec(name ?? '')?.[1];

module.exports = { definitionTrails, executionOf };
