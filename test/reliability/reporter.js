'use strict';
// A jest reporter that prints the counts of the fault-injection and fuzzing suites that ran (see
// tally.js): runs, items, faults injected, violations. Prints nothing when none of them ran.
const { clearTallies, readTallies } = require('./tally');

const list = (bag) =>
	Object.entries(bag)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, count]) => `${key} ${count}`)
		.join(', ');

class ReliabilityReporter {
	onRunStart() {
		clearTallies();
	}

	onRunComplete() {
		const tallies = readTallies();
		if (tallies.length === 0) return;
		const lines = ['', 'Reliability counts (suite: runs, items, faults injected, violations):'];
		const sum = { runs: 0, items: 0, faults: 0, violations: 0, upserts: 0 };
		for (const t of tallies) {
			for (const key of Object.keys(sum)) sum[key] += t[key];
			const longest = t.longestRunMs ? `; longest run ${t.longestRunMs} ms` : '';
			lines.push(
				`  ${t.suite}: ${t.runs} runs, ${t.items} items, ${t.faults} faults, ${t.violations} violations${longest}`,
			);
			if (Object.keys(t.statuses).length) lines.push(`    statuses: ${list(t.statuses)}`);
			if (Object.keys(t.faultKinds).length) lines.push(`    faults: ${list(t.faultKinds)}`);
			if (t.known)
				lines.push(
					`    occurrences of known defects (counted apart; see SECURITY.md, Known limits): ${t.known}`,
				);
			if (t.upserts)
				lines.push(
					`    rows written twice by a documented upsert after an unknown outcome: ${t.upserts}`,
				);
		}
		lines.push(
			`  total: ${sum.runs} runs, ${sum.items} items, ${sum.faults} faults, ${sum.violations} violations`,
			'',
		);
		process.stdout.write(lines.join('\n') + '\n');
	}
}

module.exports = ReliabilityReporter;
