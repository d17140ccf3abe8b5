import {
	formatDate,
	hasWallClockText,
	isDateText,
	parseDate,
	wallClockText,
} from '../../shared/values/dates';
import {
	currencyText,
	decimalText,
	dropsDigits,
	fitDecimal,
	isBlank,
	RULE_MESSAGES,
	type DecimalLimits,
	type FieldProblem,
	type FieldWarning,
} from '../../shared/values/rules';
import { checkedText, toText, ValueProblem } from '../../shared/values/text';
import type { Column } from './columns';

/**
 * How date columns are sent: `eloquaTime` as wall-clock time in the Eloqua time zone; `asGiven`
 * unchanged once known to be a date; `sql` and `iso` in UTC; `date` as a calendar date.
 */
export type DateHandling = 'eloquaTime' | 'asGiven' | 'sql' | 'date' | 'iso';

/** Eloqua's servers run on US Eastern time; Oracle documents no zone for Bulk import dates. */
export const DEFAULT_ELOQUA_ZONE = 'America/New_York';

/** Eloqua's numeric fields: up to 15 digits before the decimal point and 4 after. */
export const ELOQUA_NUMBERS: DecimalLimits = { integerDigits: 15, decimals: 4 };

export interface RowRules {
	columns: Column[];
	/** The workflow's time zone, for date-times without an offset. */
	zone: string;
	dateHandling: DateHandling;
	/** The zone Eloqua reads dates in, for `eloquaTime` (default US Eastern). */
	eloquaZone?: string;
}

/** A row ready to upload: column name → text, every column of the definition, a blank one as "". */
export type Row = Record<string, string>;

/** What one item's check found: the rules its values break, and the changes made to send them. */
export interface RowCheck {
	problems?: FieldProblem[];
	warnings?: FieldWarning[];
}

/** A date as it is sent: unchanged ("as given", once known to be a date), or normalised to one format. */
function dateValue(text: string, rules: RowRules): string | undefined {
	const handling = rules.dateHandling;
	if (handling === 'asGiven') return isDateText(text, rules.zone) ? text : undefined;
	// Text without an offset is the time it says: the common forms need no date built.
	if (handling === 'eloquaTime') {
		const wallClock = wallClockText(text);
		if (wallClock !== undefined) return wallClock;
	}
	const date = parseDate(text, rules.zone);
	if (!date) return undefined;
	if (handling === 'eloquaTime')
		return formatDate(date, 'wallClock', rules.eloquaZone ?? DEFAULT_ELOQUA_ZONE);
	return formatDate(date, handling);
}

/** A number as plain decimal text (a JavaScript number written out in full), before fitting. */
const decimalOf = (value: unknown, text: string) =>
	decimalText(typeof value === 'number' ? value : text);

/** A non-blank value as its column's kind sends it, or undefined when it breaks the kind's rule. */
function kindValue(
	column: Column,
	value: unknown,
	text: string,
	rules: RowRules,
): string | undefined {
	switch (column.kind) {
		case 'number': {
			const decimal = decimalOf(value, text);
			return decimal === undefined ? undefined : fitDecimal(decimal, ELOQUA_NUMBERS);
		}
		case 'currency':
			return currencyText(text);
		case 'date':
			return dateValue(text, rules);
		default:
			return text;
	}
}

/** Whether a non-blank value can be sent as its kind: for the common dates, without making the text. */
function isSendable(column: Column, value: unknown, text: string, rules: RowRules): boolean {
	if (column.kind === 'date' && rules.dateHandling === 'eloquaTime' && hasWallClockText(text))
		return true;
	return kindValue(column, value, text, rules) !== undefined;
}

/** Why a number cannot be sent, or what sending it changes (rounding), or nothing. */
function checkNumber(value: unknown, text: string): ValueProblem | string | undefined {
	const decimal = decimalOf(value, text);
	if (decimal === undefined) return new ValueProblem(RULE_MESSAGES.number(text));
	const sent = fitDecimal(decimal, ELOQUA_NUMBERS);
	if (sent === undefined)
		return new ValueProblem(RULE_MESSAGES.integerDigits(ELOQUA_NUMBERS, value));
	if (dropsDigits(decimal, ELOQUA_NUMBERS.decimals))
		return RULE_MESSAGES.rounded(ELOQUA_NUMBERS, sent);
	return undefined;
}

/**
 * Checks one cell: converted to text, then checked for presence and its kind's rule. Returns the
 * problem, a sentence about a change made to send it, or nothing when the cell is sent as it is.
 */
function checkCell(
	column: Column,
	value: unknown,
	rules: RowRules,
): ValueProblem | string | undefined {
	const text = toText(value);
	if (text instanceof ValueProblem) return text;
	if (isBlank(text)) return column.required ? new ValueProblem(RULE_MESSAGES.required) : undefined;
	if (column.kind === 'number') return checkNumber(value, text!);
	if (column.kind === 'text' || isSendable(column, value, text!, rules)) return undefined;
	return new ValueProblem(RULE_MESSAGES[column.kind](text));
}

/**
 * A checked cell as it is sent, or `undefined` to leave the column out. The values are read again
 * when the rows are serialised rather than kept as copies, so this only converts: the checks ran.
 */
export function cellValue(column: Column, value: unknown, rules: RowRules): string | undefined {
	const text = toText(value);
	if (typeof text !== 'string') return undefined;
	return isBlank(text) ? text : kindValue(column, value, text, rules);
}

/** The text a checked cell is sent as: a blank or left-out value as "". */
export function sentText(column: Column, value: unknown, rules: RowRules): string {
	const text = checkedText(value);
	if (text === undefined || isBlank(text)) return '';
	return kindValue(column, value, text, rules) ?? '';
}

/** Returns a function that checks one item's values against the columns' rules: undefined when all is well. */
export function rowChecker(
	rules: RowRules,
): (values: Record<string, unknown>) => RowCheck | undefined {
	return (values) => {
		let found: RowCheck | undefined;
		for (const column of rules.columns) {
			const value = values[column.name];
			const checked = checkCell(column, value, rules);
			if (checked === undefined) continue;
			found = found ?? {};
			if (checked instanceof ValueProblem) {
				found.problems = found.problems ?? [];
				found.problems.push({ field: column.name, message: `${column.name} ${checked.problem}` });
			} else {
				found.warnings = found.warnings ?? [];
				found.warnings.push({ field: column.name, value, message: `${column.name} ${checked}` });
			}
		}
		return found;
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
		for (const column of rules.columns)
			row[column.name] = sentText(column, values[column.name], rules);
		return row;
	};
}
