import { decimalText, type FieldProblem } from '../../shared/values/rules';
import { preview } from '../../shared/values/text';
import type { Opportunity } from './schema';

// Ruler's batch file (API-CONTRACT "Batch jobs"): a header row, then one row per opportunity.

/** The documented columns, with `Label` repeated as often as the most labels a row has. */
const LEADING = ['OpportunityDateTime', 'CurrencyCode', 'OpportunityValue', 'PipelineStage'];
const IDENTIFIER_COLUMNS = ['RaId', 'EmailAddress', 'PhoneNumber', 'PayloadValue'] as const;
/** The separators of `Name=…,Value=…;…`, for which Ruler documents no escape. */
const PROPERTY_SEPARATORS = /[;,=]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The node's field behind each column, for the fields a message of Ruler's names. */
const COLUMN_FIELDS: Array<[RegExp, string]> = [
	[/\bOpportunityDateTime\b/, 'opportunityDateTime'],
	[/\bCurrencyCode\b/, 'currencyCode'],
	[/\bOpportunityValue\b/, 'opportunityValue'],
	[/\bPipelineStage\b|\bpipeline stage\b/i, 'pipelineStage'],
	[/\b(?:RaId|EmailAddress|PhoneNumber|PayloadValue)\b/, 'visitorIdentifiers'],
	[/\bLabel\b/, 'labels'],
	[/\bReference\b/, 'reference'],
	[/\bAdditionalDataProperties\b/, 'additionalDataProperties'],
];

/** The node's fields whose columns Ruler's message names, in the file's column order. */
export function fieldsNamedIn(message: string): string[] {
	return COLUMN_FIELDS.filter(([column]) => column.test(message)).map(([, field]) => field);
}

/** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvCell(text: string): string {
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(labelColumns: number): string {
	const labels = Array.from({ length: labelColumns }, () => 'Label');
	return [...LEADING, ...IDENTIFIER_COLUMNS, ...labels, 'Reference', 'AdditionalDataProperties']
		.map(csvCell)
		.join(',');
}

/** One opportunity as a row of a file with `labelColumns` Label columns. */
export function csvRow(opportunity: Opportunity, labelColumns: number): string {
	const identifier = (key: string) =>
		opportunity.identifiers.find((entry) => entry.key === key)?.value ?? '';
	const labels = Array.from({ length: labelColumns }, (_, i) => opportunity.labels[i] ?? '');
	const properties = opportunity.properties
		.map(({ name, value }) => `Name=${name},Value=${value}`)
		.join(';');
	return [
		opportunity.dateTime,
		opportunity.currency,
		decimalText(opportunity.value) ?? String(opportunity.value),
		opportunity.stage,
		...IDENTIFIER_COLUMNS.map(identifier),
		...labels,
		opportunity.reference,
		properties,
	]
		.map(csvCell)
		.join(',');
}

/**
 * Why an opportunity cannot be a batch row, or undefined: the file has no CookieValue column, and
 * a property holding a separator could not be read back as it was meant.
 */
export function batchProblem(opportunity: Opportunity): FieldProblem | undefined {
	const upload = 'send this item with the Upload operation instead';
	if (opportunity.identifiers.some((entry) => entry.key === 'CookieValue'))
		return {
			field: 'visitorIdentifiers',
			message: `Visitor Identifiers has a Cookie Value, which Ruler's batch file has no column for; ${upload}`,
		};
	const index = opportunity.properties.findIndex(
		({ name, value }) => PROPERTY_SEPARATORS.test(name) || PROPERTY_SEPARATORS.test(value),
	);
	if (index < 0) return undefined;
	const { name, value } = opportunity.properties[index];
	return {
		field: 'additionalDataProperties',
		message: `Additional Data Property ${index + 1} (${preview(name)} = ${preview(value)}) contains ; , or =, which Ruler's batch file uses as separators and documents no escape for; ${upload}`,
	};
}

/** RFC 4180 text as rows of cells (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const endCell = () => {
		row.push(cell);
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c !== '"') cell += c;
			else if (text[i + 1] === '"') cell += text[++i];
			else quoted = false;
		} else if (c === '"') quoted = true;
		else if (c === ',') endCell();
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endCell();
			rows.push(row);
			row = [];
		} else cell += c;
	}
	endCell();
	rows.push(row);
	return rows.filter((cells) => cells.some((value) => value !== ''));
}
