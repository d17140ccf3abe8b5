import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { failed, finishRun, succeeded, type ItemResult } from '../../../shared/results';
import { OPPORTUNITY_ID_STATEMENT, STANDARD_COLUMNS, type Column } from '../../import/columns';
import {
	createDefinition,
	definitionBody,
	definitionName,
	deleteDefinition,
	getDefinition,
	OPPORTUNITY_IMPORTS,
} from '../../import/definition';
import { columnsForNewDefinition, columnsOfDefinition } from '../../import/fields';
import { checkItems, itemLabel, usedColumns, type MappingMode } from '../../import/items';
import { stageAndSync, type RowOutcome } from '../../import/lifecycle';
import type { DateHandling } from '../../import/schema';
import { EloquaClient } from '../../transport/client';
import { checkedUri } from '../../transport/uris';
import { MAX_UPLOAD_MEGABYTES, MEGABYTE } from './import.description';

export { importProperties as description } from './import.description';

/** Eloqua allows at most 100 columns in one import definition. */
const MAX_COLUMNS = 100;

interface ImportOptions {
	autoDeleteDuration: string;
	callbackUrl: string;
	dataRetentionDuration: string;
	dateFormat: DateHandling;
	deleteDefinitionAfterSync: boolean;
	identifierColumn: string;
	identifierCaseSensitive: boolean;
	maxUploadMegabytes: number;
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
	recordsPerUpload: number;
	updateRule: string;
	validateOnly: boolean;
}

const DEFAULT_OPTIONS: ImportOptions = {
	autoDeleteDuration: 'P1D',
	callbackUrl: '',
	dataRetentionDuration: 'P7D',
	dateFormat: 'asGiven',
	deleteDefinitionAfterSync: true,
	identifierColumn: '',
	identifierCaseSensitive: false,
	maxUploadMegabytes: 24,
	maxWaitMinutes: 30,
	pollIntervalSeconds: 2,
	recordsPerUpload: 100000,
	updateRule: 'always',
	validateOnly: false,
};

/** Where the rows go: the columns they are checked against, and the definition if it exists already. */
interface Target {
	columns: Column[];
	definitionUri?: string;
	identifierColumn: string;
	identifierCaseSensitive: boolean;
}

