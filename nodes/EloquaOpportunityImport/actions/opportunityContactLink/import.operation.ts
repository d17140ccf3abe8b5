import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { finishRun, succeeded } from '../../../shared/items/results';
import { definitionName } from '../../import/definition';
import { checkItems, type CheckedItems } from '../../import/items';
import {
	LINK_OPPORTUNITY_COLUMN,
	linkColumns,
	linkDefinitionBody,
	linkKey,
	type LinkSettings,
} from '../../import/linkage';
import { outcomeToResult } from '../../import/results';
import { runImportJob, type LifecycleSettings } from '../../import/run';
import { rowBuilder, type RowRules } from '../../import/schema';
import { EloquaClient } from '../../transport/client';
import { DEFINITION_KINDS } from '../common/definition.properties';
import {
	lifecycleOptions,
	readLifecycleSettings,
	sortedOptions,
} from '../common/lifecycle.options';
import { linkProperties, readLinkSettings } from '../common/link.properties';

const show = { resource: ['opportunityContactLink'], operation: ['import'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Opportunity ID',
		name: 'opportunityId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: '={{ $json.OpportunityID }}',
		description: 'The ID of the opportunity to link (imported before, with the same ID)',
	},
	...linkProperties(show),
	{
		displayName: 'Wait for Sync',
		name: 'waitForSync',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description:
			'Whether to wait until Eloqua has processed the links and report each item as linked or rejected',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: sortedOptions(lifecycleOptions()),
	},
];

/** Checks the link rows (one per item): both values present and the pair not repeated in the run. */
function linkRules(context: IExecuteFunctions, settings: LinkSettings): RowRules {
	return {
		columns: linkColumns(context.getNode(), settings),
		zone: context.getTimezone(),
		dateHandling: 'asGiven',
	};
}

export function checkLinkRows(
	context: IExecuteFunctions,
	settings: LinkSettings,
	itemIndexes: number[],
	valuesOf: (itemIndex: number) => IDataObject,
	fields: IDataObject,
): CheckedItems {
	return checkItems(itemIndexes, valuesOf, {
		rules: linkRules(context, settings),
		identifierColumn: LINK_OPPORTUNITY_COLUMN,
		key: linkKey(settings),
		repeatRule: 'a link is sent once per run',
		fields,
	});
}

/** Links the given rows in one linkage import created for this run. */
export async function linkRows(
	context: IExecuteFunctions,
	client: EloquaClient,
	settings: LinkSettings,
	lifecycle: LifecycleSettings,
	rows: CheckedItems['valid'],
) {
	const name = definitionName(
		`${context.getWorkflow().name ?? 'workflow'} links`,
		context.getExecutionId(),
	);
	return await runImportJob(context, {
		client,
		rows,
		key: linkKey(settings),
		toRow: rowBuilder(linkRules(context, settings)),
		settings: lifecycle,
		definition: {
			parent: DEFINITION_KINDS.contactLink.parent,
			body: linkDefinitionBody(context.getNode(), name, settings, lifecycle),
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readLinkSettings(this);
	const lifecycle = readLifecycleSettings(
		this,
		this.getNodeParameter('options', 0, {}) as IDataObject,
	);
	const toRow = rowBuilder(linkRules(this, settings));
	const linkedTo = (row: IDataObject) => row[settings.field] ?? null;
	const { valid, invalid } = checkLinkRows(
		this,
		settings,
		this.getInputData().map((_, i) => i),
		(i) => ({
			[LINK_OPPORTUNITY_COLUMN]: this.getNodeParameter('opportunityId', i),
			[settings.field]: this.getNodeParameter('linkValue', i),
		}),
		{ linkType: settings.entity },
	);
	if (lifecycle.validateOnly || valid.length === 0) {
		const checked = valid.map(({ itemIndex, identifier, values }) => {
			const row = toRow(values);
			return succeeded(itemIndex, {
				status: 'valid',
				opportunityId: identifier,
				linkedTo: linkedTo(row),
				row,
			});
		});
		return finishRun(this, [...checked, ...invalid], lifecycle.validateOnly ? 'valid' : 'linked');
	}
	// Taken before the upload, which lets go of the rows' values.
	const rowsByItem = new Map(valid.map(({ itemIndex, values }) => [itemIndex, toRow(values)]));
	const { definitionUri, outcomes } = await linkRows(
		this,
		EloquaClient.forNode(this),
		settings,
		lifecycle,
		valid,
	);
	const results = outcomes.map((outcome) =>
		outcomeToResult(outcome, 'linked', LINK_OPPORTUNITY_COLUMN, {
			opportunityId: outcome.identifier,
			linkedTo: linkedTo(rowsByItem.get(outcome.itemIndex) ?? {}),
			linkType: settings.entity,
			importDefinitionUri: definitionUri,
		}),
	);
	return finishRun(this, [...results, ...invalid], 'linked');
}
