import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputFields } from './results';

/** Include Input Fields, as n8n's Edit Fields offers it: none (default), all, or the fields named. */
export const inputFieldsOptions: INodeProperties[] = [
	{
		displayName: 'Include Input Fields',
		name: 'includeInputFields',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: "Only the node's own result fields" },
			{
				name: 'All',
				value: 'all',
				description: "Every field of the input item, after the node's own",
			},
			{ name: 'Selected', value: 'selected', description: 'The input fields named below' },
		],
		default: 'none',
		description:
			"Which fields of each input item a successful result carries beside the node's own, so that later nodes read the deal from here. The node's fields win when names clash. Failed items on the error output always carry the input item.",
	},
	{
		displayName: 'Input Fields to Include',
		name: 'inputFieldsToInclude',
		type: 'string',
		default: '',
		placeholder: 'amount, owner',
		description: 'Comma-separated names of the input fields to carry',
		displayOptions: { show: { includeInputFields: ['selected'] } },
	},
];

/** The input fields each success carries, from the node's Options; undefined for none. */
export function readInputFields(
	context: IExecuteFunctions,
	options: IDataObject,
): InputFields | undefined {
	const mode = options.includeInputFields ?? 'none';
	if (mode === 'none') return undefined;
	const items = context.getInputData();
	if (mode === 'all') return (itemIndex) => items[itemIndex]?.json;
	const names = String(options.inputFieldsToInclude ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	return (itemIndex) => {
		const json = items[itemIndex]?.json ?? {};
		const picked: IDataObject = {};
		for (const name of names) if (name in json) picked[name] = json[name];
		return picked;
	};
}
