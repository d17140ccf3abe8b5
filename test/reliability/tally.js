'use strict';
// Counts of the fault-injection and fuzzing runs, written where the reporter reads them (a
// git-ignored folder), and the run sizes, read from the environment. Plain JavaScript: it needs
// the file system and the environment, which the community-node linter bans in TypeScript files.
const fs = require('fs');
const path = require('path');

const FOLDER = path.join(__dirname, '..', '.artifacts', 'reliability');

/** A positive whole number from the environment, or the fallback (the fast size `npm test` uses). */
function sizeFromEnv(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The seeds a suite runs: RELIABILITY_SEEDS of them from RELIABILITY_FIRST_SEED (default 1). */
function seeds(fallbackCount) {
	const first = sizeFromEnv('RELIABILITY_FIRST_SEED', 1);
	return Array.from(
		{ length: sizeFromEnv('RELIABILITY_SEEDS', fallbackCount) },
		(_, i) => first + i,
	);
}

function createTally(suite) {
	const totals = {
		suite,
		runs: 0,
		items: 0,
		faults: 0,
		violations: 0,
		known: 0,
		upserts: 0,
		longestRunMs: 0,
		statuses: {},
		faultKinds: {},
	};
	const add = (bag, key, count = 1) => (bag[key] = (bag[key] || 0) + count);
	return {
		totals,
		/** One run: its items' statuses, the faults injected by kind, its violations and duration. */
		record({ statuses, faults, violations, known = 0, upserts = 0, ms }) {
			totals.runs += 1;
			totals.items += statuses.length;
			for (const status of statuses) add(totals.statuses, status);
			for (const [kind, count] of Object.entries(faults)) {
				add(totals.faultKinds, kind, count);
				totals.faults += count;
			}
			totals.violations += violations;
			totals.known += known;
			totals.upserts += upserts;
			totals.longestRunMs = Math.max(totals.longestRunMs, Math.round(ms));
		},
		save() {
			fs.mkdirSync(FOLDER, { recursive: true });
			fs.writeFileSync(path.join(FOLDER, `${suite}.json`), JSON.stringify(totals, null, 2));
		},
	};
}

function readTallies() {
	if (!fs.existsSync(FOLDER)) return [];
	return fs
		.readdirSync(FOLDER)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(fs.readFileSync(path.join(FOLDER, name), 'utf8')));
}

function clearTallies() {
	fs.rmSync(FOLDER, { recursive: true, force: true });
}

/** Milliseconds since an arbitrary start, for run durations. */
function now() {
	return performance.now();
}

module.exports = { sizeFromEnv, seeds, createTally, readTallies, clearTallies, now, FOLDER };
