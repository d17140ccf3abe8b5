import { preview } from './text';

/**
 * The value rules both nodes apply to a cell, with one sentence each. A node names the field, the
 * sentence says the rule: "Amount must be a number like 1000 …". Checks return the text to send,
 * or `undefined` when the rule is not met, so that checking a million cells allocates nothing.
 */

/** One problem with one field of one item: the field as the node names it, and the whole sentence. */
export interface FieldProblem {
	field: string;
	message: string;
}

/** A change made to one field's value so that it can be sent (a number rounded): the item says so. */
export interface FieldWarning extends FieldProblem {
	/** The value as the item gave it. */
	value: unknown;
}

/** How many digits a number field keeps before and after the decimal point. */
export interface DecimalLimits {
	integerDigits: number;
	decimals: number;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const CURRENCY = /^[A-Za-z]{3}$/;

/** Every rule's sentence, read after the field's name. */
export const RULE_MESSAGES = {
	required: 'is required and must not be empty',
	number: (got: unknown) =>
		`must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got ${preview(got)}`,
	currency: (got: unknown) =>
		`must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got ${preview(got)}`,
	date: (got: unknown) =>
		`must be a date such as 2024-05-01 or 2024-05-01 13:15:00, got ${preview(got)}`,
	oneOf: (allowed: readonly string[], got: unknown) =>
		`must be one of ${allowed.map((value) => preview(value)).join(', ')} (exact spelling and case), got ${preview(got)}`,
	integerDigits: (limits: DecimalLimits, got: unknown) =>
		`must have at most ${limits.integerDigits} digits before the decimal point (and ${limits.decimals} after), got ${preview(got)}`,
	rounded: (limits: DecimalLimits, sent: string) =>
		`has more than ${limits.decimals} decimals; sent rounded to ${sent}`,
	repeated: (what: string, earlierItem: number, rule: string) =>
		`${what} was already used by item ${earlierItem}; ${rule}, so this item was not sent`,
} as const;

/** True for text that is empty once its surrounding spaces are removed. */
export function isBlank(text: string | undefined): boolean {
	return text === undefined || text.trim() === '';
}

/** A plain decimal number as sent (trimmed), or undefined: no thousands separators, symbols or exponents. */
export function numberText(text: string): string | undefined {
	const trimmed = text.trim();
	return NUMBER.test(trimmed) ? trimmed : undefined;
}

/** A JavaScript number in plain decimal digits: 1e21 is 1000000000000000000000, 1e-7 is 0.0000001. */
function plainDigits(value: number): string {
	const text = String(value);
	const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!match) return text;
	const [, sign, head, tail = '', exponent] = match;
	const digits = head + tail;
	const point = 1 + Number(exponent);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A number as plain decimal text, or undefined: a JavaScript number written out in full (never
 * 1e+21), text only when it is plain decimal already (see `numberText`).
 */
export function decimalText(value: number | string): string | undefined {
	if (typeof value === 'string') return numberText(value);
	return Number.isFinite(value) ? plainDigits(value) : undefined;
}

const fractionOf = (decimal: string) => {
	const point = decimal.indexOf('.');
	return point < 0 ? '' : decimal.slice(point + 1);
};

/** Digits before the decimal point, leading zeros not counted. */
function integerDigits(decimal: string): number {
	let count = 0;
	for (const char of decimal) {
		if (char === '.') break;
		if (char !== '-' && (count > 0 || char !== '0')) count += 1;
	}
	return count;
}

/** Whether fitting the decimal to `decimals` changes its value (a digit other than 0 is cut). */
export function dropsDigits(decimal: string, decimals: number): boolean {
	return /[1-9]/.test(fractionOf(decimal).slice(decimals));
}

/**
 * Plain decimal text fitted to a field's limits: more decimals than allowed are rounded half away
 * from zero (zeros they leave at the end dropped); undefined when the integer part has more digits
 * than allowed, before or after rounding. Text that fits is returned as it is.
 */
export function fitDecimal(decimal: string, limits: DecimalLimits): string | undefined {
	const fraction = fractionOf(decimal);
	if (fraction.length > limits.decimals) {
		const negative = decimal.startsWith('-');
		const whole = decimal.slice(negative ? 1 : 0, decimal.indexOf('.')) || '0';
		const roundUp = fraction[limits.decimals] >= '5' ? BigInt(1) : BigInt(0);
		const scaled = BigInt(whole + fraction.slice(0, limits.decimals)) + roundUp;
		const digits = scaled.toString().padStart(limits.decimals + 1, '0');
		const cut = digits.length - limits.decimals;
		const kept = digits.slice(cut).replace(/0+$/, '');
		const sign = negative && scaled > BigInt(0) ? '-' : '';
		return fitDecimal(sign + digits.slice(0, cut) + (kept ? `.${kept}` : ''), limits);
	}
	return integerDigits(decimal) <= limits.integerDigits ? decimal : undefined;
}

/** A three-letter currency code as sent (upper case), or undefined. */
export function currencyText(text: string): string | undefined {
	const trimmed = text.trim();
	return CURRENCY.test(trimmed) ? trimmed.toUpperCase() : undefined;
}

/** The text when it is one of `allowed` exactly (spelling and case), or undefined. */
export function oneOfText(text: string, allowed: readonly string[]): string | undefined {
	return allowed.includes(text) ? text : undefined;
}

/**
 * Which item first used each key in a run. A repeat is reported against the earlier item and never
 * merged into it: items must be offered in input order for "earlier" to hold.
 */
export class FirstUse {
	private readonly seen = new Map<string, number>();

	/** The earlier item that used `key`, or undefined when this item is the first (and now owns it). */
	claim(key: string, itemIndex: number): number | undefined {
		const earlier = this.seen.get(key);
		if (earlier === undefined) this.seen.set(key, itemIndex);
		return earlier;
	}
}
