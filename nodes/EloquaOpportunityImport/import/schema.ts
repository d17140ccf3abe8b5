import { z } from 'zod';

import { formatDate, parseDate, type DateOutputFormat } from '../../shared/dates';
import { preview, toText } from '../../shared/values';
import type { Column } from './columns';

export type DateHandling = 'asGiven' | DateOutputFormat;

export interface RowRules {
	columns: Column[];
	/** The workflow's time zone, for date-times without an offset. */
	zone: string;
	dateHandling: DateHandling;
}

/** A row ready to upload: column name → text. Columns without a value are left out. */
export type Row = Record<string, string>;

export interface FieldProblem {
	field: string;
	message: string;
}

export type RowCheck = { ok: true; row: Row } | { ok: false; problems: FieldProblem[] };

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const CURRENCY = /^[A-Za-z]{3}$/;

type Fail = (message: string) => never;

function checkKind(column: Column, text: string, rules: RowRules, fail: Fail): string {
	const trimmed = text.trim();
	switch (column.kind) {
		case 'number':
			return NUMBER.test(trimmed)
				? trimmed
				: fail(`must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got ${preview(text)}`);
		case 'currency':
			return CURRENCY.test(trimmed)
				? trimmed.toUpperCase()
				: fail(`must be a three-letter currency code such as USD or EUR, got ${preview(text)}`);
		case 'date': {
			const date = parseDate(text, rules.zone);
			if (!date) return fail(`must be a date (for example 2024-05-01 or 2024-05-01 13:15), got ${preview(text)}`);
			return rules.dateHandling === 'asGiven' ? text : formatDate(date, rules.dateHandling);
		}
		default:
			return text;
	}
}

/** The zod schema of one column: converts the item's value to text, then checks its presence and kind. */
function columnSchema(column: Column, rules: RowRules): z.ZodType<string | undefined, z.ZodTypeDef, unknown> {
	return z.unknown().transform((value, ctx) => {
		const fail: Fail = (message) => {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message });
			return z.NEVER;
		};
		const converted = toText(value);
		if (!converted.ok) return fail(converted.problem);
		const text = converted.text;
		if (text === undefined || text.trim() === '') {
			return column.required ? fail('is required and must not be empty') : text;
		}
		return checkKind(column, text, rules, fail);
	});
}

/** Compiles the rules once per run; the returned function checks one item's values. */
export function rowChecker(rules: RowRules): (values: Record<string, unknown>) => RowCheck {
	const schemas = rules.columns.map((column) => ({ column, schema: columnSchema(column, rules) }));
	return (values) => {
		const row: Row = {};
		const problems: FieldProblem[] = [];
		for (const { column, schema } of schemas) {
			const parsed = schema.safeParse(values[column.name]);
			if (!parsed.success) {
				problems.push({ field: column.name, message: `${column.name} ${parsed.error.issues[0].message}` });
			} else if (parsed.data !== undefined) {
				row[column.name] = parsed.data;
			}
		}
		return problems.length ? { ok: false, problems } : { ok: true, row };
	};
}
