import { IANAZone } from 'luxon';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { setupError } from '../../../shared/items/setup';
import { emptyValuesOption } from '../common/emptyValues.option';
import { DEFAULT_ELOQUA_ZONE, type DateHandling, type RowRules } from '../../helpers/rows';

const newDefinitionOnly = { displayOptions: { show: { '/definitionMode': ['create'] } } };

/** The options only Opportunity → Import has, besides the shared life-cycle ones. */
export const importOptions: INodeProperties[] = [
	{
		displayName: 'Date Format',
		name: 'dateFormat',
		type: 'options',
		options: [
			{ name: 'As Given', value: 'asGiven', description: 'Checked, then sent unchanged' },
			{ name: 'Date and Time (UTC)', value: 'sql', description: 'Like 2024-05-01 13:15:00' },
			{
				name: 'Date Only',
				value: 'date',
				description: "Like 2024-05-01: the date as written, or in the workflow's time zone",
			},
			{
				name: 'Eloqua Time',
				value: 'eloquaTime',
				description:
					'Like 2024-05-01 13:15:00 (2024-05-01 for a date alone), as wall-clock time in the Eloqua Time Zone',
			},
			{ name: 'ISO 8601 (UTC)', value: 'iso', description: 'Like 2024-05-01T13:15:00.000Z' },
		],
		default: 'eloquaTime',
		description:
			"How date columns are sent. A time with an offset or Z, a timestamp or a date object is converted; a time without an offset is the time it says (Eloqua Time) or a time in the workflow's time zone (UTC forms). 5/1/2024 is month/day (US), 1.5.2024 is day.month: both are 1 May.",
	},
	{
		displayName: 'Eloqua Time Zone',
		name: 'eloquaTimeZone',
		type: 'string',
		default: DEFAULT_ELOQUA_ZONE,
		placeholder: 'America/New_York',
		description:
			"The time zone your Eloqua instance reads dates in, as an IANA name, for the Eloqua Time date format. Eloqua's servers run on US Eastern time; Oracle documents no zone for imported dates, so check yours (see the README).",
	},
	{
		displayName: 'Identifier Column',
		name: 'identifierColumn',
		type: 'string',
		...newDefinitionOnly,
		default: '',
		placeholder: 'OpportunityID',
		description:
			'Leave empty. Eloqua matches opportunities only on the column mapped to the opportunity ID (OpportunityID); any other value is refused.',
	},
	{
		displayName: 'Identifier Is Case-Sensitive',
		name: 'identifierCaseSensitive',
		type: 'boolean',
		...newDefinitionOnly,
		default: false,
		description: 'Whether "ABC-1" and "abc-1" are different opportunities',
	},
	emptyValuesOption({
		...newDefinitionOnly,
		description:
			"What an empty, missing or null value does to the value stored in Eloqua (the update rule of the definition created for the run; an existing definition's own rule decides). Every row carries every column, so this decides it.",
	}),
];

/** The Eloqua Time Zone option, checked: an IANA name Luxon knows, else the run stops naming the option. */
function readEloquaZone(node: INode, options: IDataObject): string {
	const zone = options.eloquaTimeZone ?? DEFAULT_ELOQUA_ZONE;
	if (typeof zone === 'string' && IANAZone.isValidZone(zone.trim())) return zone.trim();
	throw setupError(
		node,
		`Options → Eloqua Time Zone must be a time zone name such as America/New_York or Europe/Berlin, got ${JSON.stringify(zone)}`,
		'Set Options → Eloqua Time Zone to the IANA name of the zone your Eloqua instance uses (US Eastern is America/New_York).',
	);
}

/**
 * How dates are read and sent. A saved workflow that never set Date Format gets Eloqua Time too: the
 * older default sent dates as given, which Eloqua may misread (a `T`, an offset, milliseconds).
 */
export function readDateRules(
	node: INode,
	options: IDataObject,
	workflowZone: string,
): Pick<RowRules, 'zone' | 'dateHandling' | 'eloquaZone'> {
	return {
		zone: workflowZone,
		dateHandling: (options.dateFormat as DateHandling | undefined) ?? 'eloquaTime',
		eloquaZone: readEloquaZone(node, options),
	};
}
