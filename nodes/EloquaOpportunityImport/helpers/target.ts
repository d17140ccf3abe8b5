import { NodeOperationError, type INode } from 'n8n-workflow';

import type { EloquaClient } from '../transport/client';
import { OPPORTUNITY_ID_STATEMENT, STANDARD_COLUMNS, type Column } from './columns';
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

function configError(node: INode, message: string, description: string): NodeOperationError {
	return new NodeOperationError(node, message, { description });
}

/** An existing definition as the target: its columns, and the identifier it matches on. */
export async function existingTarget(client: EloquaClient, uri: string): Promise<Target> {
	const definition = await getDefinition(client, uri, DEFINITION_KINDS.opportunity.parent);
	const columns = await columnsOfDefinition(client, definition);
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
	identifierColumn: string;
	identifierCaseSensitive: boolean;
}

/** The columns of a definition created for the run, checked against the mapping. */
export async function newTarget(client: EloquaClient, choice: NewTargetChoice): Promise<Target> {
	const node = client.nodeForErrors();
	const { mode, mapped } = choice;
	const standardNames = new Set(STANDARD_COLUMNS.map((c) => c.name));
	const needsInstanceFields =
		mode === 'autoMapInputData' || mapped.some((name) => !standardNames.has(name));
	let columns = needsInstanceFields ? await columnsForNewDefinition(client) : STANDARD_COLUMNS;
	if (mode === 'defineBelow') {
		const unknown = mapped.filter((name) => !columns.some((c) => c.name === name));
		if (unknown.length) {
			throw configError(
				node,
				`Unknown column ${unknown.join(', ')}`,
				'These are not opportunity fields of this Eloqua instance. Reload the columns and map them again.',
			);
		}
		const missing = columns
			.filter((c) => c.required && !mapped.includes(c.name))
			.map((c) => c.name);
		if (missing.length) {
			throw configError(
				node,
				`Map the required columns: ${missing.join(', ')}`,
				'Eloqua needs the opportunity ID, name, stage and amount in every import.',
			);
		}
		columns = columns.filter((c) => mapped.includes(c.name));
	}
	const identifierColumn = choice.identifierColumn.trim() || 'OpportunityID';
	if (!columns.some((c) => c.name === identifierColumn)) {
		throw configError(
			node,
			`The identifier column "${identifierColumn}" is not mapped`,
			'Map it, or pick a mapped column as "Identifier Column" in Options.',
		);
	}
	return {
		columns,
		identifierColumn,
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
			`${columns.length} columns are mapped; Eloqua allows ${MAX_COLUMNS} per import`,
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
