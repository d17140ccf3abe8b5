import type {
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { writable, type Column } from '../helpers/columns';
import { DEFINITION_KINDS, getDefinition } from '../helpers/definition';
import { columnsForNewDefinition, columnsOfDefinition } from '../helpers/fields';
import { EloquaClient } from '../transport/client';
import { checkedUri } from '../transport/uris';

const KIND_HINT: Record<Column['kind'], string | undefined> = {
	text: undefined,
	number: 'number',
	date: 'date',
	currency: '3-letter code',
};

/**
 * The label with, in brackets, the column's name where it differs (Map Automatically and
 * expressions need the name: `Opportunity ID (OpportunityID)`) and the kind of value it takes.
 */
export function mapperLabel(column: Column): string {
	const notes = [
		column.name === column.displayName ? undefined : column.name,
		KIND_HINT[column.kind],
	];
	const shown = notes.filter((note) => note !== undefined);
	return shown.length ? `${column.displayName} (${shown.join(', ')})` : column.displayName;
}

// No field type is declared: n8n would then reject a whole run on one bad value, while the node
// reports bad values per item.
function toMapperField(column: Column): ResourceMapperField {
	return {
		id: column.name,
		displayName: mapperLabel(column),
		// Required by Eloqua in every import, or kept non-empty by the instance (hasNotNullConstraint).
		required: column.required || column.notNull === true,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
	};
}

/**
 * Columns for the mapper: the standard and custom fields (new definition) or an existing definition's
 * columns, without the fields the instance marks read-only.
 */
export async function getOpportunityColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const client = EloquaClient.forNode(this);
	const mode = this.getNodeParameter('definitionMode', 'create') as string;
	if (mode !== 'existing') {
		return { fields: writable(await columnsForNewDefinition(client)).map(toMapperField) };
	}
	const id = this.getNodeParameter('importDefinitionId', undefined, {
		extractValue: true,
	}) as string;
	if (!id) return { fields: [], emptyFieldsNotice: 'Choose an import definition first' };
	const { parent, collection } = DEFINITION_KINDS.opportunity;
	const uri = checkedUri(this.getNode(), id, collection, parent);
	const definition = await getDefinition(client, uri, parent);
	return { fields: writable(await columnsOfDefinition(client, definition)).map(toMapperField) };
}
