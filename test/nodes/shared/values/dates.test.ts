import fc from 'fast-check';
import {
	formatDate,
	isDateText,
	parseDate,
	wallClockText,
} from '../../../../nodes/shared/values/dates';
import { DateTime } from 'luxon';

const utc = (value: unknown, zone = 'Europe/Berlin') => {
	const parsed = parseDate(value, zone);
	return parsed && { iso: parsed.utc.toISO(), dateOnly: parsed.dateOnly };
};

describe('parseDate', () => {
	it.each([
		['2024-05-01', '2024-05-01T00:00:00.000Z', true],
		['5/1/2024', '2024-05-01T00:00:00.000Z', true],
		['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z', false],
		['2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z', false],
		['2024-05-01 10:00', '2024-05-01T08:00:00.000Z', false],
		['2017-10-05 1:15', '2017-10-04T23:15:00.000Z', false],
		['Wed, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00.000Z', false],
		['5/1/2024 3:30 PM', '2024-05-01T13:30:00.000Z', false],
		[1714557600000, '2024-05-01T10:00:00.000Z', false],
		[1714557600, '2024-05-01T10:00:00.000Z', false],
		['1714557600000', '2024-05-01T10:00:00.000Z', false],
	])('reads %p', (value, iso, dateOnly) => {
		expect(utc(value)).toEqual({ iso, dateOnly });
	});

	it('reads JavaScript dates and Luxon DateTimes', () => {
		expect(utc(new Date('2024-05-01T10:00:00Z'))?.iso).toBe('2024-05-01T10:00:00.000Z');
		expect(utc(DateTime.fromISO('2024-05-01T12:00:00', { zone: 'Europe/Berlin' }))?.iso).toBe(
			'2024-05-01T10:00:00.000Z',
		);
	});

	it.each(['', 'soon', '2024-13-01', '31/31/2024', null, {}, NaN])('rejects %p', (value) => {
		expect(parseDate(value, 'UTC')).toBeUndefined();
	});
});

describe('formatDate', () => {
	it('formats in UTC, keeping the calendar date of a date-only value', () => {
		const moment = parseDate('2024-05-01T23:30:00-02:00', 'UTC')!;
		expect(formatDate(moment, 'date')).toBe('2024-05-02');
		expect(formatDate(moment, 'dateTime')).toBe('2024-05-02T01:30:00');
		expect(formatDate(moment, 'sql')).toBe('2024-05-02 01:30:00');
		expect(formatDate(parseDate('2024-05-01', 'Pacific/Kiritimati')!, 'date')).toBe('2024-05-01');
	});
});

describe('isDateText', () => {
	it.each([
		'2024-05-01',
		'2024-02-29',
		'2017-10-05 1:15',
		'2024-05-01T10:00:00Z',
		'2024-05-01T10:00:00.123+02:00',
		'2024-05-01 23:59:59',
		'2024-05-01 24:00',
		'5/1/2024',
		'Wed, 01 May 2024 10:00:00 GMT',
	])('accepts %p like parseDate does', (text) => {
		expect(isDateText(text, 'UTC')).toBe(true);
		expect(parseDate(text, 'UTC')).toBeDefined();
	});

	it.each([
		'2023-02-29',
		'2024-13-01',
		'2024-04-31',
		'2024-05-01 24:30',
		'2024-05-01 10:60',
		'soon',
		'',
	])('refuses %p like parseDate does', (text) => {
		expect(isDateText(text, 'UTC')).toBe(false);
		expect(parseDate(text, 'UTC')).toBeUndefined();
	});
});

describe('wallClockText', () => {
	const slow = (text: string) => formatDate(parseDate(text, 'Asia/Tokyo')!, 'wallClock', 'UTC');

	it.each([
		'2024-05-01',
		'2024-05-01 09:30',
		'2024-05-01 9:30',
		'2024-05-01T09:30:15',
		'2024-05-01 23:59:59.999',
		'2024-02-29 00:00:00',
	])('gives %p what the full path gives, without building a date', (text) => {
		expect(wallClockText(text)).toBe(slow(text));
	});

	it('gives the full path what it cannot read by pattern alone', () => {
		for (const text of [
			'2024-05-01T09:30:00Z',
			'2024-05-01T09:30:00+02:00',
			'2024-05-01 24:00',
			'5/1/2024',
			'2023-02-29',
			'2024-13-01 09:30',
			'2024-05-01 09:60',
			'2024-05-01 09:30:60',
			'2024-05-01 09:30-15',
			'20a4-05-01',
			'soon',
		])
			expect(wallClockText(text)).toBeUndefined();
	});

	it('returns text already in the sent form unchanged', () => {
		const text = ['2024-05-01', '09:30:15'].join(' ');
		expect(wallClockText(text)).toBe(text);
		expect(wallClockText(' 2024-05-01 ')).toBe('2024-05-01');
	});

	it('agrees with the full path on any calendar date and time of day', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('1900-01-01T00:00:00Z'),
					max: new Date('2199-12-31T23:59:59Z'),
					noInvalidDate: true,
				}),
				fc.constantFrom('date', 'minutes', 'seconds', 'millis'),
				fc.constantFrom(' ', 'T'),
				(moment, precision, separator) => {
					const iso = moment.toISOString();
					const day = iso.slice(0, 10);
					const time = {
						date: '',
						minutes: iso.slice(11, 16),
						seconds: iso.slice(11, 19),
						millis: iso.slice(11, 23),
					}[precision];
					const text = time ? `${day}${separator}${time}` : day;
					expect(wallClockText(text)).toBe(slow(text));
				},
			),
		);
	});
});
