import type { DateTime } from 'luxon';
import { z } from 'zod';

import { formatDate, parseDate, type ParsedDate } from '../shared/values/dates';
import { preview, toText, ValueProblem } from '../shared/values/text';
import { IDENTIFIER_KEYS } from './description';

export type IdentifierKey = (typeof IDENTIFIER_KEYS)[number];

export interface ItemRules {
	/** The workflow's time zone, for date-times without an offset. */
	zone: string;
	now: DateTime;
	dateFormat: 'date' | 'dateTime';
	roundValue: boolean;
	stripCookiePrefix: boolean;
}

/** One item's opportunity, checked and normalised, ready to become the request body. */
export interface Opportunity {
	siteId: string;
	value: number;
	dateTime: string;
	stage: string;
	currency: string;
	reference: string;
	identifiers: Array<{ key: IdentifierKey; value: string }>;
	labels: string[];
	properties: Array<{ name: string; value: string }>;
}

export interface FieldProblem {
	/** The node parameter the problem is in. */
	field: string;
	message: string;
}

export type ItemCheck =
	| { ok: true; opportunity: Opportunity }
	| { ok: false; problems: FieldProblem[] };

/** What the messages call each parameter, and one entry of each list parameter. */
const FIELD_LABELS: Record<string, string> = {
	siteId: 'Site ID',
	opportunityValue: 'Opportunity Value',
	opportunityDateTime: 'Opportunity Date',
	pipelineStage: 'Pipeline Stage',
	currencyCode: 'Currency Code',
	reference: 'Reference',
	visitorIdentifiers: 'Visitor Identifiers',
	labels: 'Labels',
	additionalDataProperties: 'Additional Data Properties',
};
const ENTRY_LABELS: Record<string, string> = {
	visitorIdentifiers: 'Visitor Identifier',
	labels: 'Label',
	additionalDataProperties: 'Additional Data Property',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const CURRENCY = /^[A-Za-z]{3}$/;
/** Letters, digits, "-" and "_": nothing that could add a path segment, a query or a fragment. */
const SITE_ID = /^[A-Za-z0-9_-]+$/;
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
	return text?.trim() || undefined;
});

const requiredText = optionalText.transform(
	(text, ctx) => text ?? fail(ctx, 'is required and must not be empty'),
);

const siteId = requiredText.transform((text, ctx) =>
	SITE_ID.test(text)
		? text
		: fail(
				ctx,
				`may only contain letters, digits, "-" and "_" (it becomes part of the request address), got ${preview(text)}`,
			),
);

const currency = requiredText.transform((text, ctx) =>
	CURRENCY.test(text)
		? text.toUpperCase()
		: fail(
				ctx,
				`must be a three-letter ISO 4217 code such as GBP, EUR or USD, got ${preview(text)}`,
			),
);

function opportunityValue(rules: ItemRules) {
	return z.unknown().transform((value, ctx) => {
		if (value === undefined || value === null || value === '') return fail(ctx, 'is required');
		const number =
			typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value.trim()) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			return fail(
				ctx,
				`must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got ${preview(value)}`,
			);
		}
		return rules.roundValue ? Math.round(number) : number;
	});
}

/** A date sent as a date may be today anywhere on earth; anything sent with a time is an instant. */
function isInFuture(date: ParsedDate, rules: ItemRules): boolean {
	if (date.dateOnly && rules.dateFormat === 'date') {
		return (date.utc.toISODate() ?? '') > (rules.now.setZone(LATEST_ZONE).toISODate() ?? '');
	}
	return date.utc > rules.now.plus({ minutes: CLOCK_SKEW_MINUTES });
}

function opportunityDate(rules: ItemRules) {
	return z.unknown().transform((value, ctx) => {
		if (value === undefined || value === null || value === '') return fail(ctx, 'is required');
		const date = parseDate(value, rules.zone);
		if (!date) {
			return fail(
				ctx,
				`must be a date such as 2024-05-01 or 2024-05-01T13:15:00, got ${preview(value)}`,
			);
		}
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

function visitorIdentifiers(rules: ItemRules) {
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

const labels = list
	.pipe(z.array(optionalText))
	.transform((texts) => texts.filter((t): t is string => t !== undefined));

const additionalDataProperties = list
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

/** The zod schema of one item's parameter values, compiled once per run. */
export function itemSchema(rules: ItemRules) {
	return z
		.object({
			siteId,
			opportunityValue: opportunityValue(rules),
			opportunityDateTime: opportunityDate(rules),
			pipelineStage: requiredText,
			currencyCode: currency,
			reference: requiredText,
			visitorIdentifiers: visitorIdentifiers(rules),
			labels,
			additionalDataProperties,
		})
		.transform(
			(v): Opportunity => ({
				siteId: v.siteId,
				value: v.opportunityValue,
				dateTime: v.opportunityDateTime,
				stage: v.pipelineStage,
				currency: v.currencyCode,
				reference: v.reference,
				identifiers: v.visitorIdentifiers,
				labels: v.labels,
				properties: v.additionalDataProperties,
			}),
		);
}

/** "Opportunity Value", or "Visitor Identifier 2 key" for a part of a list entry. */
function labelOf(path: Array<string | number>): string {
	const [field, index, part] = path;
	if (typeof index !== 'number') return fieldLabel(String(field));
	return [ENTRY_LABELS[String(field)], index + 1, part].filter((p) => p !== undefined).join(' ');
}

/** Checks one item's values; every problem is named by its parameter. */
export function itemChecker(rules: ItemRules): (values: Record<string, unknown>) => ItemCheck {
	const schema = itemSchema(rules);
	return (values) => {
		const parsed = schema.safeParse(values);
		if (parsed.success) return { ok: true, opportunity: parsed.data };
		return {
			ok: false,
			problems: parsed.error.issues.map((issue) => ({
				field: String(issue.path[0]),
				message: `${labelOf(issue.path)} ${issue.message}`,
			})),
		};
	};
}
