import { DateTime } from 'luxon';

export interface ParsedDate {
	/** The instant, in UTC. Text without an offset is read in `zone`; a date without a time is midnight UTC of that date. */
	utc: DateTime;
	/** The input named a calendar date only, with no time of day. */
	dateOnly: boolean;
	/**
	 * The date and time the text says, for text without an offset (a date alone: its midnight);
	 * undefined for an instant (text with an offset or Z, an epoch number, a date object). Held in
	 * UTC, which has no daylight-saving gap, so that its fields are exactly the ones written.
	 */
	written?: DateTime;
	/** The zone `parseDate` was given (the workflow's time zone). */
	zone: string;
}

/**
 * Numeric day/month forms follow one rule, never a guess per value: a slash is the US order
 * (5/1/2024 is 1 May), a dot the European one (1.5.2024 is 1 May).
 */
const DATE_ONLY_FORMATS = ['yyyy-MM-dd', 'yyyy/MM/dd', 'M/d/yyyy', 'd.M.yyyy'];
const DATE_TIME_FORMATS = [
	'yyyy-MM-dd H:mm',
	'yyyy-MM-dd H:mm:ss',
	'yyyy-MM-dd H:mm:ss.SSS',
	'yyyy/MM/dd H:mm',
	'yyyy/MM/dd H:mm:ss',
	'M/d/yyyy H:mm',
	'M/d/yyyy H:mm:ss',
	'M/d/yyyy h:mm a',
	'M/d/yyyy h:mm:ss a',
	'd.M.yyyy H:mm',
	'd.M.yyyy H:mm:ss',
];

/** Text is read in this zone first: a result still in it had no offset of its own. */
const AS_WRITTEN = 'Etc/UTC';

/** Milliseconds since the epoch, or seconds for numbers too small to be milliseconds of a recent date. */
function fromEpoch(value: number): DateTime {
	return DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value, { zone: 'utc' });
}

function instant(date: DateTime, zone: string): ParsedDate | undefined {
	return date.isValid ? { utc: date.toUTC(), dateOnly: false, zone } : undefined;
}

function asWritten(written: DateTime, dateOnly: boolean, zone: string): ParsedDate {
	const utc = dateOnly ? written.toUTC() : written.setZone(zone, { keepLocalTime: true }).toUTC();
	return { utc, dateOnly, written, zone };
}

function fromText(text: string, zone: string): ParsedDate | undefined {
	for (const format of DATE_ONLY_FORMATS) {
		const date = DateTime.fromFormat(text, format, { zone: AS_WRITTEN });
		if (date.isValid) return asWritten(date, true, zone);
	}
	const options = { zone: AS_WRITTEN, setZone: true };
	const parsers = [
		(t: string) => DateTime.fromISO(t, options),
		(t: string) => DateTime.fromSQL(t, options),
		(t: string) => DateTime.fromRFC2822(t, options),
		(t: string) => DateTime.fromHTTP(t, options),
		...DATE_TIME_FORMATS.map((format) => (t: string) => DateTime.fromFormat(t, format, options)),
	];
	for (const parse of parsers) {
		const date = parse(text);
		if (!date.isValid) continue;
		// An offset or Z in the text gives a fixed zone; without one the date stays in AS_WRITTEN.
		return date.zone.type === 'iana' ? asWritten(date, false, zone) : instant(date, zone);
	}
	return undefined;
}

/**
 * Reads the date forms CRMs and n8n expressions produce: ISO 8601, SQL-style, RFC 2822, common
 * numeric forms, epoch numbers, JavaScript dates and Luxon DateTimes. A time without an offset is
 * read in `zone` (the workflow's time zone). Undefined when the value is not a date.
 */
export function parseDate(value: unknown, zone: string): ParsedDate | undefined {
	if (DateTime.isDateTime(value)) return instant(value, zone);
	if (value instanceof Date) return instant(DateTime.fromJSDate(value), zone);
	if (typeof value === 'number')
		return Number.isFinite(value) ? instant(fromEpoch(value), zone) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!text) return undefined;
	if (/^-?\d{9,13}$/.test(text)) return parseDate(Number(text), zone);
	return fromText(text, zone);
}

const COMMON_FORM =
	/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/** Whether a match of the common forms names a real day and time of day. */
function isCalendarMatch(match: RegExpExecArray): boolean {
	const month = +match[2];
	const day = +match[3];
	const hour = match[4] === undefined ? 0 : +match[4];
	const minute = match[5] === undefined ? 0 : +match[5];
	const second = match[6] === undefined ? 0 : +match[6];
	// ISO 8601 allows 24:00 as the end of a day, and so does parseDate.
	const endOfDay = hour === 24 && minute === 0 && second === 0;
	return (
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(+match[1], month) &&
		(hour <= 23 || endOfDay) &&
		minute <= 59 &&
		second <= 59
	);
}

