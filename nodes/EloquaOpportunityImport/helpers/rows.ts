import {
	formatDate,
	isDateText,
	parseDate,
	type DateOutputFormat,
} from '../../shared/values/dates';
import {
	currencyText,
	isBlank,
	numberText,
	RULE_MESSAGES,
	type FieldProblem,
} from '../../shared/values/rules';
import { toText, ValueProblem } from '../../shared/values/text';
import type { Column } from './columns';

export type DateHandling = 'asGiven' | DateOutputFormat;

export interface RowRules {
	columns: Column[];
	/** The workflow's time zone, for date-times without an offset. */
	zone: string;
	dateHandling: DateHandling;
}

/** A row ready to upload: column name → text, every column of the definition, a blank one as "". */
export type Row = Record<string, string>;

/** A date as it is sent: unchanged ("as given", once known to be a date), or normalised to one format. */
function dateValue(text: string, rules: RowRules): string | undefined {
	if (rules.dateHandling === 'asGiven') return isDateText(text, rules.zone) ? text : undefined;
	const date = parseDate(text, rules.zone);
	return date && formatDate(date, rules.dateHandling);
}

/** A non-blank text as its column's kind sends it, or undefined when it breaks the kind's rule. */
function kindValue(column: Column, text: string, rules: RowRules): string | undefined {
	switch (column.kind) {
		case 'number':
			return numberText(text);
		case 'currency':
			return currencyText(text);
		case 'date':
			return dateValue(text, rules);
		default:
			return text;
	}
}

/**
 * Checks one cell: converted to text, then checked for presence and its kind's rule. Returns the
 * problem, or nothing when the cell may be sent.
 */
function checkCell(column: Column, value: unknown, rules: RowRules): ValueProblem | undefined {
	const text = toText(value);
	if (text instanceof ValueProblem) return text;
	if (isBlank(text)) return column.required ? new ValueProblem(RULE_MESSAGES.required) : undefined;
	if (column.kind === 'text' || kindValue(column, text!, rules) !== undefined) return undefined;
	return new ValueProblem(RULE_MESSAGES[column.kind](text));
}

/**
 * A checked cell as it is sent, or `undefined` to leave the column out. The values are read again
 * when the rows are serialised rather than kept as copies, so this only converts: the checks ran.
 */
export function cellValue(column: Column, value: unknown, rules: RowRules): string | undefined {
	const text = toText(value);
	if (typeof text !== 'string') return undefined;
	return isBlank(text) ? text : kindValue(column, text, rules);
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

/**
 * Returns a function that turns one checked item's values into the row that is uploaded. Every row
 * carries every column: Eloqua reads a left-out column as a blank cell anyway, so rows must not
 * differ in shape by accident; what a blank does is the definition's update rule.
 */
export function rowBuilder(rules: RowRules): (values: Record<string, unknown>) => Row {
	return (values) => {
		const row: Row = {};
		for (const column of rules.columns) {
			const value = cellValue(column, values[column.name], rules);
			row[column.name] = value === undefined || isBlank(value) ? '' : value;
		}
		return row;
	};
}
