import { z } from 'zod';

import { formatDate, isDateText, parseDate, type DateOutputFormat } from '../../shared/dates';
import { preview, toText, ValueProblem } from '../../shared/values';
import type { Column, ValueKind } from './columns';

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

/**
 * The zod rule each kind of column's text must meet. Only zod's own string checks are used: they
 * run once per cell, and zod's refinements and transforms cost some twenty times more.
 */
const KIND_RULES: Record<Exclude<ValueKind, 'text'>, z.ZodType<string, z.ZodTypeDef, string>> = {
	number: z.string().trim().regex(NUMBER),
	currency: z.string().trim().regex(CURRENCY).toUpperCase(),
	// The calendar is checked after the rule (a pattern cannot tell 30 February from 28).
	date: z.string().trim().min(1),
};

const KIND_PROBLEMS: Record<Exclude<ValueKind, 'text'>, (text: string) => string> = {
	number: (text) => `must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got ${preview(text)}`,
	currency: (text) => `must be a three-letter currency code such as USD or EUR, got ${preview(text)}`,
	date: (text) => `must be a date (for example 2024-05-01 or 2024-05-01 13:15), got ${preview(text)}`,
};

/** A date as it is sent: unchanged ("as given", once known to be a date), or normalised to one format. */
function dateValue(text: string, rules: RowRules): string | undefined {
	if (rules.dateHandling === 'asGiven') return isDateText(text, rules.zone) ? text : undefined;
	const date = parseDate(text, rules.zone);
	return date && formatDate(date, rules.dateHandling);
}

/**
 * One cell as it is sent: converted to text, then checked for presence, its kind's zod rule and
 * (dates) the calendar. `undefined` leaves the column out of the row.
 */
function checkCell(column: Column, value: unknown, rules: RowRules): string | undefined | ValueProblem {
	const text = toText(value);
	if (text instanceof ValueProblem) return text;
	if (text === undefined || text.trim() === '') {
		return column.required ? new ValueProblem('is required and must not be empty') : text;
	}
	// Text needs no rule beyond being text, which the conversion made sure of.
	if (column.kind === 'text') return text;
	const parsed = KIND_RULES[column.kind].safeParse(text);
	if (!parsed.success) return new ValueProblem(KIND_PROBLEMS[column.kind](text));
	if (column.kind !== 'date') return parsed.data;
	return dateValue(text, rules) ?? new ValueProblem(KIND_PROBLEMS.date(text));
}

/** Returns a function that checks one item's values against the columns' rules. */
export function rowChecker(rules: RowRules): (values: Record<string, unknown>) => RowCheck {
	return (values) => {
		const row: Row = {};
		let problems: FieldProblem[] | undefined;
		for (const column of rules.columns) {
			const cell = checkCell(column, values[column.name], rules);
			if (cell instanceof ValueProblem) {
				problems = problems ?? [];
				problems.push({ field: column.name, message: `${column.name} ${cell.problem}` });
			} else if (cell !== undefined) {
				row[column.name] = cell;
			}
		}
		return problems ? { ok: false, problems } : { ok: true, row };
	};
}
