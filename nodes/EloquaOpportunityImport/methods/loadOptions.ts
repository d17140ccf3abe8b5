import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { writable } from '../helpers/columns';
import { columnsForNewDefinition } from '../helpers/fields';
import { listLinkFields, type LinkEntity } from '../helpers/linkage';
import { EloquaClient } from '../transport/client';

async function linkFieldOptions(
	context: ILoadOptionsFunctions,
	entity: LinkEntity,
): Promise<INodePropertyOptions[]> {
	const fields = await listLinkFields(EloquaClient.forNode(context), entity);
	return fields
		.filter((field) => field.internalName)
		.map((field) => ({
			name: String(field.name ?? field.internalName),
			value: String(field.internalName),
			description: field.statement,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The instance's contact fields, for matching opportunities to contacts. */
export async function getContactFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await linkFieldOptions(this, 'Contact');
}

/** The instance's account fields, for matching opportunities to accounts. */
export async function getAccountFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await linkFieldOptions(this, 'Account');
}

/** Opportunity field statements imports may write (standard and custom), for a definition made by hand. */
export async function getOpportunityStatements(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const columns = writable(await columnsForNewDefinition(EloquaClient.forNode(this)));
	return columns.map((column) => ({
		name: column.displayName,
		value: column.statement,
		description: column.statement,
	}));
}
