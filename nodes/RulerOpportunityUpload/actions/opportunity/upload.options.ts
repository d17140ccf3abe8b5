import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputFieldsOptions } from '../../../shared/items/inputFields';
import { setupError } from '../../../shared/items/setup';
import { legacyValidateOnlyOption, readValidateOnly } from '../../../shared/items/validateOnly';
import { preview } from '../../../shared/values/text';
import {
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
	MIN_REQUESTS_PER_SECOND,
} from '../../helpers/constants';

/** The Options collection of the upload. */
export const uploadOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Allowed Stages',
			name: 'allowedStages',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Stage' },
			default: [],
			placeholder: 'Closed Won',
			description:
				'The pipeline stages set up in Ruler, spelled exactly, in the same case. An item with any other stage is invalid and not sent. Empty: any stage is sent, and Ruler may store a stage it does not know without an error.',
		},
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
					description:
						"Like 2024-05-01, the documented form: the date as written, or an instant's calendar date in the workflow's time zone",
				},
				{
					name: 'Date and Time',
					value: 'dateTime',
					description: 'Like 2024-05-01T13:15:00 (UTC)',
				},
			],
			default: 'date',
			description:
				'How the opportunity date is sent. A date is the calendar date the deal has where the workflow runs; a date and time is in UTC.',
		},
		...inputFieldsOptions,
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
				'Whether to send an opportunity again after a timeout, a dropped connection or a gateway error (502, 504), when Ruler may already have stored it. Ruler does not document whether the same reference sent again updates the stored opportunity or adds a second one: turn this off if you see duplicates.',
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
			description: 'Milliseconds to wait for the answer to one request before it counts as failed',
		},
		legacyValidateOnlyOption,
		{
			displayName: 'Value Sent As',
			// The old "Round Value to Integer" switch, kept under its name so that saved workflows keep
			// their choice: true (on) is Whole Number, an explicit false (off) is Decimal as Given.
			name: 'roundValue',
			type: 'options',
			options: [
				{
					name: 'Decimal as Given',
					value: false,
					description:
						'Sent as read, e.g. 1000.5. Ruler documents the value as an integer, so it may refuse a decimal.',
				},
				{
					name: 'Whole Number',
					value: true,
					description:
						'Rounded to a whole number, as Ruler documents the value as an integer. The item says when a value was rounded.',
				},
			],
			default: true,
			description: 'How the opportunity value is sent',
			hint: 'Whole Number rounds half away from zero: 2.5 becomes 3, -2.5 becomes -3, 2.4 becomes 2',
		},
	],
};

export interface UploadOptions {
	allowedStages: string[];
	concurrency: number;
	dateFormat: 'date' | 'dateTime';
	maxRetries: number;
	requestsPerSecond: number;
	retryUnknownOutcome: boolean;
	roundValue: boolean;
	stripCookiePrefix: boolean;
	timeout: number;
	validateOnly: boolean;
}

const DEFAULT_OPTIONS: UploadOptions = {
	allowedStages: [],
	concurrency: DEFAULT_CONCURRENCY,
	dateFormat: 'date',
	maxRetries: 5,
	requestsPerSecond: 0,
	retryUnknownOutcome: true,
	roundValue: true,
	stripCookiePrefix: true,
	timeout: 30_000,
	validateOnly: false,
};

function requestsPerSecond(context: IExecuteFunctions, value: unknown): number {
	const rate = value === undefined || value === '' ? 0 : Number(value);
	if (rate === 0 || rate >= MIN_REQUESTS_PER_SECOND) return rate;
	throw setupError(
		context.getNode(),
		`Options → Max Requests per Second must be 0 (no limit) or at least ${MIN_REQUESTS_PER_SECOND}, got ${preview(value)}`,
		'Set it in the options, just under the rate limit of your Ruler account.',
	);
}

/** The allowed stages as listed, without blank entries; an expression may give one or a list. */
function stageList(value: unknown): string[] {
	const entries = Array.isArray(value) ? (value.flat() as unknown[]) : [value];
	return entries
		.map((entry) => (typeof entry === 'string' ? entry.trim() : ''))
		.filter((entry) => entry !== '');
}

/** The options of the run, with the numbers brought into their ranges. */
export function readOptions(context: IExecuteFunctions): UploadOptions {
	const options = {
		...DEFAULT_OPTIONS,
		...(context.getNodeParameter('options', 0, {}) as Partial<UploadOptions>),
	};
	const concurrency = Math.min(
		MAX_CONCURRENCY,
		Math.max(1, Math.floor(Number(options.concurrency) || 1)),
	);
	return {
		...options,
		concurrency,
		maxRetries: Math.max(0, Math.floor(Number(options.maxRetries) || 0)),
		requestsPerSecond: requestsPerSecond(context, options.requestsPerSecond),
		roundValue: options.roundValue !== false,
		validateOnly: readValidateOnly(context, options),
		allowedStages: stageList(options.allowedStages),
	};
}
