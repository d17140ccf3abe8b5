import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFINITION_KINDS, definitionKindOf, type DefinitionKind } from '../../helpers/definition';
import { checkedUri } from '../../transport/uris';

// Both nodes' Return All / Limit pair lives in the shared items.
export { returnAllProperties, wantedCount } from '../../../shared/items/returnAll';

export function definitionKindProperty(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Definition Type',
		name: 'definitionType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Opportunity Contact Link Import',
				value: 'contactLink',
				description: 'Links opportunities to contacts or accounts',
			},
			{
				name: 'Opportunity Import',
				value: 'opportunity',
				description: 'Creates or updates opportunities',
			},
		],
		default: 'opportunity',
	};
}

/** A definition picker: from a searchable list, by ID, or by URI. */
export function definitionLocator(
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchImportDefinitions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '18',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'Enter the numeric ID, e.g. 18' },
					},
				],
			},
			{
				displayName: 'By URI',
				name: 'uri',
				type: 'string',
				placeholder: '/opportunities/imports/18',
				extractValue: { type: 'regex', regex: '^/opportunities/(?:contacts/)?imports/(\\d+)$' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^/opportunities/(contacts/)?imports/\\d+$',
							errorMessage: 'Enter a URI like /opportunities/imports/18',
						},
					},
				],
			},
		],
	};
}

/** The checked URI of the definition a locator parameter names, for one item. */
export function definitionUriOf(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	kind: DefinitionKind,
): string {
	const id = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as string;
	const { parent, collection } = DEFINITION_KINDS[kind];
	return checkedUri(context.getNode(), id, collection, parent);
}

/** The Return All / Limit pair n8n's list operations use. */
/** The kind and checked URI of the definition an item of an Import Definition operation names. */
export function chosenDefinition(
	context: IExecuteFunctions,
	itemIndex: number,
): { kind: DefinitionKind; uri: string } {
	const kind = definitionKindOf(
		'importDefinition',
		context.getNodeParameter('definitionType', itemIndex, 'opportunity'),
	);
	return { kind, uri: definitionUriOf(context, 'definitionId', itemIndex, kind) };
}
