import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { formatDate, parseDate } from '../../../../nodes/shared/values/dates';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import {
	deal,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
} from '../../../harness/ruler';

const format = (value: unknown, zone: string, as: 'date' | 'wallClock', to?: string) =>
	formatDate(parseDate(value, zone)!, as, to);

describe('local date forms: text without an offset as written, instants in a zone', () => {
	it.each([
		// [value, workflow zone, calendar date]
		['2026-11-20T00:00:00', 'Europe/Berlin', '2026-11-20'],
		['2026-11-20 00:00', 'Pacific/Kiritimati', '2026-11-20'],
		['2026-11-20T23:59:59', 'America/Los_Angeles', '2026-11-20'],
		['2026-11-19T23:30:00Z', 'Europe/Berlin', '2026-11-20'],
		['2026-11-21T02:00:00Z', 'America/Los_Angeles', '2026-11-20'],
		['2026-11-20T00:30:00+01:00', 'UTC', '2026-11-19'],
		['2026-11-20', 'Pacific/Pago_Pago', '2026-11-20'],
		['20.11.2026', 'Pacific/Kiritimati', '2026-11-20'],
		['11/20/2026', 'Pacific/Kiritimati', '2026-11-20'],
		[Date.UTC(2026, 10, 19, 23, 30), 'Asia/Tokyo', '2026-11-20'],
	])('the date of %p in %s is %s', (value, zone, date) => {
		expect(format(value, zone, 'date')).toBe(date);
	});

	it('takes the calendar date of a date object in the workflow zone', () => {
		const berlinMidnight = DateTime.fromISO('2026-11-20T00:00:00', { zone: 'Europe/Berlin' });
		expect(format(berlinMidnight, 'Europe/Berlin', 'date')).toBe('2026-11-20');
		expect(format(berlinMidnight.toJSDate(), 'Europe/Berlin', 'date')).toBe('2026-11-20');
		expect(format(berlinMidnight, 'America/New_York', 'date')).toBe('2026-11-19');
	});

	it.each([
		['2024-05-01T08:00:00+02:00', '2024-05-01 02:00:00'],
		['2024-05-01T08:00:00.123Z', '2024-05-01 04:00:00'],
		['2024-05-01 08:00', '2024-05-01 08:00:00'],
		['2024-03-10T02:30:00', '2024-03-10 02:30:00'],
		['2024-05-01', '2024-05-01'],
		['5/1/2024 3:30 PM', '2024-05-01 15:30:00'],
		[1714557600000, '2024-05-01 06:00:00'],
	])('the wall clock of %p in New York is %p, whatever the workflow zone', (value, sent) => {
		expect(format(value, 'Asia/Kolkata', 'wallClock', 'America/New_York')).toBe(sent);
	});
});

/** A date column's value and the workflow zone a user picked it in, with the calendar date meant. */
const CALENDAR_CASES: Array<[string, string, string]> = [
	['Europe/Berlin', '2026-11-20T00:00:00', '2026-11-20'],
	['Europe/Berlin', '2026-11-19T23:30:00Z', '2026-11-20'],
	['Pacific/Kiritimati', '2026-11-20T00:30:00', '2026-11-20'],
	['America/Los_Angeles', '2026-11-20T23:30:00', '2026-11-20'],
	['America/Los_Angeles', '2026-11-21T02:00:00Z', '2026-11-20'],
	['UTC', '2026-11-20T00:00:00', '2026-11-20'],
];

describe('a date-only result is the date as written or in the workflow zone, in both nodes', () => {
	const eloqua = useEloquaSandbox();
	const ruler = useRulerSandbox();

	it.each(CALENDAR_CASES)(
		'Ruler, workflow in %s: %s is sent as %s',
		async (timezone, picked, date) => {
			const { main, error } = await runRuler(
				ruler.sandbox,
				uploadParameters(),
				[deal('R-1', { date: picked })],
				{ timezone },
			);
			expect(error).toBeUndefined();
			expect(main.map((item) => item.json.status)).toEqual(['uploaded']);
			const [body] = uploadsOf(ruler.sandbox).map((r) => JSON.parse(r.body!) as IDataObject);
			expect(body.OpportunityDateTime).toBe(date);
		},
	);

	it('Ruler, workflow in Europe/Berlin: a date picked with an expression ($today) keeps its day', async () => {
		const { main } = await runRuler(
			ruler.sandbox,
			uploadParameters({
				opportunityDateTime:
					"={{ DateTime.fromISO('2026-11-20T00:00:00', { zone: 'Europe/Berlin' }) }}",
			}),
			[deal('R-2')],
			{ timezone: 'Europe/Berlin' },
		);
		expect(main.map((item) => item.json.status)).toEqual(['uploaded']);
		expect(JSON.parse(uploadsOf(ruler.sandbox)[0].body!).OpportunityDateTime).toBe('2026-11-20');
	});

	it.each(CALENDAR_CASES)(
		'Eloqua Date Only, workflow in %s: %s is sent as %s',
		async (timezone, picked, date) => {
			const { main } = await runEloqua(
				eloqua.sandbox,
				importParameters({}, { dateFormat: 'date' }),
				[opportunity('E-1', { CloseDate: picked })],
				{ timezone },
			);
			expect(main.map((item) => [item.json.status, item.json.opportunityId])).toEqual([
				['imported', 'E-1'],
			]);
			const [row] = JSON.parse(eloqua.sandbox.requestsTo(/\/data$/, 'POST')[0].body!);
			expect(row).toEqual({
				OpportunityID: 'E-1',
				OpportunityName: 'Deal E-1',
				AccountName: 'ABC',
				Amount: '1000',
				CloseDate: date,
				Currency: 'USD',
				Stage: 'Prospecting',
			});
		},
	);
});
