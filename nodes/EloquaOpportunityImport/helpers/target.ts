import type { INode, NodeOperationError } from 'n8n-workflow';

import { setupError } from '../../shared/items/setup';
import type { EloquaClient } from '../transport/client';
import { OPPORTUNITY_ID_STATEMENT, STANDARD_COLUMNS, writable, type Column } from './columns';
import { DEFINITION_KINDS, definitionBody, getDefinition, type Retention } from './definition';
import { columnsForNewDefinition, columnsOfDefinition } from './fields';
import type { ImportJob } from './job';
import type { StagingRow } from './lifecycle';

export type MappingMode = 'defineBelow' | 'autoMapInputData';

/** Eloqua allows at most 100 columns in one import definition. */
const MAX_COLUMNS = 100;

/** Where the rows go: the columns they are checked against, and the definition if it exists already. */
export interface Target {
	columns: Column[];
	definitionUri?: string;
	identifierColumn: string;
	identifierCaseSensitive: boolean;
	/** Auto-mapping into a definition created for the run: its columns are the fields the items have. */
	columnsFromItems: boolean;
}

/** Every problem found here is in the node's settings or the chosen definition: no item is read yet. */
const configError = (node: INode, problem: string, description: string): NodeOperationError =>
	setupError(node, problem, description);

const namesOf = (columns: Column[]) => columns.map((column) => column.name).join(', ');

/** Columns as the mapper shows them: "Opportunity ID (OpportunityID)". */
const labelsOf = (columns: Column[]) =>
	columns
		.map(({ displayName, name }) => (displayName === name ? name : `${displayName} (${name})`))
		.join(', ');

/** The standard column mapped to {{Opportunity.Id}}: the only one Eloqua matches opportunities on. */
const ID_COLUMN = STANDARD_COLUMNS.find((c) => c.statement === OPPORTUNITY_ID_STATEMENT)!.name;

/** An existing definition as the target: its columns, and the identifier it matches on. */
export async function existingTarget(client: EloquaClient, uri: string): Promise<Target> {
	const definition = await getDefinition(client, uri, DEFINITION_KINDS.opportunity.parent);
	const columns = await columnsOfDefinition(client, definition);
	const readOnly = columns.filter((column) => column.readOnly);
	if (readOnly.length) {
		throw configError(
			client.nodeForErrors(),
			`Definition ${uri} has read-only columns: ${namesOf(readOnly)}`,
			'Eloqua marks these fields read-only (hasReadOnlyConstraint), and every row fills every column of the definition. Remove them from the definition in Eloqua, or let the node create one for the run.',
		);
	}
	const identifierColumn =
		definition.identifierFieldName ??
		columns.find((c) => c.statement === OPPORTUNITY_ID_STATEMENT)?.name;
	if (!identifierColumn) {
		throw configError(
			client.nodeForErrors(),
			`Definition ${uri} has no identifier column`,
			'Map a column to {{Opportunity.Id}} in the definition, or let the node create one.',
		);
	}
	return {
		columns,
		definitionUri: uri,
		identifierColumn,
		identifierCaseSensitive: definition.isIdentifierFieldCaseSensitive === true,
		columnsFromItems: false,
	};
}

/** What the user chose for a definition created for the run. */
export interface NewTargetChoice {
	mode: MappingMode;
	/** The column names mapped below (defineBelow). */
	mapped: string[];
	/** The Identifier Column option: empty, or the column mapped to {{Opportunity.Id}}. */
	identifierColumn: string;
	identifierCaseSensitive: boolean;
}

/** Refuses an Identifier Column option other than the opportunity ID column (kept for saved workflows). */
function checkIdentifierOption(node: INode, chosen: string) {
	if (chosen.trim() === '' || chosen.trim() === ID_COLUMN) return;
	throw configError(
		node,
		`Options → Identifier Column is "${chosen}"; it can only be ${ID_COLUMN}`,
		`Eloqua matches opportunities only on the column mapped to {{Opportunity.Id}}, which is ${ID_COLUMN}. Remove the option "Identifier Column" from Options, or set it to ${ID_COLUMN}.`,
	);
}

