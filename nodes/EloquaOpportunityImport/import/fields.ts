import type { IDataObject } from 'n8n-workflow';

import type { EloquaClient } from '../transport/client';
import { customColumns, definitionColumns, STANDARD_COLUMNS, type Column, type EloquaField } from './columns';
import type { Definition } from './definition';

const PAGE_SIZE = 1000;

/** Every opportunity field of the instance (`GET /opportunities/fields`, paged). */
export async function listOpportunityFields(client: EloquaClient): Promise<EloquaField[]> {
	const fields: EloquaField[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const page = await client.bulk<{ items?: IDataObject[]; hasMore?: boolean }>({
			method: 'GET',
			path: '/opportunities/fields',
			qs: { limit: PAGE_SIZE, offset },
		});
		const items = page.items ?? [];
		fields.push(...(items as EloquaField[]));
		if (!page.hasMore || items.length === 0) return fields;
	}
}

/** Columns a definition created for the run can have: the standard ones, then the instance's custom fields. */
export async function columnsForNewDefinition(client: EloquaClient): Promise<Column[]> {
	return [...STANDARD_COLUMNS, ...customColumns(await listOpportunityFields(client))];
}

/** The columns of an existing definition, with the kinds of its custom fields read from the instance. */
export async function columnsOfDefinition(client: EloquaClient, definition: Definition): Promise<Column[]> {
	const standardOnly = Object.values(definition.fields).every((statement) =>
		STANDARD_COLUMNS.some((column) => column.statement === statement),
	);
	return definitionColumns(definition.fields, standardOnly ? [] : await listOpportunityFields(client));
}
