/** A name compared loosely: case, spaces, underscores and hyphens do not count. */
const loose = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** An input field whose name differs from a column's only in case, spaces, underscores or hyphens. */
export interface NearMiss {
	field: string;
	column: string;
}

/** The fields that almost match one of the columns, in the fields' order. */
export function nearMisses(fields: readonly string[], columns: readonly string[]): NearMiss[] {
	const byLooseName = new Map<string, string>();
	for (const column of columns)
		if (!byLooseName.has(loose(column))) byLooseName.set(loose(column), column);
	const misses: NearMiss[] = [];
	for (const field of fields) {
		const column = byLooseName.get(loose(field));
		if (column !== undefined && column !== field) misses.push({ field, column });
	}
	return misses;
}

/** "found `Opportunity ID` — did you mean `OpportunityID`?" for each near miss. */
export const didYouMean = (misses: readonly NearMiss[]): string =>
	misses.map(({ field, column }) => `found \`${field}\` — did you mean \`${column}\`?`).join(' ');
