import { DateTime } from 'luxon';

export interface ParsedDate {
	/** The instant, in UTC. For a date without a time: midnight UTC of that date. */
	utc: DateTime;
	/** The input named a calendar date only, with no time of day. */
	dateOnly: boolean;
}

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

/** Milliseconds since the epoch, or seconds for numbers too small to be milliseconds of a recent date. */
function fromEpoch(value: number): DateTime {
	return DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value, { zone: 'utc' });
}

function fromText(text: string, zone: string): ParsedDate | undefined {
	for (const format of DATE_ONLY_FORMATS) {
		const date = DateTime.fromFormat(text, format, { zone: 'utc' });
		if (date.isValid) return { utc: date, dateOnly: true };
	}
	const parsers = [
		(t: string) => DateTime.fromISO(t, { zone, setZone: true }),
		(t: string) => DateTime.fromSQL(t, { zone, setZone: true }),
		(t: string) => DateTime.fromRFC2822(t, { zone, setZone: true }),
		(t: string) => DateTime.fromHTTP(t, { zone, setZone: true }),
		...DATE_TIME_FORMATS.map((format) => (t: string) => DateTime.fromFormat(t, format, { zone })),
	];
	for (const parse of parsers) {
		const date = parse(text);
		if (date.isValid) return { utc: date.toUTC(), dateOnly: false };
	}
	return undefined;
}

/**
 * Reads the date forms CRMs and n8n expressions produce: ISO 8601, SQL-style, RFC 2822, common
 * numeric forms, epoch numbers, JavaScript dates and Luxon DateTimes. A time without an offset is
 * read in `zone` (the workflow's time zone). Undefined when the value is not a date.
 */
export function parseDate(value: unknown, zone: string): ParsedDate | undefined {
	if (DateTime.isDateTime(value))
		return value.isValid ? { utc: value.toUTC(), dateOnly: false } : undefined;
	if (value instanceof Date) {
		const date = DateTime.fromJSDate(value, { zone: 'utc' });
		return date.isValid ? { utc: date, dateOnly: false } : undefined;
	}
	if (typeof value === 'number') {
		const date = Number.isFinite(value) ? fromEpoch(value) : undefined;
		return date?.isValid ? { utc: date, dateOnly: false } : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!text) return undefined;
	if (/^-?\d{9,13}$/.test(text)) return parseDate(Number(text), zone);
	return fromText(text, zone);
}

const COMMON_FORM =
	/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/**
 * Whether a text is a date, without building one: the common ISO/SQL forms are checked by pattern
 * and calendar (this runs once per date cell, so it has to be cheap); anything else goes through
 * `parseDate`.
 */
export function isDateText(text: string, zone: string): boolean {
	const match = COMMON_FORM.exec(text.trim());
	if (!match) return parseDate(text, zone) !== undefined;
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

/** The forms a date can be sent in. */
export type DateOutputFormat = 'date' | 'dateTime' | 'sql' | 'iso';

const OUTPUT_FORMATS: Record<DateOutputFormat, string> = {
	date: 'yyyy-MM-dd',
	dateTime: "yyyy-MM-dd'T'HH:mm:ss",
	sql: 'yyyy-MM-dd HH:mm:ss',
	iso: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
};

/** Formats a parsed date in UTC. A date without a time keeps its calendar date in every format. */
export function formatDate(date: ParsedDate, format: DateOutputFormat): string {
	return date.utc.toFormat(OUTPUT_FORMATS[format]);
}