/** The columns mapped below, checked against Eloqua's required columns and the instance's fields. */
function mappedColumns(node: INode, all: Column[], mapped: string[]): Column[] {
	const readOnly = all.filter((c) => c.readOnly && mapped.includes(c.name));
	if (readOnly.length) {
		throw configError(
			node,
			`Columns: read-only columns are mapped: ${labelsOf(readOnly)}`,
			'Eloqua marks these fields read-only (hasReadOnlyConstraint): imports cannot write them. Remove them from Columns.',
		);
	}
	const unknown = mapped.filter((name) => !all.some((c) => c.name === name));
	if (unknown.length) {
		throw configError(
			node,
			`Columns: unknown column ${unknown.join(', ')}`,
			'These are not opportunity fields of this Eloqua instance. Reload the columns and map them again.',
		);
	}
	return writable(all).filter((c) => mapped.includes(c.name));
}

/** The columns of a definition created for the run, checked against the mapping and the instance. */
export async function newTarget(client: EloquaClient, choice: NewTargetChoice): Promise<Target> {
	const node = client.nodeForErrors();
	const { mode, mapped } = choice;
	checkIdentifierOption(node, choice.identifierColumn);
	if (mode === 'defineBelow') {
		const missing = STANDARD_COLUMNS.filter((c) => c.required && !mapped.includes(c.name));
		if (missing.length) {
			throw configError(
				node,
				`Columns: map the required columns ${labelsOf(missing)}`,
				'Eloqua needs the opportunity ID, name, stage and amount in every import: add each of these columns under Columns and give it a value, or choose Map Automatically with input fields named as the columns.',
			);
		}
	}
	const all = await columnsForNewDefinition(client);
	return {
		columns: mode === 'defineBelow' ? mappedColumns(node, all, mapped) : writable(all),
		identifierColumn: ID_COLUMN,
		identifierCaseSensitive: choice.identifierCaseSensitive,
		columnsFromItems: mode === 'autoMapInputData',
	};
}

/** The definition a run creates: its name and the settings the user chose. */
export interface NewDefinitionChoice {
	name: string;
	updateRule: string;
	retention: Retention;
}

const hasField = (values: object, name: string) =>
	Object.prototype.hasOwnProperty.call(values, name);

/**
 * The columns every uploaded row carries: all of an existing definition's, every column mapped below,
 * or (auto-mapping) every column some valid item has a field for, plus the required ones. A column
 * stays even when all its values are blank, so what a run sends never depends on which values
 * happen to be filled.
 */
export function sentColumns(target: Target, rows: readonly StagingRow[]): Column[] {
	if (!target.columnsFromItems) return target.columns;
	const absent = new Set(target.columns.filter((column) => !column.required));
	for (const { values } of rows) {
		for (const column of absent) if (hasField(values, column.name)) absent.delete(column);
		if (absent.size === 0) break;
	}
	return target.columns.filter((column) => !absent.has(column));
}

/** The body of the definition created for the run, with the columns every row carries. */
export function newDefinition(
	node: INode,
	target: Target,
	columns: Column[],
	choice: NewDefinitionChoice,
): ImportJob['definition'] {
	if (columns.length > MAX_COLUMNS) {
		throw configError(
			node,
			`Columns: ${columns.length} columns are mapped; Eloqua allows ${MAX_COLUMNS} per import`,
			'Map fewer columns.',
		);
	}
	const body = definitionBody(choice.name, columns, target.identifierColumn, {
		identifierCaseSensitive: target.identifierCaseSensitive,
		updateRule: choice.updateRule,
		...choice.retention,
	});
	return { parent: DEFINITION_KINDS.opportunity.parent, body };
}
