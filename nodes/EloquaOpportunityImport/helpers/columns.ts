/** How a column's values are checked before they are sent. */
export type ValueKind = 'text' | 'number' | 'date' | 'currency';

/** One column of an import definition: a name in the uploaded rows, mapped to an Eloqua field statement. */
export interface Column {
	name: string;
	statement: string;
	displayName: string;
	required: boolean;
	kind: ValueKind;
}

export const OPPORTUNITY_ID_STATEMENT = '{{Opportunity.Id}}';

/** The statements Eloqua requires in every opportunity import definition. */
export const REQUIRED_STATEMENTS = new Set([
	OPPORTUNITY_ID_STATEMENT,
	'{{Opportunity.Field(Name)}}',
	'{{Opportunity.Field(Stage)}}',
	'{{Opportunity.Field(Amount)}}',
]);

const standard = (
	name: string,
	statement: string,
	displayName: string,
	kind: ValueKind = 'text',
): Column => ({
	name,
	statement,
	displayName,
	required: REQUIRED_STATEMENTS.has(statement),
	kind,
});

/** The documented standard opportunity columns, named as in Eloqua's own examples. */
export const STANDARD_COLUMNS: Column[] = [
	standard('OpportunityID', OPPORTUNITY_ID_STATEMENT, 'Opportunity ID'),
	standard('OpportunityName', '{{Opportunity.Field(Name)}}', 'Opportunity Name'),
	standard('AccountName', '{{Opportunity.Field(AccountName)}}', 'Account Name'),
	standard('CreatedDate', '{{Opportunity.CreatedAt}}', 'Created Date', 'date'),
	standard('Amount', '{{Opportunity.Field(Amount)}}', 'Amount', 'number'),
	standard('CloseDate', '{{Opportunity.Field(CloseDate)}}', 'Close Date', 'date'),
	standard('Currency', '{{Opportunity.Field(Currency)}}', 'Currency', 'currency'),
	standard(
		'ForecastToCloseDate',
		'{{Opportunity.Field(ForecastToCloseDate)}}',
		'Forecast to Close Date',
		'date',
	),
	standard('Stage', '{{Opportunity.Field(Stage)}}', 'Stage'),
	standard('Territory', '{{Opportunity.Field(Territory)}}', 'Territory'),
	standard('Owner', '{{Opportunity.Field(Owner)}}', 'Owner'),
	standard('PrimaryCampaignId', '{{Opportunity.Field(PrimaryCampaignId)}}', 'Primary Campaign ID'),
];

const STANDARD_BY_STATEMENT = new Map(STANDARD_COLUMNS.map((column) => [column.statement, column]));

/** A field as `GET /opportunities/fields` lists it. */
export interface EloquaField {
	name?: string;
	internalName?: string;
	statement?: string;
	dataType?: string;
	hasNotNullConstraint?: boolean;
}

function kindOfDataType(dataType: string | undefined): ValueKind {
	const type = (dataType ?? '').toLowerCase();
	if (type === 'date' || type === 'datetime') return 'date';
	if (type === 'number' || type === 'numeric' || type === 'integer' || type === 'decimal')
		return 'number';
	return 'text';
}

/** The instance's own fields as columns, leaving out those the standard columns already cover. */
export function customColumns(fields: EloquaField[]): Column[] {
	return fields
		.filter((field) => field.statement && !STANDARD_BY_STATEMENT.has(field.statement))
		.map((field) => ({
			name: String(field.internalName || field.name),
			statement: String(field.statement),
			displayName: String(field.name || field.internalName),
			required: false,
			kind: kindOfDataType(field.dataType),
		}));
}

/**
 * The columns of an existing definition (`fields`: column name → statement). Kinds come from the
 * standard statements and from the instance's field list.
 */
export function definitionColumns(
	fields: Record<string, string>,
	instanceFields: EloquaField[],
): Column[] {
	const dataTypes = new Map(instanceFields.map((field) => [field.statement, field.dataType]));
	return Object.entries(fields).map(([name, statement]) => ({
		name,
		statement,
		displayName: name,
		required: REQUIRED_STATEMENTS.has(statement),
		kind: STANDARD_BY_STATEMENT.get(statement)?.kind ?? kindOfDataType(dataTypes.get(statement)),
	}));
}
