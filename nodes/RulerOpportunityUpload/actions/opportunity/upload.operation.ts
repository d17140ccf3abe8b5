import { DateTime } from 'luxon';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readInputFields } from '../../../shared/items/inputFields';
import { finishRun } from '../../../shared/items/results';
import { RequestGate } from '../../../shared/transport/gate';
import { readStageMapping, stageMappingProperty } from '../../../shared/values/stages';
import { ItemChecker } from '../../helpers/checks';
import { itemReader } from '../common/itemValues';
import { BACKOFF } from '../../helpers/constants';
import { checkAll, uploadAll, type CheckItem } from '../../helpers/upload';
import { validateOnlyProperty } from '../../../shared/items/validateOnly';
import { readOptions, uploadOptions } from './upload.options';

const fields: INodeProperties[] = [
	{
		displayName: 'Site ID',
		name: 'siteId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12345',
		description:
			"The ID of the Ruler site the opportunities belong to, as Ruler gave it to you for its API. Ruler's API pages do not say where the app shows it: if you cannot find it in your Ruler account, ask Ruler support for the site ID of the user in the credential.",
		hint: 'Only letters, digits, - and _ (no spaces or slashes): it becomes part of the upload address',
	},
	{
		displayName: 'Opportunity Value',
		name: 'opportunityValue',
		// Text with no default, not a number field defaulting to 0: a value nobody set is then
		// missing (the editor flags it, the item is invalid), never an upload of 0.
		type: 'string',
		required: true,
		default: '',
		placeholder: '1000',
		description:
			'The value of the opportunity, e.g. the deal amount, as a number without currency symbols or thousands separators. Ruler documents it as a whole number: it is rounded unless Value Sent As in the options says otherwise.',
		hint: 'A number like 1000 or 1000.50, usually an expression reading the deal amount. Type 0 for a deal with no value yet.',
	},
	{
		displayName: 'Opportunity Date',
		name: 'opportunityDateTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the opportunity was captured; not in the future. Times without an offset are read in the workflow's time zone; a date alone is sent as written.",
		hint: "Must not be in the future. If today's deals are refused as future, check the workflow's time zone (Workflow Settings) or give the time with its offset, e.g. 2024-05-01T09:30:00+02:00.",
	},
	{
		displayName: 'Pipeline Stage',
		name: 'pipelineStage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Closed Won',
		description:
			'The stage of the opportunity in your sales pipeline, spelled exactly as set up in Ruler, in the same case',
		hint: 'Ruler does not document whether it refuses a stage it does not know or stores it anyway. To check the stage here, list your stages in Allowed Stages (options); to turn CRM stage names into Ruler ones, use Stage Mapping below.',
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
			'A unique reference for the opportunity, such as the deal ID in your CRM. Ruler\'s documentation says it "stores or updates" opportunities; whether sending a reference again updates the earlier one or adds another is not documented.',
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
];

export const description = [
	// The opportunity's fields, Stage Mapping and Validate Only are the same for Upload in Batch.
	...updateDisplayOptions(
		{ show: { resource: ['opportunity'], operation: ['upload', 'uploadBatch'] } },
		[
			...fields,
			stageMappingProperty('Ruler'),
			validateOnlyProperty('Ruler', 'the request body, or for Upload in Batch the CSV row,'),
		],
	),
	...updateDisplayOptions({ show: { resource: ['opportunity'], operation: ['upload'] } }, [
		uploadOptions,
	]),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this);
	const inputFields = readInputFields(this, this.getNodeParameter('options', 0, {}) as IDataObject);
	const stages = readStageMapping(this, 'Ruler');
	const checker = new ItemChecker({
		zone: this.getTimezone(),
		now: DateTime.utc(),
		dateFormat: options.dateFormat,
		roundValue: options.roundValue,
		stripCookiePrefix: options.stripCookiePrefix,
		allowedStages: options.allowedStages,
	});
	const readItem = itemReader(this, stages);
	const checkItem: CheckItem = (itemIndex) => checker.check(itemIndex, readItem(itemIndex));
	const count = this.getInputData().length;
	if (options.validateOnly)
		return finishRun(this, checkAll(checkItem, count), 'valid', inputFields);

	const settings = {
		policy: { ...BACKOFF, maxRetries: options.maxRetries },
		gate: new RequestGate(options.requestsPerSecond),
		timeoutMs: options.timeout,
		retryUnknownOutcome: options.retryUnknownOutcome,
		signal: this.getExecutionCancelSignal(),
	};
	const results = await uploadAll(this, settings, checkItem, count, options.concurrency);
	return finishRun(this, results, 'uploaded', inputFields);
}