function configError(context: IExecuteFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

function mappedColumnNames(context: IExecuteFunctions): string[] {
	const columns = context.getNode().parameters.columns as { value?: IDataObject | null } | undefined;
	return Object.keys(columns?.value ?? {});
}

async function existingTarget(context: IExecuteFunctions, client: EloquaClient): Promise<Target> {
	const id = context.getNodeParameter('importDefinitionId', 0, '', { extractValue: true }) as string;
	const uri = checkedUri(context.getNode(), id, OPPORTUNITY_IMPORTS.collection, OPPORTUNITY_IMPORTS.parent);
	const definition = await getDefinition(client, uri, OPPORTUNITY_IMPORTS.parent);
	const columns = await columnsOfDefinition(client, definition);
	const identifierColumn =
		definition.identifierFieldName ?? columns.find((c) => c.statement === OPPORTUNITY_ID_STATEMENT)?.name;
	if (!identifierColumn) {
		throw configError(context, `Definition ${uri} has no identifier column`, 'Map a column to {{Opportunity.Id}} in the definition, or let the node create one.');
	}
	return {
		columns,
		definitionUri: uri,
		identifierColumn,
		identifierCaseSensitive: definition.isIdentifierFieldCaseSensitive === true,
	};
}

async function newTarget(context: IExecuteFunctions, client: EloquaClient, mode: MappingMode, options: ImportOptions): Promise<Target> {
	const mapped = mappedColumnNames(context);
	const standardNames = new Set(STANDARD_COLUMNS.map((c) => c.name));
	const needsInstanceFields = mode === 'autoMapInputData' || mapped.some((name) => !standardNames.has(name));
	let columns = needsInstanceFields ? await columnsForNewDefinition(client) : STANDARD_COLUMNS;
	if (mode === 'defineBelow') {
		const unknown = mapped.filter((name) => !columns.some((c) => c.name === name));
		if (unknown.length) {
			throw configError(context, `Unknown column ${unknown.join(', ')}`, 'These are not opportunity fields of this Eloqua instance. Reload the columns and map them again.');
		}
		const missing = columns.filter((c) => c.required && !mapped.includes(c.name)).map((c) => c.name);
		if (missing.length) {
			throw configError(context, `Map the required columns: ${missing.join(', ')}`, 'Eloqua needs the opportunity ID, name, stage and amount in every import.');
		}
		columns = columns.filter((c) => mapped.includes(c.name));
	}
	const identifierColumn = options.identifierColumn.trim() || 'OpportunityID';
	if (!columns.some((c) => c.name === identifierColumn)) {
		throw configError(context, `The identifier column "${identifierColumn}" is not mapped`, 'Map it, or pick a mapped column as "Identifier Column" in Options.');
	}
	return { columns, identifierColumn, identifierCaseSensitive: options.identifierCaseSensitive };
}

function outcomeToResult(outcome: RowOutcome, identifierColumn: string, definitionUri: string): ItemResult {
	const fields: IDataObject = {
		status: outcome.status,
		opportunityId: outcome.identifier,
		importDefinitionUri: definitionUri,
		syncUri: outcome.syncUri ?? null,
		syncStatus: outcome.syncStatus ?? null,
	};
	if (outcome.syncLog) fields.syncLog = outcome.syncLog as unknown as IDataObject[];
	const { problem } = outcome;
	if (!problem) return succeeded(outcome.itemIndex, fields);
	if (problem.code) fields.code = problem.code;
	if (problem.httpStatus) fields.httpStatus = problem.httpStatus;
	if (problem.invalidFields?.length) fields.invalidFields = problem.invalidFields;
	const label = itemLabel(outcome.itemIndex, identifierColumn, outcome.identifier);
	return failed(outcome.itemIndex, fields, `${label}: ${problem.message}`, problem.description);
}

/** Deletes a definition made for this run; a failure here must not hide the import results. */
async function cleanUp(context: IExecuteFunctions, client: EloquaClient, definitionUri: string) {
	try {
		await deleteDefinition(client, definitionUri);
	} catch (error) {
		context.logger.warn(`Could not delete the Eloqua import definition ${definitionUri}: ${(error as Error).message}`);
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options: ImportOptions = { ...DEFAULT_OPTIONS, ...(this.getNodeParameter('options', 0, {}) as Partial<ImportOptions>) };
	const mode = this.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as MappingMode;
	const creating = this.getNodeParameter('definitionMode', 0, 'create') === 'create';
	const client = EloquaClient.forNode(this);
	const target = creating ? await newTarget(this, client, mode, options) : await existingTarget(this, client);

	const { valid, invalid } = checkItems(this, items, mode, {
		rules: { columns: target.columns, zone: this.getTimezone(), dateHandling: options.dateFormat },
		identifierColumn: target.identifierColumn,
		key: [{ column: target.identifierColumn, caseSensitive: target.identifierCaseSensitive }],
		repeatRule: 'an opportunity is sent once per run',
		fields: { importDefinitionUri: target.definitionUri ?? null },
	});
	if (options.validateOnly || valid.length === 0) {
		const checked = valid.map(({ itemIndex, identifier, row }) =>
			succeeded(itemIndex, { status: 'valid', opportunityId: identifier, row }),
		);
		return finishRun(this, [...checked, ...invalid], options.validateOnly ? 'valid' : 'imported');
	}

	let definitionUri = target.definitionUri;
	if (!definitionUri) {
		const columns = usedColumns(target.columns, valid);
		if (columns.length > MAX_COLUMNS) {
			throw configError(this, `${columns.length} columns are mapped; Eloqua allows ${MAX_COLUMNS} per import`, 'Map fewer columns.');
		}
		const name = definitionName(this.getWorkflow().name ?? 'workflow', this.getExecutionId());
		const body = definitionBody(name, columns, target.identifierColumn, {
			identifierCaseSensitive: target.identifierCaseSensitive,
			updateRule: options.updateRule,
			dataRetentionDuration: options.dataRetentionDuration,
			autoDeleteDuration: options.autoDeleteDuration,
		});
		definitionUri = (await createDefinition(client, OPPORTUNITY_IMPORTS.parent, body)).uri;
	}

	const { outcomes, allSyncsEnded } = await stageAndSync(
		{
			client,
			definitionUri,
			key: [{ column: target.identifierColumn, caseSensitive: target.identifierCaseSensitive }],
			limits: {
				maxRecords: Math.max(1, Math.floor(options.recordsPerUpload)),
				maxBytes: Math.floor(Math.min(options.maxUploadMegabytes, MAX_UPLOAD_MEGABYTES) * MEGABYTE),
			},
			waitForSync: this.getNodeParameter('waitForSync', 0, true) as boolean,
			poll: { intervalMs: options.pollIntervalSeconds * 1000, maxWaitMs: options.maxWaitMinutes * 60_000 },
			callbackUrl: options.callbackUrl || undefined,
		},
		valid,
	);
	if (creating && options.deleteDefinitionAfterSync && allSyncsEnded) await cleanUp(this, client, definitionUri);

	const results = outcomes.map((outcome) => outcomeToResult(outcome, target.identifierColumn, definitionUri));
	const invalidWithUri = invalid.map((result) => ({ ...result, fields: { ...result.fields, importDefinitionUri: definitionUri } }));
	return finishRun(this, [...results, ...invalidWithUri], 'imported');
}
