import type { DateTime } from 'luxon';
import { z } from 'zod';

import { formatDate, parseDate, type ParsedDate } from '../../shared/values/dates';
import {
	currencyText,
	isBlank,
	numberText,
	oneOfText,
	RULE_MESSAGES,
} from '../../shared/values/rules';
import { preview, toText, ValueProblem } from '../../shared/values/text';
import { IDENTIFIER_KEYS, type IdentifierKey } from './constants';

// Each parameter's rule, as a zod transform to the value that is sent; the messages read after its name.

/** The settings of a run that decide how an item's values are read. */
export interface OpportunityRules {
	/** The workflow's time zone, for date-times without an offset. */
	zone: string;
	now: DateTime;
	dateFormat: 'date' | 'dateTime';
	/** Send the value as a whole number (Ruler documents an int), rather than as given. */
	roundValue: boolean;
	stripCookiePrefix: boolean;
	/** The stages the user allows, spelled as in Ruler; empty means no local check. */
	allowedStages: string[];
}

/** Letters, digits, "-" and "_": nothing that could add a path segment, a query or a fragment. */
export const SITE_ID = /^[A-Za-z0-9_-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The _ga cookie's "GA1.<domain depth>." before the client ID. */
const GA_PREFIX = /^GA1\.\d+\./;
/** How far ahead of this machine's clock a date-time may be, for clocks that disagree a little. */
const CLOCK_SKEW_MINUTES = 5;
/** The time zone whose calendar date is the latest on earth: a date-only value may be today there. */
const LATEST_ZONE = 'UTC+14';

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string, path: Array<string | number> = []): never {
	ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });
	return z.NEVER;
}

/** Text with surrounding spaces removed; undefined when empty. */
const optionalText = z.unknown().transform((value, ctx) => {
	const text = toText(value);
	if (text instanceof ValueProblem) return fail(ctx, text.problem);
	return isBlank(text) ? undefined : text?.trim();
});

export const requiredText = optionalText.transform(
	(text, ctx) => text ?? fail(ctx, RULE_MESSAGES.required),
);

export const siteId = requiredText.transform((text, ctx) =>
	SITE_ID.test(text)
		? text
		: fail(
				ctx,
				`may only contain letters, digits, "-" and "_" (it becomes part of the request address), got ${preview(text)}`,
			),
);

/** Ruler may store an unknown stage without complaint, so the user's own list is checked here. */
export function pipelineStage(rules: OpportunityRules) {
	const allowed = rules.allowedStages;
	return requiredText.transform((text, ctx) =>
		allowed.length === 0 || oneOfText(text, allowed) !== undefined
			? text
			: fail(ctx, RULE_MESSAGES.oneOf(allowed, text)),
	);
}

export const currency = requiredText.transform(
	(text, ctx) => currencyText(text) ?? fail(ctx, RULE_MESSAGES.currency(text)),
);

/** Missing, as opposed to present but not of the right kind. */
const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/** A number, or numeric text read as one. */
function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' ? Number(numberText(value) ?? NaN) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Halves go away from zero (2.5 → 3, -2.5 → -3), as people round money; never -0. */
export function roundHalfAwayFromZero(number: number): number {
	const whole = Math.sign(number) * Math.round(Math.abs(number));
	return whole === 0 ? 0 : whole;
}

/** The value as read from the item, and as it is sent. */
export interface OpportunityValue {
	given: number;
	sent: number;
}

export function opportunityValue(rules: OpportunityRules) {
	return z.unknown().transform((value, ctx): OpportunityValue => {
		if (isMissing(value)) return fail(ctx, RULE_MESSAGES.required);
		const given = numberOf(value);
		if (given === undefined) return fail(ctx, RULE_MESSAGES.number(value));
		return { given, sent: rules.roundValue ? roundHalfAwayFromZero(given) : given };
	});
}

/** A date sent as a date may be today anywhere on earth; anything sent with a time is an instant. */
function isInFuture(date: ParsedDate, rules: OpportunityRules): boolean {
	if (date.dateOnly && rules.dateFormat === 'date') {
		return (date.utc.toISODate() ?? '') > (rules.now.setZone(LATEST_ZONE).toISODate() ?? '');
	}
	return date.utc > rules.now.plus({ minutes: CLOCK_SKEW_MINUTES });
}

