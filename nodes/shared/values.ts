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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text can be encoded as UTF-8 (no unpaired UTF-16 surrogates). */
export function isWellFormedText(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

export type TextResult = { ok: true; text: string | undefined } | { ok: false; problem: string };

/**
 * Turns an item's value into the text an API receives. Missing values, null and the strings "null"
 * and "undefined" (what a stringified empty expression gives) become `undefined`: left out, never sent.
 */
export function toText(value: unknown): TextResult {
	if (value === undefined || value === null) return { ok: true, text: undefined };
	if (typeof value === 'string') {
		if (value === 'null' || value === 'undefined') return { ok: true, text: undefined };
		return isWellFormedText(value)
			? { ok: true, text: value }
			: { ok: false, problem: 'contains characters that cannot be encoded as UTF-8 (a broken emoji or surrogate)' };
	}
	if (typeof value === 'number') {
		return Number.isFinite(value) ? { ok: true, text: String(value) } : { ok: false, problem: `must be a finite number, got ${String(value)}` };
	}
	if (typeof value === 'boolean' || typeof value === 'bigint') return { ok: true, text: String(value) };
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? { ok: false, problem: 'is an invalid date' } : { ok: true, text: value.toISOString() };
	}
	if (DateTime.isDateTime(value)) {
		return value.isValid ? { ok: true, text: value.toISO() ?? '' } : { ok: false, problem: 'is an invalid date' };
	}
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	return { ok: false, problem: `must be text, a number or a date, not ${kind} (${preview(value)})` };
}
