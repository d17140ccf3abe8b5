import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/** `{{ $json.amount }}`, `{{ $json.deal.amount }}`, `{{ $json["Deal Amount"] }}`: one field of the item. */
const FIELD_EXPRESSION =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*'|\d+)\])+)\s*\}\}$/;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\["([^"\\]*)"\]|\['([^'\\]*)'\]|\[(\d+)\]/g;

/** A parameter's raw value with each field expression replaced by the path it reads. */
type Plan = { path: string[] } | Plan[] | { [key: string]: Plan } | NodeParameterValueType;

const isPath = (plan: unknown): plan is { path: string[] } =>
	typeof plan === 'object' && plan !== null && 'path' in plan && Array.isArray(plan.path);

function fieldPath(expression: string): string[] | undefined {
	const steps = FIELD_EXPRESSION.exec(expression)?.[1];
	if (steps === undefined) return undefined;
	return [...steps.matchAll(PATH_STEP)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

/** The plan of a raw value; undefined when some expression is more than a field of the item. */
function planOf(raw: unknown): Plan | undefined {
	if (typeof raw === 'string' && raw.startsWith('=')) {
		const path = fieldPath(raw);
		return path ? { path } : undefined;
	}
	if (Array.isArray(raw)) {
		const plans = raw.map(planOf);
		return plans.includes(undefined) ? undefined : (plans as Plan[]);
	}
	if (typeof raw === 'object' && raw !== null) {
		const plans: Record<string, Plan> = {};
		for (const [key, value] of Object.entries(raw)) {
			const plan = planOf(value);
			if (plan === undefined) return undefined;
			plans[key] = plan;
		}
		return plans;
	}
	return raw as Plan;
}

const hasExpression = (raw: unknown): boolean =>
	typeof raw === 'string'
		? raw.startsWith('=')
		: typeof raw === 'object' && raw !== null && Object.values(raw).some(hasExpression);

/** A value an expression gives back unchanged; anything else is left to n8n. */
const isPlain = (value: unknown) =>
	typeof value === 'string' ||
	typeof value === 'boolean' ||
	(typeof value === 'number' && Number.isFinite(value));

const NOT_PLAIN = Symbol('not plain');

function fieldOf(json: IDataObject | undefined, path: string[]): unknown {
	let value: unknown = json;
	for (const step of path) {
		if (
			typeof value !== 'object' ||
			value === null ||
			!Object.prototype.hasOwnProperty.call(value, step)
		)
			return NOT_PLAIN;
		value = (value as IDataObject)[step];
	}
	return isPlain(value) ? value : NOT_PLAIN;
}

/** The value of a plan for one item, or NOT_PLAIN when a field it reads is not a plain value. */
function valueOf(plan: Plan, json: IDataObject | undefined): unknown {
	if (isPath(plan)) return fieldOf(json, plan.path);
	if (Array.isArray(plan)) {
		const values = plan.map((entry) => valueOf(entry, json));
		return values.includes(NOT_PLAIN) ? NOT_PLAIN : values;
	}
	if (typeof plan === 'object' && plan !== null) {
		const values: IDataObject = {};
		for (const [key, entry] of Object.entries(plan)) {
			const value = valueOf(entry as Plan, json);
			if (value === NOT_PLAIN) return NOT_PLAIN;
			values[key] = value as IDataObject[string];
		}
		return values;
	}
	return plan;
}

/**
 * Reads one parameter for every item as `getNodeParameter` does, at a fraction of its cost on
 * large runs: n8n builds its whole expression context for each expression of each item (most of a
 * batch upload's time). A value without expressions is read once for all items; one whose
 * expressions each name a field of the item (`{{ $json.amount }}`) takes the field from the item
 * when it holds a text, number or true/false there. Anything else (other expressions, a missing
 * field, an object) goes through `getNodeParameter`, errors included.
 */
export class ParameterReader {
	/** No expression in it: the same for every item, read once. */
	private readonly once: boolean;

	private readonly plan?: Plan;

	private cached?: { value: unknown };

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly path: string,
		private readonly fallback: unknown,
	) {
		const raw = rawValue(context.getNode().parameters, path);
		this.once = raw !== undefined && !hasExpression(raw);
		if (raw !== undefined && !this.once) this.plan = planOf(raw);
	}

	read(itemIndex: number): unknown {
		if (this.once) {
			this.cached ??= { value: this.viaN8n(itemIndex) };
			// Each item gets its own copy, as from n8n.
			return structuredClone(this.cached.value);
		}
		if (this.plan !== undefined) {
			const value = valueOf(this.plan, this.context.getInputData()[itemIndex]?.json);
			if (value !== NOT_PLAIN) return value;
		}
		return this.viaN8n(itemIndex);
	}

	private viaN8n(itemIndex: number): unknown {
		return this.context.getNodeParameter(this.path, itemIndex, this.fallback as never);
	}
}

function rawValue(parameters: IDataObject, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}
