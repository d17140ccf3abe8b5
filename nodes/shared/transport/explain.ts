import type { HttpResult } from './http';

/** A sentence saying what went wrong, and one saying what to do about it. */
export interface Explanation {
	message: string;
	description: string;
}

export type StatusExplanations = Record<number, Explanation>;

const MAX_BODY_TEXT = 500;
/** Most characters of an answer body an output item repeats: a hostile server could send megabytes. */
const MAX_ECHOED_BODY = 10_000;

/** Masks anything that looks like a credential, in case a server echoes a request back. */
export function redact(text: string): string {
	return text
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]+/gi, '$1 [redacted]')
		.replace(
			/("?(?:access_token|refresh_token|password|client_secret|authorization)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
			'$1[redacted]',
		);
}

/**
 * A parsed answer body for output items, with anything that looks like a credential masked; null
 * when empty. A body longer than 10,000 characters is given as its clipped text.
 */
export function redactBody(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return null;
	const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	if (text.length > MAX_ECHOED_BODY)
		return `${redact(text.slice(0, MAX_ECHOED_BODY))}… (clipped: ${text.length} characters)`;
	if (typeof body === 'string') return redact(body);
	const redacted = redact(text);
	try {
		return JSON.parse(redacted);
	} catch {
		return redacted;
	}
}

function clip(text: string): string {
	// Flattening whitespace only shortens a text: a slice of a long one is enough to start from.
	const flat = text
		.slice(0, MAX_BODY_TEXT * 4)
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length > MAX_BODY_TEXT ? `${flat.slice(0, MAX_BODY_TEXT)}…` : flat;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** One line per field problem, for bodies shaped like `{field|property|parameter, value, constraint|requirement|message}`. */
function fieldProblem(entry: unknown): string | undefined {
	const record = asRecord(entry);
	if (!record) return typeof entry === 'string' ? entry : undefined;
	const field =
		record.field ?? record.property ?? record.parameter ?? record.Field ?? record.PropertyName;
	const rule =
		record.constraint ??
		record.requirement ??
		record.message ??
		record.Message ??
		record.ErrorMessage;
	const ruleText = asRecord(rule) ? JSON.stringify(rule) : rule;
	if (field === undefined && ruleText === undefined) return undefined;
	const value = record.value === undefined ? '' : ` (value ${JSON.stringify(record.value)})`;
	return [field, ruleText].filter((part) => part !== undefined).join(': ') + value;
}

/** The field-level problems a vendor listed in an error body, if it listed any. */
export function bodyFieldProblems(body: unknown): string[] {
	const record = asRecord(body);
	const list = Array.isArray(body)
		? body
		: (record?.failures ?? record?.errors ?? record?.Errors ?? record?.validationErrors);
	if (Array.isArray(list)) return list.map(fieldProblem).filter((p): p is string => !!p);
	const errors = asRecord(record?.errors);
	if (errors) {
		return Object.entries(errors).map(([field, problem]) => `${field}: ${String(problem)}`);
	}
	return [];
}

/** A short, secret-free text of an error body: its field problems, its message, or the raw text. */
export function bodyText(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	const problems = bodyFieldProblems(body);
	if (problems.length) return redact(clip(problems.join('; ')));
	const record = asRecord(body);
	const message =
		record?.message ??
		record?.Message ??
		record?.error_description ??
		record?.error ??
		record?.title ??
		record?.detail;
	if (typeof message === 'string') return redact(clip(message));
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return redact(clip(text ?? ''));
}

const GENERIC: Explanation = {
	message: 'The service answered with an unexpected error',
	description:
		'Check the service status and try again; if it persists, contact the vendor with the details below.',
};

/** Explains a failed request: the vendor's own sentence for its status, plus what its body said. */
export function explainFailure(
	result: HttpResult,
	statuses: StatusExplanations,
	service: string,
): Explanation & { httpStatus?: number; body?: string } {
	if (result.kind === 'cancelled') {
		return { message: 'The execution was cancelled', description: 'Nothing more was sent.' };
	}
	if (result.kind === 'network') {
		return {
			message: `Could not reach ${service} (${result.code}${result.message ? `: ${redact(clip(result.message))}` : ''})`,
			description: `The connection to ${result.url} failed before an answer arrived. Check the URL in the credential, the network and any proxy, then run the workflow again.`,
		};
	}
	const known = statuses[result.status] ?? {
		...GENERIC,
		message: `${GENERIC.message} (HTTP ${result.status})`,
	};
	const text = bodyText(result.body);
	return {
		message: known.message,
		description: text ? `${known.description} ${service} said: ${text}` : known.description,
		httpStatus: result.status,
		body: text || undefined,
	};
}

/** What any thrown error says: n8n's errors, the nodes' own, or anything else thrown. */
export interface ErrorFields {
	message: string;
	description?: string;
	httpStatus?: number;
}

/** Reads message, description and HTTP status from any thrown error, the one way both nodes do. */
export function errorFields(error: unknown): ErrorFields {
	const e = (error ?? {}) as { message?: unknown; description?: unknown; httpCode?: unknown };
	const httpStatus = Number(e.httpCode);
	return {
		message: String(e.message ?? error),
		description: typeof e.description === 'string' && e.description ? e.description : undefined,
		httpStatus: Number.isInteger(httpStatus) && httpStatus > 0 ? httpStatus : undefined,
	};
}
