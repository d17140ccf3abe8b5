import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { inputFieldsOptions, readInputFields } from '../../../shared/items/inputFields';
import { readValidateOnly, validateOnlyProperty } from '../../../shared/items/validateOnly';
import { finishRun, type ItemResult } from '../../../shared/items/results';
import {
	readStageMapping,
	stageMappingProperty,
	type StageMapping,
} from '../../../shared/values/stages';
import { checkAutoMapped, inputFieldNames, unmatchedFieldsHint } from '../../helpers/autoMap';
import { checkItems, validResults, withValueWarnings } from '../../helpers/checks';
import { definitionName } from '../../helpers/definition';
import { runImport, type ImportJob } from '../../helpers/job';
import { linkImported } from '../../helpers/linking';
import { outcomeToResult, type KeyFields } from '../../helpers/outcomes';
import { rowBuilder, type RowRules } from '../../helpers/rows';
import {
	existingTarget,
	newDefinition,
	newTarget,
	sentColumns,
	type MappingMode,
	type Target,
} from '../../helpers/target';
import { EloquaClient } from '../../transport/client';
import { definitionLocator, definitionUriOf } from '../common/definition.properties';
import { readUpdateRule } from '../common/emptyValues.option';
import {
	lifecycleOptions,
	readJobOptions,
	readRetention,
	sortedOptions,
} from '../common/lifecycle.options';
import { linkJob, linkProperties, readLinkSettings } from '../common/link.properties';
import { readIncludeSyncLog, syncLogOption } from '../common/syncLog.option';
import { columnsProperty } from './columns.property';
import { autoMapNotices } from './autoMap.notice';
import { importOptions, readDateRules } from './import.options';

const show = { resource: ['opportunity'], operation: ['import'] };

/** The column the Stage Mapping applies to: the one mapped to Eloqua's stage field. */
const STAGE_STATEMENT = '{{Opportunity.Field(Stage)}}';

export const description: INodeProperties[] = [
	{
		displayName: 'Import Definition',
		name: 'definitionMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Create One for This Run',
				value: 'create',
				description:
					'The node creates a definition from the mapped columns and deletes it after the sync',
			},
			{
				name: 'Use an Existing Definition',
				value: 'existing',
				description: 'Upload into a definition set up in Eloqua; its columns are used',
			},
		],
		default: 'create',
	},
	definitionLocator('importDefinitionId', 'Existing Definition', {
		...show,
		definitionMode: ['existing'],
	}),
	columnsProperty(show, 'map', [1]),
	columnsProperty(show, 'add', [{ _cnd: { gte: 1.1 } }]),
	...autoMapNotices(show),
	{ ...stageMappingProperty('Eloqua'), displayOptions: { show } },
	validateOnlyProperty('Eloqua', 'the row', show),
	{
		displayName: 'Wait for Sync',
		name: 'waitForSync',
		type: 'boolean',
		// A setting, not a value: no expression, so no ✨ for an AI Agent's model to fill in.
		noDataExpression: true,
		default: true,
		displayOptions: { show },
		description:
			'Whether to wait until Eloqua has processed the rows and report each item as imported or rejected. Off: the sync is started and items come out as "staged".',
	},
	{
		displayName: 'Link to Contacts After Import',
		name: 'linkAfterImport',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		displayOptions: { show },
		description:
			'Whether to link each imported opportunity to a contact or account right after the import, reporting both in one result per item',
	},
	...linkProperties({ ...show, linkAfterImport: [true] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: sortedOptions([
			...lifecycleOptions(true),
			...importOptions,
			...inputFieldsOptions,
			syncLogOption,
		]),
	},
];

