/** How a column's values are checked before they are sent. */
export type ValueKind = 'text' | 'number' | 'date' | 'currency';

/** One column of an import definition: a name in the uploaded rows, mapped to an Eloqua field statement. */
export interface Column {
	name: string;
	statement: string;
	displayName: string;
	/** Eloqua needs a value in every row (the statements every opportunity import must have). */
	required: boolean;
	kind: ValueKind;
	/** The instance keeps no empty value in it (hasNotNullConstraint): the editor asks for it. */
	notNull?: boolean;
	/** The instance does not let imports write it (hasReadOnlyConstraint). */
	readOnly?: boolean;
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
	hasReadOnlyConstraint?: boolean;
}

/** The constraints the instance puts on a field, as column flags. */
function constraintsOf(field: EloquaField | undefined): Pick<Column, 'notNull' | 'readOnly'> {
	return {
		notNull: field?.hasNotNullConstraint === true,
		readOnly: field?.hasReadOnlyConstraint === true,
	};
}

function kindOfDataType(dataType: string | undefined): ValueKind {
	const type = (dataType ?? '').toLowerCase();
	if (type === 'date' || type === 'datetime') return 'date';
	if (type === 'number' || type === 'numeric' || type === 'integer' || type === 'decimal')
		return 'number';
	return 'text';
}

/**
 * Every column a definition created for the run can have: the standard ones, then the instance's
 * custom fields, each flagged with the instance's constraints.
 */
export function instanceColumns(fields: EloquaField[]): Column[] {
	const byStatement = new Map(fields.map((field) => [field.statement, field]));
	const custom = fields
		.filter((field) => field.statement && !STANDARD_BY_STATEMENT.has(field.statement))
		.map((field) => ({
			name: String(field.internalName || field.name),
			statement: String(field.statement),
			displayName: String(field.name || field.internalName),
			required: false,
			kind: kindOfDataType(field.dataType),
			...constraintsOf(field),
		}));
	return [
		...STANDARD_COLUMNS.map((column) => ({
			...column,
			...constraintsOf(byStatement.get(column.statement)),
		})),
		...custom,
	];
}

/**
 * The columns of an existing definition (`fields`: column name → statement). Kinds come from the
 * standard statements and from the instance's field list, constraints from the field list.
 */
export function definitionColumns(
	fields: Record<string, string>,
	instanceFields: EloquaField[],
): Column[] {
	const byStatement = new Map(instanceFields.map((field) => [field.statement, field]));
	return Object.entries(fields).map(([name, statement]) => ({
		name,
		statement,
		displayName: name,
		required: REQUIRED_STATEMENTS.has(statement),
		kind:
			STANDARD_BY_STATEMENT.get(statement)?.kind ??
			kindOfDataType(byStatement.get(statement)?.dataType),
		...constraintsOf(byStatement.get(statement)),
	}));
}

/** The columns imports may write: the instance's read-only fields left out. */
export const writable = (columns: Column[]): Column[] => columns.filter((c) => !c.readOnly);
