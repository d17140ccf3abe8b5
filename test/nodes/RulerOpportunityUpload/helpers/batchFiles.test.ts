import fc from 'fast-check';

import type { BatchRow } from '../../../../nodes/RulerOpportunityUpload/helpers/batchResults';
import {
	jobFile,
	JobFileBuilder,
	type JobFile,
} from '../../../../nodes/RulerOpportunityUpload/helpers/batchFiles';

const row = (itemIndex: number, siteId: string, labels: string[], reference: string): BatchRow => ({
	itemIndex,
	opportunity: {
		siteId,
		value: 1000,
		valueGiven: 1000,
		dateTime: '2024-05-01',
		stage: 'Closed Won',
		currency: 'GBP',
		reference,
		identifiers: [{ key: 'EmailAddress', value: 'a@example.com' }],
		labels,
		properties: [],
	},
});

const bytes = (file: JobFile) => Buffer.byteLength(file.csv);

describe('batch files, gathered as the rows come', () => {
	// Files are sent as soon as they are full, so their size is worked out without writing them:
	// it must be exact, or a file could go over the cap or be cut short.
	it('keeps every file within both limits, and closes one only when the next row would not fit', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						site: fc.constantFrom('a', 'b'),
						labels: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
						reference: fc.string({ minLength: 1, maxLength: 30 }),
					}),
					{ maxLength: 40 },
				),
				fc.integer({ min: 1, max: 8 }),
				fc.integer({ min: 200, max: 900 }),
				(specs, rowsPerJob, maxBytes) => {
					const rows = specs.map((s, i) => row(i, s.site, s.labels, s.reference));
					const oversized: number[] = [];
					const builder = new JobFileBuilder({ rowsPerJob, maxBytes }, (r) =>
						oversized.push(r.itemIndex),
					);
					const files = rows.flatMap((r) => builder.add(r) ?? []);
					files.push(...builder.rest());
					for (const file of files) {
						expect(file.rows.length).toBeLessThanOrEqual(rowsPerJob);
						expect(bytes(file)).toBeLessThanOrEqual(maxBytes);
					}
					// Every row in exactly one file or oversized, each site's rows in input order.
					const placed = files.flatMap((f) => f.rows.map((r) => r.itemIndex));
					expect([...placed, ...oversized].sort((x, y) => x - y)).toEqual(rows.map((_, i) => i));
					for (const r of oversized)
						expect(bytes(jobFile(rows[r].opportunity.siteId, [rows[r]]))).toBeGreaterThan(maxBytes);
					// A file of a site that has a later file is full: the next row did not fit.
					for (const site of ['a', 'b']) {
						const ofSite = files.filter((f) => f.siteId === site);
						ofSite.slice(0, -1).forEach((file, i) => {
							const next = ofSite[i + 1].rows[0];
							const full =
								file.rows.length >= rowsPerJob ||
								bytes(jobFile(site, [...file.rows, next])) > maxBytes;
							expect(full).toBe(true);
						});
					}
				},
			),
			{ numRuns: 300, seed: 14 },
		);
	});
});
