import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_ROWS_PER_JOB } from '../../helpers/constants';
import { readOptions, uploadOptions, type UploadOptions } from './upload.options';

/** The Upload options that mean the same in a batch; the others are about single requests. */
const SHARED = [
	'allowedStages',
	'dateFormat',
	'includeInputFields',
	'inputFieldsToInclude',
	'maxRetries',
	'timeout',
];

/** The Options collection of Upload in Batch. */
export const batchOptions: INodeProperties = {
	...uploadOptions,
	options: [
		...(uploadOptions.options ?? []).filter((option) => SHARED.includes(option.name)),
		{
			displayName: 'Rows per Job',
			name: 'rowsPerJob',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_ROWS_PER_JOB,
			description:
				'Most opportunities in one batch job. Ruler documents no limit per file; a file is also kept under 10 MB.',
		},
	],
};

export interface BatchOptions extends UploadOptions {
	rowsPerJob: number;
}

export function readBatchOptions(context: IExecuteFunctions): BatchOptions {
	const options = readOptions(context);
	const rows = Math.floor(Number((options as Partial<BatchOptions>).rowsPerJob));
	return { ...options, rowsPerJob: rows >= 1 ? rows : DEFAULT_ROWS_PER_JOB };
}
