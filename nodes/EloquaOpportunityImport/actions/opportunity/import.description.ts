import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['opportunity'], operation: ['import'] };
const createOnly = { '/definitionMode': ['create'] };

/** One megabyte as Eloqua counts its 32 MB upload limit: the smaller, decimal reading. */
export const MEGABYTE = 1_000_000;
export const MAX_UPLOAD_MEGABYTES = 32;

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
				description: 'The node creates a definition from the mapped columns and deletes it after the sync',
			},
			{
				name: 'Use an Existing Definition',
				value: 'existing',
				description: 'Upload into a definition set up in Eloqua; its columns are used',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Existing Definition',
		name: 'importDefinitionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { ...show, definitionMode: ['existing'] } },
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
					{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Enter the numeric ID, e.g. 18' } },
				],
			},
			{
				displayName: 'By URI',
				name: 'uri',
				type: 'string',
				placeholder: '/opportunities/imports/18',
				extractValue: { type: 'regex', regex: '^/opportunities/imports/(\\d+)$' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^/opportunities/imports/\\d+$',
							errorMessage: 'Enter a URI like /opportunities/imports/18',
						},
					},
				],
			},
		],
	},
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
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto-Delete Definition After',
				name: 'autoDeleteDuration',
				type: 'options',
				displayOptions: { show: createOnly },
				options: [
					{ name: 'Never', value: '' },
					{ name: '1 Hour', value: 'PT1H' },
					{ name: '1 Day', value: 'P1D' },
					{ name: '7 Days', value: 'P7D' },
				],
				default: 'P1D',
				description:
					'A safety net: Eloqua deletes the definition by itself after this time, even if the run could not. Unused definitions block deleting fields.',
			},
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook/eloqua-sync',
				description: 'Eloqua calls this URL when the sync ends',
			},
			{
				displayName: 'Data Retention',
				name: 'dataRetentionDuration',
				type: 'options',
				displayOptions: { show: createOnly },
				options: [
					{ name: '1 Day', value: 'P1D' },
					{ name: '1 Hour', value: 'PT1H' },
					{ name: '12 Hours', value: 'PT12H' },
					{ name: '14 Days', value: 'P14D' },
					{ name: '7 Days', value: 'P7D' },
				],
				default: 'P7D',
				description: 'How long Eloqua keeps the uploaded rows staged',
			},
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
				description: 'How date columns are sent. Times without an offset are read in the workflow\'s time zone.',
			},
			{
				displayName: 'Delete Definition After Sync',
				name: 'deleteDefinitionAfterSync',
				type: 'boolean',
				displayOptions: { show: createOnly },
				default: true,
				description: 'Whether to delete the definition created for this run once its sync has ended',
			},
			{
				displayName: 'Identifier Column',
				name: 'identifierColumn',
				type: 'string',
				displayOptions: { show: createOnly },
				default: '',
				placeholder: 'OpportunityID',
				description:
					'The column Eloqua matches existing opportunities on. Empty: the column mapped to the opportunity ID.',
			},
			{
				displayName: 'Identifier Is Case-Sensitive',
				name: 'identifierCaseSensitive',
				type: 'boolean',
				displayOptions: { show: createOnly },
				default: false,
				description: 'Whether "ABC-1" and "abc-1" are different opportunities',
			},
			{
				displayName: 'Max Upload Size (MB)',
				name: 'maxUploadMegabytes',
				type: 'number',
				typeOptions: { minValue: 0.01, maxValue: MAX_UPLOAD_MEGABYTES, numberPrecision: 2 },
				default: 24,
				description:
					'Most data in one upload request (1 MB = 1,000,000 bytes). Eloqua refuses uploads over 32 MB.',
			},
			{
				displayName: 'Max Wait (Minutes)',
				name: 'maxWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: 'How long to wait for a sync to end before reporting its rows as still staged',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: 2,
				description: 'First wait between sync status checks; later waits grow up to 30 seconds',
			},
			{
				displayName: 'Records per Upload',
				name: 'recordsPerUpload',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100000,
				description: 'Most rows in one upload request. The size limit above applies too.',
			},
			{
				displayName: 'Update Rule',
				name: 'updateRule',
				type: 'options',
				displayOptions: { show: createOnly },
				options: [
					{ name: 'Always', value: 'always', description: 'Overwrite Eloqua\'s values' },
					{ name: 'If New Value Is Not Empty', value: 'ifNewIsNotNull' },
					{ name: 'If Existing Value Is Empty', value: 'ifExistingIsNull' },
					{ name: 'Use Each Field\'s Rule', value: 'useFieldRule' },
				],
				default: 'always',
				description: 'When an incoming value replaces the one already in Eloqua',
			},
			{
				displayName: 'Validate Only',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to check every item and report it as valid or invalid without sending anything',
			},
		],
	},
];
