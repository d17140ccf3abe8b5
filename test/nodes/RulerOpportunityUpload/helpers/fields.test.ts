import fc from 'fast-check';
import { DateTime } from 'luxon';

import { opportunityDate } from '../../../../nodes/RulerOpportunityUpload/helpers/fields';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('Opportunity Date: plain dates', () => {
	// A plain date takes a short path; the same text with a leading space (trimmed) takes the full
	// one through parseDate and formatDate. Both must give the same answer.
	it('gives what the full parse gives, for real and impossible days, past and future, in every zone and format', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.tuple(
						fc.integer({ min: 1000, max: 2100 }),
						fc.integer({ min: 1, max: 12 }),
						fc.integer({ min: 1, max: 31 }),
					),
					// Days around "now", where the future rule decides.
					fc.integer({ min: -2, max: 2 }).map((days) => [2026, 11, 20 + days]),
				),
				fc.constantFrom('date' as const, 'dateTime' as const),
				fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'America/Los_Angeles'),
				fc.integer({ min: 0, max: 2 * 24 * 60 }),
				([year, month, day], dateFormat, zone, minutes) => {
					const now = DateTime.utc(2026, 11, 19).plus({ minutes });
					const schema = opportunityDate({
						zone,
						now,
						dateFormat,
						roundValue: false,
						stripCookiePrefix: true,
						allowedStages: [],
					});
					const text = `${year}-${pad(month)}-${pad(day)}`;
					const short = schema.safeParse(text);
					const full = schema.safeParse(` ${text}`);
					expect([short.success, short.data]).toEqual([full.success, full.data]);
				},
			),
			{ numRuns: 2000, seed: 14 },
		);
	});
});
