import type { INodeProperties } from 'n8n-workflow';

/** Ruler's visitor identifier keys, as the API spells them. */
export const IDENTIFIER_KEYS = [
	'EmailAddress',
	'PhoneNumber',
	'RaId',
	'PayloadValue',
	'CookieValue',
] as const;

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 20;

export const properties: INodeProperties[] = [
	{
		displayName: 'Site ID',
		name: 'siteId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12345',
		description: 'The Ruler site the opportunities belong to',
		hint: 'Letters and digits only; it becomes part of the request address',
	},
	{
		displayName: 'Opportunity Value',
		name: 'opportunityValue',
		type: 'number',
		required: true,
		default: 0,
		description:
			'The value of the opportunity, e.g. the deal amount. Sent as a number, without currency symbols.',
	},
	{
		displayName: 'Opportunity Date',
		name: 'opportunityDateTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the opportunity was captured; not in the future. Times without an offset are read in the workflow's time zone and sent in UTC.",
	},
	{
		displayName: 'Pipeline Stage',
		name: 'pipelineStage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Closed Won',
		description: 'The stage of the opportunity in your sales pipeline',
		hint: 'Must match a stage set up in Ruler exactly, including upper and lower case',
	},
	{
		displayName: 'Currency Code',
		name: 'currencyCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'GBP',
		description: 'The ISO 4217 code of the currency of the value, such as GBP, EUR or USD',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'CRM-DEAL-1042',
		description:
			'A unique reference for the opportunity, such as the deal ID in your CRM. Ruler stores or updates the opportunity by this reference.',
	},
	{
		displayName: 'Visitor Identifiers',
		name: 'visitorIdentifiers',
		type: 'fixedCollection',
		required: true,
		typeOptions: { multipleValues: true },
		placeholder: 'Add Identifier',
		default: {},
		description:
			'How Ruler finds the visitor who became this opportunity. Identifiers with an empty value are left out; at least one must have a value.',
		options: [
			{
				displayName: 'Identifier',
				name: 'identifier',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'options',
						options: [
							{
								name: 'Cookie Value',
								value: 'CookieValue',
								description: 'The Google Analytics client ID, e.g. from the _ga cookie',
							},
							{ name: 'Email Address', value: 'EmailAddress' },
							{
								name: 'Payload Value',
								value: 'PayloadValue',
								description: 'A value you passed to Ruler with the visit',
							},
							{ name: 'Phone Number', value: 'PhoneNumber' },
							{
								name: 'Ruler Visitor ID',
								value: 'RaId',
								description: "Ruler's own visitor ID (RaId)",
							},
						],
						default: 'EmailAddress',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'name@example.com',
					},
				],
			},
		],
	},
	{
		displayName: 'Labels',
		name: 'labels',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Label' },
		default: [],
		placeholder: 'Enterprise',
		description: 'Labels shown on the opportunity in Ruler. Empty labels are left out.',
	},
	{
		displayName: 'Additional Data Properties',
		name: 'additionalDataProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description:
			'Extra named values stored with the opportunity. Properties with an empty value are left out.',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Owner' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many opportunities are sent at the same time. Ruler publishes no rate limit: keep it small.',
			},
			{
				displayName: 'Date Format',
				name: 'dateFormat',
				type: 'options',
				options: [
					{
						name: 'Date',
						value: 'date',
						description: 'Like 2024-05-01 (UTC), the documented form',
					},
					{
						name: 'Date and Time',
						value: 'dateTime',
						description: 'Like 2024-05-01T13:15:00 (UTC)',
					},
				],
				default: 'date',
				description: 'How the opportunity date is sent. Both forms are in UTC.',
			},
			{
				displayName: 'Max Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'At most this many uploads start per second, evenly spaced; 0 means no limit. Set it just under the rate limit of your Ruler account to avoid 429 answers. Without it, a 429 with Retry-After pauses every parallel upload for as long as Ruler asks.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 5,
				description:
					'How often one opportunity is sent again after a rate limit (429), a temporary server error (502, 503, 504) or a network error. Waits grow each time and follow Retry-After.',
			},
			{
				displayName: 'Retry When the Outcome Is Unknown',
				name: 'retryUnknownOutcome',
				type: 'boolean',
				default: true,
				description:
					'Whether to send an opportunity again after a timeout, a dropped connection or a gateway error (502, 504), when Ruler may already have stored it. Ruler stores or updates by reference, so a resend should update, not duplicate.',
			},
			{
				displayName: 'Round Value to Integer',
				name: 'roundValue',
				type: 'boolean',
				default: false,
				description:
					'Whether to round the opportunity value to a whole number (Ruler documents the value as an integer)',
			},
			{
				displayName: 'Strip GA Prefix From Cookie Value',
				name: 'stripCookiePrefix',
				type: 'boolean',
				default: true,
				description:
					'Whether to remove the "GA1.1." prefix (or "GA1.2." and so on) from cookie values: Ruler expects the bare Google Analytics client ID',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description:
					'Milliseconds to wait for the answer to one request before it counts as failed',
			},
			{
				displayName: 'Validate Only',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to check every item and report it as valid or invalid, with the body that would be sent, without sending anything',
			},
		],
	},
];
