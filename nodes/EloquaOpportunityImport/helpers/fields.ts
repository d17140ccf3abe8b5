import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';
import { definitionColumns, instanceColumns, type Column, type EloquaField } from './columns';
import type { Definition } from './definition';

/** Every opportunity field of the instance (`GET /opportunities/fields`, paged). */
export async function listOpportunityFields(client: EloquaClient): Promise<EloquaField[]> {
	return (await readPages(client, '/opportunities/fields')) as EloquaField[];
}

/**
 * Columns a definition created for the run can have: the standard ones, then the instance's custom
 * fields, flagged with the instance's constraints (read-only ones included, so they can be named).
 */
export async function columnsForNewDefinition(client: EloquaClient): Promise<Column[]> {
	return instanceColumns(await listOpportunityFields(client));
}

/** The columns of an existing definition, with kinds and constraints read from the instance. */
export async function columnsOfDefinition(
	client: EloquaClient,
	definition: Definition,
): Promise<Column[]> {
	return definitionColumns(definition.fields, await listOpportunityFields(client));
}
