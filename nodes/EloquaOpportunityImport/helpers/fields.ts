import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import {
	customColumns,
	definitionColumns,
	STANDARD_COLUMNS,
	type Column,
	type EloquaField,
} from './columns';
import type { Definition } from './definition';

/** Every opportunity field of the instance (`GET /opportunities/fields`, paged). */
export async function listOpportunityFields(client: EloquaClient): Promise<EloquaField[]> {
	return (await readPages(client, '/opportunities/fields')) as EloquaField[];
}

/** Columns a definition created for the run can have: the standard ones, then the instance's custom fields. */
export async function columnsForNewDefinition(client: EloquaClient): Promise<Column[]> {
	return [...STANDARD_COLUMNS, ...customColumns(await listOpportunityFields(client))];
}

/** The columns of an existing definition, with the kinds of its custom fields read from the instance. */
export async function columnsOfDefinition(
	client: EloquaClient,
	definition: Definition,
): Promise<Column[]> {
	const standardOnly = Object.values(definition.fields).every((statement) =>
		STANDARD_COLUMNS.some((column) => column.statement === statement),
	);
	return definitionColumns(
		definition.fields,
		standardOnly ? [] : await listOpportunityFields(client),
	);
}
