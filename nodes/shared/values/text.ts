import { DateTime } from 'luxon';

/** A short preview of a value for error messages: text in quotes, anything else as JSON. */
export function preview(value: unknown): string {
	const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
	if (typeof value === 'string') return JSON.stringify(clip(value));
	try {
		return clip(JSON.stringify(value) ?? String(value));
	} catch {
		return clip(String(value));
	}
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text can be encoded as UTF-8 (no unpaired UTF-16 surrogates). */
export function isWellFormedText(text: string): boolean {
	// Most text has no surrogates at all; only text with some needs the slower pairing check.
	return !SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}

/** Why a value cannot be sent. Returned, not thrown, so that checking a million cells stays cheap. */
export class ValueProblem {
	constructor(readonly problem: string) {}
}

/**
 * Turns an item's value into the text an API receives. Missing values, null and the strings "null"
 * and "undefined" (what a stringified empty expression gives) become `undefined`: left out, never
 * sent. Runs once per cell of a bulk import, so a usable value costs no allocation.
 */
export function toText(value: unknown): string | undefined | ValueProblem {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		if (value === 'null' || value === 'undefined') return undefined;
		return isWellFormedText(value)
			? value
			: new ValueProblem(
					'contains characters that cannot be encoded as UTF-8 (a broken emoji or surrogate)',
				);
	}
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? String(value)
			: new ValueProblem(`must be a finite number, got ${String(value)}`);
	}
	if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) {
		return Number.isNaN(value.getTime())
			? new ValueProblem('is an invalid date')
			: value.toISOString();
	}
	if (DateTime.isDateTime(value)) {
		return value.isValid ? (value.toISO() ?? '') : new ValueProblem('is an invalid date');
	}
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	return new ValueProblem(`must be text, a number or a date, not ${kind} (${preview(value)})`);
}

/**
 * `toText` for a value it has already accepted (the checks ran): the same text, without testing
 * the text again. Runs once per cell when rows are serialised.
 */
export function checkedText(value: unknown): string | undefined {
	if (typeof value === 'string')
		return value === 'null' || value === 'undefined' ? undefined : value;
	const text = toText(value);
	return typeof text === 'string' ? text : undefined;
}
