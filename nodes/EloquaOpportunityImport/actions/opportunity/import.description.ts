import type { INodeProperties } from 'n8n-workflow';

import { definitionLocator } from '../common/definition.properties';
import { lifecycleOptions, sortedOptions } from '../common/lifecycle.options';
import { linkProperties } from '../common/link.properties';

const show = { resource: ['opportunity'], operation: ['import'] };
const newDefinitionOnly = { displayOptions: { show: { '/definitionMode': ['create'] } } };

const importOptions: INodeProperties[] = [
	{
		displayName: 'Date Format',
		name: 'dateFormat',
		type: 'options',
		options: [
			{ name: 'As Given', value: 'asGiven', description: 'Checked, then sent unchanged' },
			{ name: 'Date and Time (UTC)', value: 'sql', description: 'Like 2024-05-01 13:15:00' },
			{ name: 'Date Only', value: 'date', description: 'Like 2024-05-01' },
			{ name: 'ISO 8601 (UTC)', value: 'iso', description: 'Like 2024-05-01T13:15:00.000Z' },
		],
		default: 'asGiven',
		description:
			"How date columns are sent. Times without an offset are read in the workflow's time zone.",
	},
	{
		displayName: 'Identifier Column',
		name: 'identifierColumn',
		type: 'string',
		...newDefinitionOnly,
		default: '',
		placeholder: 'OpportunityID',
		description:
			'The column Eloqua matches existing opportunities on. Empty: the column mapped to the opportunity ID.',
	},
	{
		displayName: 'Identifier Is Case-Sensitive',
		name: 'identifierCaseSensitive',
		type: 'boolean',
		...newDefinitionOnly,
		default: false,
		description: 'Whether "ABC-1" and "abc-1" are different opportunities',
	},
	{
		displayName: 'Update Rule',
		name: 'updateRule',
		type: 'options',
		...newDefinitionOnly,
		options: [
			{ name: 'Always', value: 'always', description: "Overwrite Eloqua's values" },
			{ name: 'If Existing Value Is Empty', value: 'ifExistingIsNull' },
			{ name: 'If New Value Is Not Empty', value: 'ifNewIsNotNull' },
			{ name: "Use Each Field's Rule", value: 'useFieldRule' },
		],
		default: 'always',
		description: 'When an incoming value replaces the one already in Eloqua',
	},
];

export const importProperties: INodeProperties[] = [
	{
		displayName: 'Import Definition',
		name: 'definitionMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Create One for This Run',
				value: 'create',
				description:
					'The node creates a definition from the mapped columns and deletes it after the sync',
			},
			{
				name: 'Use an Existing Definition',
				value: 'existing',
				description: 'Upload into a definition set up in Eloqua; its columns are used',
			},
		],
		default: 'create',
	},
	definitionLocator('importDefinitionId', 'Existing Definition', {
		...show,
		definitionMode: ['existing'],
	}),
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show },
		typeOptions: {
			loadOptionsDependsOn: ['definitionMode', 'importDefinitionId.value', 'authentication'],
			resourceMapper: {
				resourceMapperMethod: 'getOpportunityColumns',
				mode: 'map',
				fieldWords: { singular: 'column', plural: 'columns' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	},
	{
		displayName: 'Wait for Sync',
		name: 'waitForSync',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description:
			'Whether to wait until Eloqua has processed the rows and report each item as imported or rejected. Off: the sync is started and items come out as "staged".',
	},
	{
		displayName: 'Link to Contacts After Import',
		name: 'linkAfterImport',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to link each imported opportunity to a contact or account right after the import, reporting both in one result per item',
	},
	...linkProperties({ ...show, linkAfterImport: [true] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: sortedOptions([...lifecycleOptions(true), ...importOptions]),
	},
];
