import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { finishRun, succeeded } from '../../../shared/items/results';
import { OPPORTUNITY_ID_STATEMENT, STANDARD_COLUMNS, type Column } from '../../import/columns';
import {
	definitionBody,
	definitionName,
	getDefinition,
	OPPORTUNITY_IMPORTS,
} from '../../import/definition';
import { columnsForNewDefinition, columnsOfDefinition } from '../../import/fields';
import { checkItems, mappedValues, usedColumns, type MappingMode } from '../../import/items';
import type { StagingRow } from '../../import/lifecycle';
import { outcomeToResult } from '../../import/results';
import { runImportJob, type ImportJob, type LifecycleSettings } from '../../import/run';
import { rowBuilder, type DateHandling, type RowRules } from '../../import/schema';
import { EloquaClient } from '../../transport/client';
import { definitionUriOf } from '../common/definition.properties';
import { readLifecycleSettings } from '../common/lifecycle.options';
import { linkImported } from './linkAfterImport';

export { importProperties as description } from './import.description';

/** Eloqua allows at most 100 columns in one import definition. */
const MAX_COLUMNS = 100;

/** The options only the opportunity import has (the shared ones are read by `readLifecycleSettings`). */
interface ImportOptions {
	dateFormat: DateHandling;
	identifierColumn: string;
	identifierCaseSensitive: boolean;
	updateRule: string;
}

/** Where the rows go: the columns they are checked against, and the definition if it exists already. */
interface Target {
	columns: Column[];
	definitionUri?: string;
	identifierColumn: string;
	identifierCaseSensitive: boolean;
}

