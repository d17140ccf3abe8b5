import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readValidateOnly, validateOnlyProperty } from '../../../shared/items/validateOnly';
import { finishRun } from '../../../shared/items/results';
import { validResults } from '../../helpers/checks';
import { runImport } from '../../helpers/job';
import { LINK_OPPORTUNITY_COLUMN } from '../../helpers/linkage';
import { checkLinkRows } from '../../helpers/linking';
import { outcomeToResult, type KeyFields } from '../../helpers/outcomes';
import { rowBuilder } from '../../helpers/rows';
import { EloquaClient } from '../../transport/client';
import {
	lifecycleOptions,
	readJobOptions,
	readRetention,
	sortedOptions,
} from '../common/lifecycle.options';
import { linkJob, linkProperties, readLinkSettings } from '../common/link.properties';

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
	validateOnlyProperty('Eloqua', 'the row', show),
	{
		displayName: 'Wait for Sync',
		name: 'waitForSync',
		type: 'boolean',
		noDataExpression: true,
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

/** Opportunity Contact Link → Import: one linkage import for all items, one result per item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readLinkSettings(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = EloquaClient.forNode(this);
	const job = linkJob(
		this,
		client,
		settings,
		readJobOptions(this, options),
		readRetention(options),
	);
	const toRow = rowBuilder(job.rules);
	const linkedTo = (values: IDataObject) => toRow(values)[settings.field] ?? null;
	const { valid, invalid } = checkLinkRows(
		job.rules,
		settings,
		this.getInputData().map((_, i) => i),
		(i) => ({
			[LINK_OPPORTUNITY_COLUMN]: this.getNodeParameter('opportunityId', i),
			[settings.field]: this.getNodeParameter('linkValue', i),
		}),
		{ linkType: settings.entity },
	);
	const validateOnly = readValidateOnly(this, options);
	if (validateOnly || valid.length === 0) {
		const checked = validResults(valid, toRow, (row) => ({
			linkedTo: row[settings.field] ?? null,
		}));
		return finishRun(this, [...checked, ...invalid], validateOnly ? 'valid' : 'linked');
	}
	const valuesByItem = new Map(valid.map(({ itemIndex, values }) => [itemIndex, values]));
	const { definitionUri, outcomes } = await runImport(job, valid, this.logger);
	const keyFields: KeyFields = (fields, outcome) => {
		fields.opportunityId = outcome.identifier;
		fields.linkedTo = linkedTo(valuesByItem.get(outcome.itemIndex) ?? {});
		fields.linkType = settings.entity;
		fields.importDefinitionUri = definitionUri;
	};
	const results = outcomes.map((outcome) =>
		outcomeToResult(outcome, 'linked', LINK_OPPORTUNITY_COLUMN, keyFields),
	);
	return finishRun(this, [...results, ...invalid], 'linked');
}
