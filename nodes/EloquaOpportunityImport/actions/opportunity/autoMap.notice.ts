import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { STANDARD_COLUMNS } from '../../helpers/columns';

const names = (required: boolean) =>
	STANDARD_COLUMNS.filter((column) => column.required === required).map((column) => column.name);

const joined = (list: string[]) => `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

const OTHER_FIELDS = 'Input fields with other names are not sent; the run lists them in a hint.';

/**
 * Map Automatically shows no column names, and the manual mode shows labels ("Opportunity ID") that
 * are not the names to use: these notices, shown only in that mode, say them.
 */
export function autoMapNotices(show: IDisplayOptions['show']): INodeProperties[] {
	// From the root ('/'): n8n 1.x orders parameters by their display conditions and never finds one
	// named 'columns.mappingMode', which stops every run with "Could not resolve parameter
	// dependencies"; it takes a root path as resolved, and 1.x and 2.x read it the same way.
	const autoMap = { ...show, '/columns.mappingMode': ['autoMapInputData'] };
	return [
		{
			displayName: `Name the input fields exactly as the columns (case and spaces count): ${joined(names(true))} are required; ${joined(names(false))} are optional, and custom fields go by their Eloqua internal name. ${OTHER_FIELDS}`,
			name: 'autoMapNewNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...autoMap, definitionMode: ['create'] } },
		},
		{
			displayName: `Name the input fields exactly as the definition's columns (case and spaces count); Map Each Column Manually lists them. ${OTHER_FIELDS}`,
			name: 'autoMapExistingNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...autoMap, definitionMode: ['existing'] } },
		},
	];
}