/**
 * Whether a text is a date, without building one: the common ISO/SQL forms are checked by pattern
 * and calendar (this runs once per date cell, so it has to be cheap); anything else goes through
 * `parseDate`.
 */
export function isDateText(text: string, zone: string): boolean {
	const match = COMMON_FORM.exec(text.trim());
	if (!match) return parseDate(text, zone) !== undefined;
	return isCalendarMatch(match);
}

const pad = (part: string) => part.padStart(2, '0');

/** The number written by the digits from `from` to `to`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/**
 * How `wallClockText` sends a text of the plain forms it reads by position: as it is, with `:00`
 * seconds added, or (`Other`) not one of `yyyy-MM-dd`, `yyyy-MM-dd HH:mm`, `yyyy-MM-dd HH:mm:ss`
 * naming a real moment.
 */
const PlainForm = { Other: 0, AsWritten: 1, AddSeconds: 2 } as const;
type PlainForm = (typeof PlainForm)[keyof typeof PlainForm];

/**
 * The forms Eloqua is sent, and the one missing only seconds, read character by character: most
 * date cells of a bulk import are in one of them, and this makes no string or match for them.
 */
function plainForm(text: string): PlainForm {
	const length = text.length;
	if (length !== 10 && length !== 16 && length !== 19) return PlainForm.Other;
	if (text[4] !== '-' || text[7] !== '-') return PlainForm.Other;
	const year = digitsAt(text, 0, 4);
	const month = digitsAt(text, 5, 7);
	const day = digitsAt(text, 8, 10);
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
		return PlainForm.Other;
	if (length === 10) return PlainForm.AsWritten;
	if (text[10] !== ' ' || text[13] !== ':') return PlainForm.Other;
	const hour = digitsAt(text, 11, 13);
	const minute = digitsAt(text, 14, 16);
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return PlainForm.Other;
	if (length === 16) return PlainForm.AddSeconds;
	const second = text[16] === ':' ? digitsAt(text, 17, 19) : -1;
	return second >= 0 && second <= 59 ? PlainForm.AsWritten : PlainForm.Other;
}

/** Whether `wallClockText` gives the text a value, for a check that needs no text made. */
export function hasWallClockText(text: string): boolean {
	return plainForm(text) !== PlainForm.Other || wallClockText(text) !== undefined;
}

/**
 * The common ISO/SQL forms without an offset, as wall-clock text (`yyyy-MM-dd HH:mm:ss`, or
 * `yyyy-MM-dd` for a date alone), by pattern alone: what `formatDate(parseDate(…), 'wallClock')`
 * gives them, without building a date. Undefined for anything else (an offset, `Z`, 24:00, another
 * form), which then takes the full path. Runs twice per date cell of a bulk import (checked, then
 * sent), so text already in the form is returned as it is: no new string.
 */
export function wallClockText(text: string): string | undefined {
	const plain = plainForm(text);
	if (plain === PlainForm.AsWritten) return text;
	if (plain === PlainForm.AddSeconds) return `${text}:00`;
	const trimmed = text.trim();
	const match = COMMON_FORM.exec(trimmed);
	if (!match || match[8] !== undefined || !isCalendarMatch(match)) return undefined;
	const [, year, month, day, hour, minute, second] = match;
	if (hour === undefined) return trimmed;
	if (hour === '24') return undefined;
	return `${year}-${month}-${day} ${pad(hour)}:${minute}:${second ?? '00'}`;
}

/**
 * The forms a date can be sent in. `date` and `wallClock` are local: a calendar date, and a
 * date-time without `T`, offset or milliseconds (a date alone stays a date). The others are in UTC.
 */
export type DateOutputFormat = 'date' | 'wallClock' | 'dateTime' | 'sql' | 'iso';

const UTC_FORMATS: Record<'dateTime' | 'sql' | 'iso', string> = {
	dateTime: "yyyy-MM-dd'T'HH:mm:ss",
	sql: 'yyyy-MM-dd HH:mm:ss',
	iso: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
};

/**
 * Formats a parsed date. A date without a time keeps its calendar date in every format. The local
 * formats keep text without an offset as written and show an instant in `zone` (by default the zone
 * it was parsed in, the workflow's), so a date alone is never a day off: 2026-11-20 00:00 in Berlin
 * is 2026-11-20, not the UTC date before it.
 */
export function formatDate(date: ParsedDate, format: DateOutputFormat, zone = date.zone): string {
	if (format !== 'date' && format !== 'wallClock') return date.utc.toFormat(UTC_FORMATS[format]);
	const local = date.written ?? date.utc.setZone(zone);
	const withTime = format === 'wallClock' && !date.dateOnly;
	return local.toFormat(withTime ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd');
}
