import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * The column mapper. From version 1.1 in n8n's `add` mode: n8n then shows required columns as
 * mandatory (no remove button) and flags a missing one before the run. Version 1 keeps `map`, in
 * which n8n checks nothing: workflows saved with it open and run as they did.
 */
export function columnsProperty(
	show: IDisplayOptions['show'],
	mode: 'add' | 'map',
	versions: NonNullable<IDisplayOptions['show']>['@version'],
): INodeProperties {
	return {
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { ...show, '@version': versions } },
		typeOptions: {
			loadOptionsDependsOn: ['definitionMode', 'importDefinitionId.value', 'authentication'],
			resourceMapper: {
				resourceMapperMethod: 'getOpportunityColumns',
				mode,
				fieldWords: { singular: 'column', plural: 'columns' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}