const PLAIN_DATE = /^[1-9]\d{3}-\d{2}-\d{2}$/;

/** Midnight UTC of `2024-05-01` as written, when it is a real day; else undefined. */
function plainDay(value: unknown): number | undefined {
	if (typeof value !== 'string' || !PLAIN_DATE.test(value)) return undefined;
	const [year, month, day] = value.split('-').map(Number);
	const midnight = Date.UTC(year, month - 1, day);
	const date = new Date(midnight);
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? midnight : undefined;
}

/**
 * The date as it is sent. The common case, a plain date of a real day not in the future, is
 * answered without parsing: the same result as parseDate and formatDate give, at a fraction of
 * their cost per item on large runs. Anything else takes the full path.
 */
export function opportunityDate(rules: OpportunityRules) {
	const latestDay = rules.now.setZone(LATEST_ZONE).toISODate() ?? '';
	const latestInstant = rules.now.plus({ minutes: CLOCK_SKEW_MINUTES }).toMillis();
	return z.unknown().transform((value, ctx) => {
		const midnight = plainDay(value);
		if (midnight !== undefined && rules.dateFormat === 'date' && String(value) <= latestDay)
			return String(value);
		if (midnight !== undefined && rules.dateFormat === 'dateTime' && midnight <= latestInstant)
			return `${String(value)}T00:00:00`;
		if (isMissing(value)) return fail(ctx, RULE_MESSAGES.required);
		const date = parseDate(value, rules.zone);
		if (!date) return fail(ctx, RULE_MESSAGES.date(value));
		if (isInFuture(date, rules)) {
			return fail(
				ctx,
				`must not be in the future, got ${preview(value)} (${formatDate(date, 'iso')})`,
			);
		}
		return formatDate(date, rules.dateFormat);
	});
}

/** A list parameter: a list, or one value from an expression; missing means empty. */
const list = z.unknown().transform((value) => {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? (value.flat() as unknown[]) : [value];
});

const entry = z
	.unknown()
	.transform((value) =>
		value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {},
	);

const identifierKey = z
	.unknown()
	.transform((key, ctx) =>
		IDENTIFIER_KEYS.includes(key as IdentifierKey)
			? (key as IdentifierKey)
			: fail(ctx, `must be one of ${IDENTIFIER_KEYS.join(', ')}, got ${preview(key)}`),
	);

export function visitorIdentifiers(rules: OpportunityRules) {
	const identifier = entry
		.pipe(z.object({ key: identifierKey, value: optionalText }))
		.transform(({ key, value }) => ({
			key,
			value:
				key === 'CookieValue' && rules.stripCookiePrefix
					? value?.replace(GA_PREFIX, '') || undefined
					: value,
		}));
	return list.pipe(z.array(identifier)).transform((identifiers, ctx) => {
		identifiers.forEach(({ key, value }, index) => {
			if (key === 'EmailAddress' && value !== undefined && !EMAIL.test(value)) {
				fail(ctx, `is an EmailAddress, but ${preview(value)} is not an email address`, [index]);
			}
		});
		const kept = identifiers.filter(
			(i): i is { key: IdentifierKey; value: string } => i.value !== undefined,
		);
		if (kept.length === 0) {
			return fail(ctx, 'need at least one identifier with a value; every value was empty');
		}
		return kept;
	});
}

export const labels = list
	.pipe(z.array(optionalText))
	.transform((texts) => texts.filter((t): t is string => t !== undefined));

export const additionalDataProperties = list
	.pipe(z.array(entry.pipe(z.object({ name: optionalText, value: optionalText }))))
	.transform((entries, ctx) => {
		entries.forEach(({ name, value }, index) => {
			if (name === undefined && value !== undefined) {
				fail(ctx, `has the value ${preview(value)} but no name`, [index]);
			}
		});
		return entries.filter(
			(p): p is { name: string; value: string } => p.name !== undefined && p.value !== undefined,
		);
	});
