import { z } from 'zod';

import {
	formatDate,
	isDateText,
	parseDate,
	type DateOutputFormat,
} from '../../shared/values/dates';
import { preview, toText, ValueProblem } from '../../shared/values/text';
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
	number: (text) =>
		`must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got ${preview(text)}`,
	currency: (text) =>
		`must be a three-letter currency code such as USD or EUR, got ${preview(text)}`,
	date: (text) =>
		`must be a date (for example 2024-05-01 or 2024-05-01 13:15), got ${preview(text)}`,
};

/** A date as it is sent: unchanged ("as given", once known to be a date), or normalised to one format. */
function dateValue(text: string, rules: RowRules): string | undefined {
	if (rules.dateHandling === 'asGiven') return isDateText(text, rules.zone) ? text : undefined;
	const date = parseDate(text, rules.zone);
	return date && formatDate(date, rules.dateHandling);
}

/**
 * Checks one cell: converted to text, then checked for presence, its kind's zod rule and (dates)
 * the calendar. Returns the problem, or nothing when the cell may be sent.
 */
function checkCell(column: Column, value: unknown, rules: RowRules): ValueProblem | undefined {
	const text = toText(value);
	if (text instanceof ValueProblem) return text;
	if (text === undefined || text.trim() === '') {
		return column.required ? new ValueProblem('is required and must not be empty') : undefined;
	}
	// Text needs no rule beyond being text, which the conversion made sure of.
	if (column.kind === 'text') return undefined;
	if (!KIND_RULES[column.kind].safeParse(text).success)
		return new ValueProblem(KIND_PROBLEMS[column.kind](text));
	if (column.kind === 'date' && dateValue(text, rules) === undefined)
		return new ValueProblem(KIND_PROBLEMS.date(text));
	return undefined;
}

/**
 * A checked cell as it is sent, or `undefined` to leave the column out. The values are read again
 * when the rows are serialised rather than kept as copies, so this only converts: the checks ran.
 */
export function cellValue(column: Column, value: unknown, rules: RowRules): string | undefined {
	const text = toText(value);
	if (typeof text !== 'string' || text.trim() === '')
		return typeof text === 'string' ? text : undefined;
	switch (column.kind) {
		case 'number':
			return text.trim();
		case 'currency':
			return text.trim().toUpperCase();
		case 'date':
			return dateValue(text, rules);
		default:
			return text;
	}
}

/** Returns a function that checks one item's values against the columns' rules. */
export function rowChecker(
	rules: RowRules,
): (values: Record<string, unknown>) => FieldProblem[] | undefined {
	return (values) => {
		let problems: FieldProblem[] | undefined;
		for (const column of rules.columns) {
			const problem = checkCell(column, values[column.name], rules);
			if (problem) {
				problems = problems ?? [];
				problems.push({ field: column.name, message: `${column.name} ${problem.problem}` });
			}
		}
		return problems;
	};
}

/** Returns a function that turns one checked item's values into the row that is uploaded. */
export function rowBuilder(rules: RowRules): (values: Record<string, unknown>) => Row {
	return (values) => {
		const row: Row = {};
		for (const column of rules.columns) {
			const value = cellValue(column, values[column.name], rules);
			if (value !== undefined) row[column.name] = value;
		}
		return row;
	};
}