/** The values an item maps to columns: the mapper's resolved values, or the item's own same-named fields. */
function mappedValues(
	context: IExecuteFunctions,
	mode: MappingMode,
	item: INodeExecutionData,
	itemIndex: number,
): IDataObject {
	if (mode === 'autoMapInputData') return item.json;
	return (context.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as IDataObject;
}

/** The item's values with the stage Stage Mapping gives; the item itself is left as it is. */
function withMappedStage(
	values: IDataObject,
	column: string | undefined,
	stages: StageMapping,
): IDataObject {
	if (column === undefined || stages.size === 0 || !(column in values)) return values;
	return { ...values, [column]: stages.apply(values[column]) as IDataObject[string] };
}

/** The columns mapped below (Columns → Map Each Column Manually), by name. */
function mappedColumnNames(context: IExecuteFunctions): string[] {
	const columns = context.getNode().parameters.columns as
		| { value?: IDataObject | null }
		| undefined;
	return Object.keys(columns?.value ?? {});
}

/** Opportunity → Import: checks every item, imports the valid ones, and optionally links them. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const linking = this.getNodeParameter('linkAfterImport', 0, false) as boolean;
	const mode = this.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as MappingMode;
	// A bad option stops the run before anything is sent.
	const dateRules = readDateRules(this.getNode(), options, this.getTimezone());
	const stages = readStageMapping(this, 'Eloqua');
	const client = EloquaClient.forNode(this);
	const target: Target =
		this.getNodeParameter('definitionMode', 0, 'create') === 'create'
			? await newTarget(client, {
					mode,
					mapped: mappedColumnNames(this),
					identifierColumn: (options.identifierColumn as string) ?? '',
					identifierCaseSensitive: options.identifierCaseSensitive === true,
				})
			: await existingTarget(client, definitionUriOf(this, 'importDefinitionId', 0, 'opportunity'));
	const rules: RowRules = { columns: target.columns, ...dateRules };
	const key = [{ column: target.identifierColumn, caseSensitive: target.identifierCaseSensitive }];
	const items = this.getInputData();
	const stageColumn = target.columns.find((column) => column.statement === STAGE_STATEMENT)?.name;
	if (mode === 'autoMapInputData') {
		const fields = inputFieldNames(items.map((item) => item.json));
		checkAutoMapped(this.getNode(), target.columns, fields);
		const hint = unmatchedFieldsHint(target.columns, fields);
		if (hint) this.addExecutionHints(hint);
	}
	const { valid, invalid, warnings } = checkItems(
		items.map((_, i) => i),
		(i) => withMappedStage(mappedValues(this, mode, items[i], i), stageColumn, stages),
		{
			rules,
			identifierColumn: target.identifierColumn,
			key,
			repeatRule: 'an opportunity is sent once per run',
			fields: { importDefinitionUri: target.definitionUri ?? null },
		},
	);
	// The checks read every column; the rows carry the definition's columns, each one in every row.
	const sent: RowRules = { ...rules, columns: sentColumns(target, valid) };
	const validateOnly = readValidateOnly(this, options);
	if (validateOnly || valid.length === 0) {
		const checked = withValueWarnings(validResults(valid, rowBuilder(sent)), warnings);
		return finishRun(
			this,
			[...checked, ...invalid],
			validateOnly ? 'valid' : 'imported',
			readInputFields(this, options),
		);
	}

	const jobOptions = readJobOptions(this, options);
	const job: ImportJob = {
		...jobOptions,
		// Linking needs the opportunities to exist: the import's sync is waited for when linking follows.
		waitForSync: jobOptions.waitForSync || linking,
		client,
		definition: target.definitionUri
			? { uri: target.definitionUri }
			: newDefinition(this.getNode(), target, sent.columns, {
					name: definitionName(this.getWorkflow().name ?? 'workflow', this.getExecutionId()),
					updateRule: readUpdateRule(options),
					retention: readRetention(options),
				}),
		rules: sent,
		key,
	};
	const { definitionUri, outcomes } = await runImport(job, valid, this.logger);
	const keyFields: KeyFields = (fields, outcome) => {
		fields.opportunityId = outcome.identifier;
		fields.importDefinitionUri = definitionUri;
	};
	const fullLog = readIncludeSyncLog(options);
	let results: ItemResult[] = outcomes.map((outcome) =>
		outcomeToResult(outcome, 'imported', target.identifierColumn, keyFields, fullLog),
	);
	if (linking) {
		const settings = readLinkSettings(this);
		results = await linkImported(results, {
			client,
			settings,
			valueOf: (i) => this.getNodeParameter('linkValue', i, ''),
			job: () => linkJob(this, client, settings, jobOptions, readRetention(options)),
			logger: this.logger,
		});
	}
	results = withValueWarnings(results, warnings);
	// Appended one by one: a spread copies every result into a new array.
	for (const result of invalid)
		results.push({ ...result, fields: { ...result.fields, importDefinitionUri: definitionUri } });
	return finishRun(this, results, 'imported', readInputFields(this, options));
}
