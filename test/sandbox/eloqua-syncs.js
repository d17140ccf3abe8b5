'use strict';
// Eloqua syncs in the sandbox: what a sync takes from the staging area, how it moves
// pending → active → success | warning | error, and the logs and rejects it leaves. Each
// behaviour names the line of API-CONTRACT.md it models.
const { checkRow, storeRow, keyOf, CODES, ID_STATEMENT } = require('./eloqua-rows');

const TERMINAL = new Set(['success', 'warning', 'error']);

/** Neutral codes for counts Oracle's table has no opportunity code for. */
const COUNT_CODES = {
	created: ['SBX-CREATED', 'Opportunities created.'],
	updated: ['SBX-UPDATED', 'Opportunities updated.'],
	linked: ['SBX-LINKED', 'Opportunities linked.'],
};

/**
 * @param {{state: object, config: object, kinds: Map<string, string>, stamp: () => string}} context
 */
function createSyncs({ state, config, kinds, stamp }) {
	const isLinkage = (definition) => definition.uri.startsWith('/opportunities/contacts/');

	function running(definition) {
		return [...state.syncs.values()].filter(
			(sync) => sync.definition === definition && !TERMINAL.has(sync.status),
		);
	}

	/** 1-based indexes of the staged rows: across all uploads, or restarting with each upload. */
	function recordIndexes(definition) {
		const rows = definition.staged;
		const sizes = definition.stagedUploads;
		const total = sizes.reduce((sum, n) => sum + n, 0);
		if (config.recordIndex !== 'perUpload' || rows === null || total !== rows.length)
			return rows === null ? [] : rows.map((_, i) => i + 1);
		return sizes.flatMap((n) => Array.from({ length: n }, (_, i) => i + 1));
	}

	/** Takes every row staged on the definition; the staging area is empty afterwards. */
	function start(definition, callbackUrl) {
		const id = state.nextId++;
		const sync = {
			uri: `/syncs/${id}`,
			id,
			status: 'pending',
			syncedInstanceUri: definition.uri,
			callbackUrl,
			createdAt: stamp(),
			createdBy: config.username,
			rows: definition.staged,
			indexes: recordIndexes(definition),
			rowCount: definition.stagedRowCount,
			definition,
			polls: 0,
			rejects: [],
			logs: [],
			outcome: state.syncOutcome,
			definitionDeleted: false,
		};
		definition.staged = definition.staged === null ? null : [];
		definition.stagedUploads = [];
		definition.stagedRowCount = 0;
		definition.uploadsSinceSync = 0;
		state.syncs.set(id, sync);
		return sync;
	}

	function linkageReject(definition, row) {
		const entries = Object.entries(definition.fields);
		const matchColumn =
			definition.linkOpportunitiesMatchFieldName ||
			entries.find(([, s]) => s === ID_STATEMENT)?.[0];
		const sourceColumn =
			definition.linkOpportunitiesSourceField || entries.find(([, s]) => s !== ID_STATEMENT)?.[0];
		const opportunityKey = String(row[matchColumn] ?? '').toLowerCase();
		// "Runs after the opportunity sync (else ELQ-00084)" (Linkage).
		if (!state.opportunities.has(opportunityKey))
			return {
				statusCode: 'ELQ-00084',
				message: 'Opportunity does not exist.',
				invalidFields: [matchColumn],
			};
		const entityType = definition.linkOpportunitiesEntityType || 'Contact';
		const targets = entityType === 'Account' ? state.accounts : state.contacts;
		const value = String(row[sourceColumn] ?? '');
		const sensitive = definition.linkOpportunitiesCaseSensitiveSourceField === true;
		const found = [...targets].some((t) =>
			sensitive ? t === value : t.toLowerCase() === value.toLowerCase(),
		);
		// "ELQ-00085 contact does not exist" (Failures and retries, useful codes).
		if (!found)
			return {
				statusCode: 'ELQ-00085',
				message: `${entityType} does not exist.`,
				invalidFields: [sourceColumn],
			};
		state.links.push({ opportunity: opportunityKey, target: value, entityType });
		return undefined;
	}

	/** One opportunity row: a reject, or stored (possibly without the values it could not take). */
	function processRow(sync, row, seen) {
		const { definition } = sync;
		const checked = checkRow(definition, row, { stages: config.stages, kinds });
		if (checked.reject) return { reject: checked.reject };
		const key = keyOf(definition, row);
		// "ELQ-00026 Duplicate identifier" (Failures and retries): a row staged twice in one sync.
		if (config.duplicateRows === 'reject' && seen.has(key))
			return { reject: { statusCode: CODES.duplicate[0], message: CODES.duplicate[1] } };
		seen.add(key);
		const dropped = checked.dropped;
		const [code, message] = CODES.fieldDropped;
		const fieldReject = dropped.length
			? { statusCode: code, message, invalidFields: dropped }
			: undefined;
		// The plausible other answer to the [open] ELQ-00040 point: the whole row is refused.
		if (fieldReject && config.fieldRejects === 'rejectRow') return { reject: fieldReject };
		const existed = storeRow(state, definition, row, dropped);
		return { fieldReject, existed };
	}

	function finish(sync) {
		const { definition } = sync;
		const counts = { created: 0, updated: 0, rejected: 0, withDroppedFields: 0 };
		const byCode = new Map();
		const note = (reject, row, index) => {
			const invalidFields = reject.invalidFields ?? [];
			sync.rejects.push({
				...reject,
				invalidFields,
				recordIndex: sync.indexes[index],
				fieldValues: row,
				syncUri: sync.uri,
			});
			const entry = byCode.get(reject.statusCode) || { count: 0, message: reject.message };
			byCode.set(reject.statusCode, { ...entry, count: entry.count + 1 });
		};
		if (sync.rows === null) counts.created = sync.rowCount;
		else if (!sync.definitionDeleted) {
			const seen = new Set();
			sync.rows.forEach((row, index) => {
				if (isLinkage(definition)) {
					const reject = linkageReject(definition, row);
					if (reject) {
						counts.rejected += 1;
						note(reject, row, index);
					} else counts.created += 1;
					return;
				}
				const outcome = processRow(sync, row, seen);
				if (outcome.reject) {
					counts.rejected += 1;
					note(outcome.reject, row, index);
					return;
				}
				if (outcome.fieldReject) {
					counts.withDroppedFields += 1;
					note(outcome.fieldReject, row, index);
				}
				counts[outcome.existed ? 'updated' : 'created'] += 1;
			});
		}
		const rowCount = sync.rows === null ? sync.rowCount : sync.rows.length;
		const accepted = counts.created + counts.updated;
		// "Deleting a definition while its sync runs is accepted and the sync then fails (ELQ-00143)".
		sync.status =
			sync.definitionDeleted || sync.outcome === 'error' || (rowCount > 0 && accepted === 0)
				? 'error'
				: sync.rejects.length
					? 'warning'
					: 'success';
		writeLogs(sync, rowCount, counts, byCode);
		sync.syncEndedAt = stamp();
		// What the sync processed, for tests that check a row reported imported was in it.
		sync.processed = sync.definitionDeleted ? [] : (sync.rows ?? []);
		sync.rows = null;
	}

	function writeLogs(sync, rowCount, counts, byCode) {
		const log = (count, severity, statusCode, message) =>
			sync.logs.push({
				syncUri: sync.uri,
				count,
				severity,
				statusCode,
				message,
				createdAt: stamp(),
			});
		const countLine = (kind, count) => {
			const [statusCode, message] = COUNT_CODES[kind];
			if (count) log(count, 'information', statusCode, message);
		};
		// Oracle's status code table: "ELQ-00001 Total records processed."
		log(rowCount, 'information', 'ELQ-00001', 'Total records processed.');
		countLine(isLinkage(sync.definition) ? 'linked' : 'created', counts.created);
		countLine('updated', counts.updated);
		// "ELQ-00060 Total rejected records", "ELQ-00144 Total records with rejected fields" (Outcomes).
		if (counts.rejected) log(counts.rejected, 'warning', 'ELQ-00060', 'Total rejected records.');
		if (counts.withDroppedFields)
			log(counts.withDroppedFields, 'warning', 'ELQ-00144', 'Total records with rejected fields.');
		for (const [statusCode, { count, message }] of byCode)
			log(count, 'warning', statusCode, message);
		if (sync.definitionDeleted)
			log(
				0,
				'error',
				'ELQ-00143',
				'The definition was deleted; be sure to not delete the definition before the sync completes.',
			);
		// "ELQ-00146 temporary error (retry after an hour)": how a forced 'error' outcome ends.
		else if (sync.outcome === 'error' && sync.rejects.length === 0)
			log(0, 'error', 'ELQ-00146', 'A temporary error occurred; retry in an hour.');
	}

	/** A status read moves the sync on: `pendingPolls` reads pending, `activePolls` reads active. */
	function advance(sync) {
		if (TERMINAL.has(sync.status)) return;
		sync.polls += 1;
		if (sync.definitionDeleted) return finish(sync);
		if (sync.outcome === 'stuck') return;
		if (sync.status === 'pending' && sync.polls > config.pendingPolls) {
			sync.status = 'active';
			sync.syncStartedAt = stamp();
			sync.polls = 0;
		} else if (sync.status === 'active' && sync.polls > config.activePolls) {
			finish(sync);
		}
	}

	return { start, advance, running, TERMINAL };
}

module.exports = { createSyncs };
