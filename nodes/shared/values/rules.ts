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
