'use strict';
// Eloqua's list parameters, as API-CONTRACT.md names them for `GET /opportunities/imports` and
// `GET /syncs` ("paged: items, hasMore, offset, limit, totalResults; q, orderBy") and as Oracle's
// "Retrieve a list of syncs" page spells them: `q` is `term<operator>value` with `*` as wildcard
// (clauses joined by ` and `), `orderBy` is `term ASC|DESC`, `limit` ≤ 1000, `offset`.

const OPERATORS = ['!=', '>=', '<=', '=', '>', '<'];

/** `syncedInstanceUri='/opportunities/imports/3'` → {term, operator, value}; quotes are optional. */
function parseClause(text) {
	const clause = text.trim().replace(/^"(.*)"$/, '$1');
	for (const operator of OPERATORS) {
		const at = clause.indexOf(operator);
		if (at <= 0) continue;
		const value = clause
			.slice(at + operator.length)
			.trim()
			.replace(/^'(.*)'$/, '$1');
		return { term: clause.slice(0, at).trim(), operator, value };
	}
	return undefined;
}

function wildcard(value) {
	const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'i');
}

function holds(item, { term, operator, value }) {
	const actual = String(item[term] ?? '');
	if (operator === '=') return wildcard(value).test(actual);
	if (operator === '!=') return !wildcard(value).test(actual);
	const order = actual.localeCompare(value);
	return { '>': order > 0, '<': order < 0, '>=': order >= 0, '<=': order <= 0 }[operator];
}

/** Filters by `q`; an unreadable `q` matches nothing, so a client's typo cannot look like "all". */
function filter(items, q) {
	if (!q) return items;
	const clauses = q
		.replace(/^"(.*)"$/, '$1')
		.split(/\s+and\s+/i)
		.map(parseClause);
	if (clauses.some((c) => !c)) return [];
	return items.filter((item) => clauses.every((clause) => holds(item, clause)));
}

function order(items, orderBy) {
	if (!orderBy) return items;
	const [term, direction = 'ASC'] = orderBy.trim().split(/\s+/);
	const sign = direction.toUpperCase() === 'DESC' ? -1 : 1;
	const key = (item) => item[term];
	return [...items].sort((a, b) => {
		const [x, y] = [key(a), key(b)];
		if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
		return sign * String(x ?? '').localeCompare(String(y ?? ''));
	});
}

function page(items, query, max = 1000) {
	const limit = Math.min(Number(query.get('limit') ?? max) || max, max);
	const offset = Number(query.get('offset') ?? 0) || 0;
	const slice = items.slice(offset, offset + limit);
	return {
		items: slice,
		totalResults: items.length,
		limit,
		offset,
		count: slice.length,
		hasMore: offset + slice.length < items.length,
	};
}

/** `q`, then `orderBy`, then the page. */
function list(items, query) {
	return page(order(filter(items, query.get('q')), query.get('orderBy')), query);
}

module.exports = { list, page };
