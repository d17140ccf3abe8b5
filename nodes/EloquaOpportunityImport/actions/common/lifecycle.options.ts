import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isTool, TOOL_MAX_WAIT_MINUTES } from '../../../shared/items/tool';
import { legacyValidateOnlyOption } from '../../../shared/items/validateOnly';
import type { Retention } from '../../helpers/definition';
import { MAX_BYTES_PER_SYNC, MAX_UPLOADS_PER_SYNC, type ImportJob } from '../../helpers/job';

/** One megabyte as Eloqua counts its 32 MB upload limit: the smaller, decimal reading. */
export const MEGABYTE = 1_000_000;
export const MAX_UPLOAD_MEGABYTES = 32;

const newDefinitionOnly = { '/definitionMode': ['create'] };

/** RudderStack's reading of ELQ-00040: the record was imported, the named value dropped. */
const DEFAULT_IMPORTED_REJECT_CODES = 'ELQ-00040';

/** The codes of the option above, as a set: trimmed, upper-case, empty entries left out. */
export function readImportedRejectCodes(options: IDataObject): ReadonlySet<string> {
	const text =
		typeof options.importedRejectCodes === 'string'
			? options.importedRejectCodes
			: DEFAULT_IMPORTED_REJECT_CODES;
	return new Set(
		text
			.split(',')
			.map((code) => code.trim().toUpperCase())
			.filter(Boolean),
	);
}

/**
 * Options every import shares (uploads, syncs, waiting, cleanup). `createdOnly` shows the
 * definition settings only when the definition is created for the run.
 */
export function lifecycleOptions(createdOnly = false): INodeProperties[] {
	const onlyNew = createdOnly ? { displayOptions: { show: newDefinitionOnly } } : {};
	return [
		{
			displayName: 'Auto-Delete Definition After',
			name: 'autoDeleteDuration',
			type: 'options',
			...onlyNew,
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
			...onlyNew,
			options: [
				{ name: '1 Day', value: 'P1D' },
				{ name: '1 Hour', value: 'PT1H' },
				{ name: '12 Hours', value: 'PT12H' },
				{ name: '14 Days', value: 'P14D' },
				{ name: '7 Days', value: 'P7D' },
			],
			default: 'P1D',
			description:
				'How long Eloqua keeps uploaded rows staged. A day is enough for a run; a crashed run then does not hold staging space for a week.',
		},
		{
			displayName: 'Delete Definition After Sync',
			name: 'deleteDefinitionAfterSync',
			type: 'boolean',
			...onlyNew,
			default: true,
			description: 'Whether to delete the definition created for this run once its sync has ended',
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
			description: `How long to wait for a sync to end before reporting its rows as still staged. Unset: 30 minutes, or ${TOOL_MAX_WAIT_MINUTES} when an AI Agent calls the node as a tool.`,
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
			displayName: 'Reject Codes That Still Import the Row',
			name: 'importedRejectCodes',
			type: 'string',
			default: DEFAULT_IMPORTED_REJECT_CODES,
			placeholder: 'ELQ-00040',
			description:
				'Comma-separated Eloqua status codes of rejects that drop one value but still import the row. Such a row is reported imported, with a warning naming the value. A reject on the identifier column is always a rejection.',
		},
		{
			displayName: 'Upload Format',
			name: 'uploadFormat',
			type: 'options',
			options: [
				{
					name: 'CSV',
					value: 'csv',
					description:
						'A CSV file with a header row of the column names: about half the bytes of JSON, so fewer, smaller uploads',
				},
				{
					name: 'JSON',
					value: 'json',
					description: "A JSON array with a key per value, as in Eloqua's own examples",
				},
			],
			default: 'json',
			description:
				'How rows are sent to Eloqua. Both carry the same columns and values; CSV suits large runs.',
		},
		legacyValidateOnlyOption,
	];
}

/** Options in the order n8n lists them: alphabetically by display name. */
export function sortedOptions(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The part of an import job the shared Options and Wait for Sync set. */
export type JobOptions = Pick<
	ImportJob,
	| 'uploadLimits'
	| 'uploadFormat'
	| 'syncLimits'
	| 'waitForSync'
	| 'poll'
	| 'callbackUrl'
	| 'deleteDefinitionAfterSync'
	| 'importedRejectCodes'
>;

const numberOption = (options: IDataObject, name: string, fallback: number) =>
	typeof options[name] === 'number' ? (options[name] as number) : fallback;

/** 30 minutes, or a short wait when an AI Agent calls the node: its model and its user wait too. */
export const defaultMaxWaitMinutes = (context: IExecuteFunctions): number =>
	isTool(context) ? TOOL_MAX_WAIT_MINUTES : 30;

/** How the job uploads, syncs, waits and cleans up, from the node's Options, with the documented defaults. */
export function readJobOptions(context: IExecuteFunctions, options: IDataObject): JobOptions {
	const number = (name: string, fallback: number) => numberOption(options, name, fallback);
	return {
		uploadLimits: {
			maxRecords: Math.max(1, Math.floor(number('recordsPerUpload', 100000))),
			maxBytes: Math.floor(
				Math.min(number('maxUploadMegabytes', 24), MAX_UPLOAD_MEGABYTES) * MEGABYTE,
			),
		},
		uploadFormat: options.uploadFormat === 'csv' ? 'csv' : 'json',
		syncLimits: { uploads: MAX_UPLOADS_PER_SYNC, bytes: MAX_BYTES_PER_SYNC },
		waitForSync: context.getNodeParameter('waitForSync', 0, true) as boolean,
		poll: {
			intervalMs: number('pollIntervalSeconds', 2) * 1000,
			maxWaitMs: number('maxWaitMinutes', defaultMaxWaitMinutes(context)) * 60_000,
		},
		callbackUrl: (options.callbackUrl as string) || undefined,
		deleteDefinitionAfterSync: options.deleteDefinitionAfterSync !== false,
		importedRejectCodes: readImportedRejectCodes(options),
	};
}

/** The retention settings of a definition created from the node's Options. */
export function readRetention(options: IDataObject): Retention {
	return {
		autoDeleteDuration:
			typeof options.autoDeleteDuration === 'string' ? options.autoDeleteDuration : 'P1D',
		dataRetentionDuration: (options.dataRetentionDuration as string) || 'P1D',
	};
}
