import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { OPPORTUNITY_ID_STATEMENT, type Column, type EloquaField } from './columns';
import { definitionBody, type Retention } from './definition';
import type { RowKey } from './rejects';
import type { EloquaClient } from '../transport/client';
import { readPages } from '../transport/paging';

export type LinkEntity = 'Contact' | 'Account';

/** How each opportunity is linked: to which entity, matched on which of its fields. */
export interface LinkSettings {
	entity: LinkEntity;
	/** The contact or account field matched, by internal name, e.g. C_EmailAddress. */
	field: string;
	caseSensitiveOpportunityId: boolean;
	caseSensitiveValue: boolean;
	linkAllMatches: boolean;
}

export const LINK_OPPORTUNITY_COLUMN = 'OpportunityID';

export const DEFAULT_LINK_FIELD: Record<LinkEntity, string> = {
	Contact: 'C_EmailAddress',
	Account: 'M_CompanyName',
};

/** The linkage columns: the opportunity ID and the contact or account field it is matched with. */
export function linkColumns(node: INode, settings: LinkSettings): Column[] {
	// The field name becomes part of an Eloqua statement: only plain field names can get there.
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(settings.field)) {
		throw new NodeOperationError(
			node,
			`"${settings.field}" is not an Eloqua ${settings.entity.toLowerCase()} field name`,
			{
				description:
					'Pick the field from the list, or give its internal name such as C_EmailAddress.',
			},
		);
	}
	return [
		{
			name: LINK_OPPORTUNITY_COLUMN,
			statement: OPPORTUNITY_ID_STATEMENT,
			displayName: 'Opportunity ID',
			required: true,
			kind: 'text',
		},
		{
			name: settings.field,
			statement: `{{Opportunity.${settings.entity}.Field(${settings.field})}}`,
			displayName: settings.field,
			required: true,
			kind: 'text',
		},
	];
}

/** Rows are told apart by the pair: one opportunity may be linked to several contacts. */
export function linkKey(settings: LinkSettings): RowKey {
	return [
		{ column: LINK_OPPORTUNITY_COLUMN, caseSensitive: settings.caseSensitiveOpportunityId },
		{ column: settings.field, caseSensitive: settings.caseSensitiveValue },
	];
}

/** The documented body of a linkage definition (`POST /opportunities/contacts/imports`). */
export function linkDefinitionBody(
	node: INode,
	name: string,
	settings: LinkSettings,
	retention: Retention,
): IDataObject {
	return definitionBody(
		name,
		linkColumns(node, settings),
		undefined,
		{
			identifierCaseSensitive: settings.caseSensitiveOpportunityId,
			updateRule: undefined,
			...retention,
		},
		{
			linkOpportunitiesEntityType: settings.entity,
			linkOpportunitiesMatchFieldName: LINK_OPPORTUNITY_COLUMN,
			linkOpportunitiesSourceField: settings.field,
			linkOpportunitiesCaseSensitiveMatchField: settings.caseSensitiveOpportunityId,
			linkOpportunitiesCaseSensitiveSourceField: settings.caseSensitiveValue,
			linkOpportunitiesMultipleSourceMatches: settings.linkAllMatches,
		},
	);
}

/** The instance's contact or account fields, for the link field picker. */
export async function listLinkFields(
	client: EloquaClient,
	entity: LinkEntity,
): Promise<EloquaField[]> {
	return (await readPages(
		client,
		entity === 'Account' ? '/accounts/fields' : '/contacts/fields',
	)) as EloquaField[];
}