function configError(
	context: IExecuteFunctions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

function mappedColumnNames(context: IExecuteFunctions): string[] {
	const columns = context.getNode().parameters.columns as
		| { value?: IDataObject | null }
		| undefined;
	return Object.keys(columns?.value ?? {});
}

async function existingTarget(context: IExecuteFunctions, client: EloquaClient): Promise<Target> {
	const uri = definitionUriOf(context, 'importDefinitionId', 0, 'opportunity');
	const definition = await getDefinition(client, uri, OPPORTUNITY_IMPORTS.parent);
	const columns = await columnsOfDefinition(client, definition);
	const identifierColumn =
		definition.identifierFieldName ??
		columns.find((c) => c.statement === OPPORTUNITY_ID_STATEMENT)?.name;
	if (!identifierColumn) {
		throw configError(
			context,
			`Definition ${uri} has no identifier column`,
			'Map a column to {{Opportunity.Id}} in the definition, or let the node create one.',
		);
	}
	return {
		columns,
		definitionUri: uri,
		identifierColumn,
		identifierCaseSensitive: definition.isIdentifierFieldCaseSensitive === true,
	};
}

async function newTarget(
	context: IExecuteFunctions,
	client: EloquaClient,
	mode: MappingMode,
	options: ImportOptions,
): Promise<Target> {
	const mapped = mappedColumnNames(context);
	const standardNames = new Set(STANDARD_COLUMNS.map((c) => c.name));
	const needsInstanceFields =
		mode === 'autoMapInputData' || mapped.some((name) => !standardNames.has(name));
	let columns = needsInstanceFields ? await columnsForNewDefinition(client) : STANDARD_COLUMNS;
	if (mode === 'defineBelow') {
		const unknown = mapped.filter((name) => !columns.some((c) => c.name === name));
		if (unknown.length) {
			throw configError(
				context,
				`Unknown column ${unknown.join(', ')}`,
				'These are not opportunity fields of this Eloqua instance. Reload the columns and map them again.',
			);
		}
		const missing = columns
			.filter((c) => c.required && !mapped.includes(c.name))
			.map((c) => c.name);
		if (missing.length) {
			throw configError(
				context,
				`Map the required columns: ${missing.join(', ')}`,
				'Eloqua needs the opportunity ID, name, stage and amount in every import.',
			);
		}
		columns = columns.filter((c) => mapped.includes(c.name));
	}
	const identifierColumn = options.identifierColumn.trim() || 'OpportunityID';
	if (!columns.some((c) => c.name === identifierColumn)) {
		throw configError(
			context,
			`The identifier column "${identifierColumn}" is not mapped`,
			'Map it, or pick a mapped column as "Identifier Column" in Options.',
		);
	}
	return { columns, identifierColumn, identifierCaseSensitive: options.identifierCaseSensitive };
}

/** The definition to upload into: the existing one, or the body of one created from the columns the rows use. */
function definitionFor(
	context: IExecuteFunctions,
	target: Target,
	rules: RowRules,
	rows: StagingRow[],
	options: ImportOptions,
	settings: LifecycleSettings,
): ImportJob['definition'] {
	if (target.definitionUri) return { uri: target.definitionUri };
	const columns = usedColumns(rules, rows);
	if (columns.length > MAX_COLUMNS) {
		throw configError(
			context,
			`${columns.length} columns are mapped; Eloqua allows ${MAX_COLUMNS} per import`,
			'Map fewer columns.',
		);
	}
	const name = definitionName(context.getWorkflow().name ?? 'workflow', context.getExecutionId());
	const body = definitionBody(name, columns, target.identifierColumn, {
		identifierCaseSensitive: target.identifierCaseSensitive,
		updateRule: options.updateRule,
		dataRetentionDuration: settings.dataRetentionDuration,
		autoDeleteDuration: settings.autoDeleteDuration,
	});
	return { parent: OPPORTUNITY_IMPORTS.parent, body };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const rawOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
	const options: ImportOptions = {
		dateFormat: (rawOptions.dateFormat as DateHandling) ?? 'asGiven',
		identifierColumn: (rawOptions.identifierColumn as string) ?? '',
		identifierCaseSensitive: rawOptions.identifierCaseSensitive === true,
		updateRule: (rawOptions.updateRule as string) ?? 'always',
	};
	const settings = readLifecycleSettings(this, rawOptions);
	const linking = this.getNodeParameter('linkAfterImport', 0, false) as boolean;
	const mode = this.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as MappingMode;
	const creating = this.getNodeParameter('definitionMode', 0, 'create') === 'create';
	const client = EloquaClient.forNode(this);
	const target = creating
		? await newTarget(this, client, mode, options)
		: await existingTarget(this, client);

	const rules: RowRules = {
		columns: target.columns,
		zone: this.getTimezone(),
		dateHandling: options.dateFormat,
	};
	const toRow = rowBuilder(rules);
	const { valid, invalid } = checkItems(
		items.map((_, i) => i),
		(i) => mappedValues(this, mode, items[i], i),
		{
			rules,
			identifierColumn: target.identifierColumn,
			key: [{ column: target.identifierColumn, caseSensitive: target.identifierCaseSensitive }],
			repeatRule: 'an opportunity is sent once per run',
			fields: { importDefinitionUri: target.definitionUri ?? null },
		},
	);
	if (settings.validateOnly || valid.length === 0) {
		const checked = valid.map(({ itemIndex, identifier, values }) =>
			succeeded(itemIndex, { status: 'valid', opportunityId: identifier, row: toRow(values) }),
		);
		return finishRun(this, [...checked, ...invalid], settings.validateOnly ? 'valid' : 'imported');
	}

	// Linking needs the opportunities to exist: the import's sync is waited for when linking follows.
	const importSettings = linking ? { ...settings, waitForSync: true } : settings;
	const { definitionUri, outcomes } = await runImportJob(this, {
		client,
		rows: valid,
		key: [{ column: target.identifierColumn, caseSensitive: target.identifierCaseSensitive }],
		toRow,
		settings: importSettings,
		definition: definitionFor(this, target, rules, valid, options, settings),
	});
	let results = outcomes.map((outcome) =>
		outcomeToResult(outcome, 'imported', target.identifierColumn, {
			opportunityId: outcome.identifier,
			importDefinitionUri: definitionUri,
		}),
	);
	if (linking) results = await linkImported(this, client, settings, results);
	const invalidWithUri = invalid.map((result) => ({
		...result,
		fields: { ...result.fields, importDefinitionUri: definitionUri },
	}));
	return finishRun(this, [...results, ...invalidWithUri], 'imported');
}
