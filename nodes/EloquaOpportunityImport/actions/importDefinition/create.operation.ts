import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items/perItem';
import { OPPORTUNITY_ID_STATEMENT, type Column } from '../../helpers/columns';
import {
	createDefinition,
	definitionBody,
	DEFINITION_KINDS,
	definitionKindOf,
} from '../../helpers/definition';
import { linkDefinitionBody } from '../../helpers/linkage';
import { EloquaClient } from '../../transport/client';
import { emptyValuesOption, readUpdateRule } from '../common/emptyValues.option';
import { lifecycleOptions, readRetention, sortedOptions } from '../common/lifecycle.options';
import { linkProperties, readLinkSettings } from '../common/link.properties';

const show = { resource: ['importDefinition'], operation: ['create'] };
const opportunityOnly = { ...show, definitionType: ['opportunity'] };

const settingsOptions = lifecycleOptions().filter((o) =>
	['autoDeleteDuration', 'dataRetentionDuration'].includes(o.name),
);

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: 'Nightly CRM opportunities',
		description: 'At most 100 characters',
	},
	{
		displayName: 'Columns',
		name: 'definitionColumns',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: opportunityOnly },
		placeholder: 'Add Column',
		default: {},
		options: [
			{
				displayName: 'Column',
				name: 'column',
				values: [
					{
						displayName: 'Column Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'OpportunityID',
						description: 'The key of this column in uploaded rows',
					},
					{
						displayName: 'Eloqua Field Name or ID',
						name: 'statement',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getOpportunityStatements',
							loadOptionsDependsOn: ['authentication'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Identifier Column',
		name: 'identifierColumn',
		type: 'string',
		displayOptions: { show: opportunityOnly },
		default: '',
		placeholder: 'OpportunityID',
		description:
			'The column Eloqua matches existing opportunities on: it must be the column mapped to the opportunity ID field. Empty: that column.',
	},
	...linkProperties({ ...show, definitionType: ['contactLink'] }).filter(
		(p) => p.name !== 'linkValue',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: sortedOptions([
			...settingsOptions,
			{
				displayName: 'Identifier Is Case-Sensitive',
				name: 'identifierCaseSensitive',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/definitionType': ['opportunity'] } },
			},
			emptyValuesOption({ displayOptions: { show: { '/definitionType': ['opportunity'] } } }),
		]),
	},
];

/** The identifier: the column mapped to {{Opportunity.Id}}, the only one Eloqua matches opportunities on. */
function identifierOf(node: INode, chosen: string, columns: Column[]): string | undefined {
	const idColumn = columns.find((c) => c.statement === OPPORTUNITY_ID_STATEMENT)?.name;
	// Without an ID column Eloqua refuses the definition itself, and says so field by field.
	if (!idColumn || chosen.trim() === '' || chosen.trim() === idColumn) return idColumn;
	throw new NodeOperationError(
		node,
		`"Identifier Column" is "${chosen}"; it can only be ${idColumn}, the column mapped to {{Opportunity.Id}}`,
		{ description: `Set "Identifier Column" to ${idColumn}, or leave it empty.` },
	);
}

function opportunityBody(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	options: IDataObject,
): IDataObject {
	const { column = [] } = context.getNodeParameter('definitionColumns', itemIndex, {}) as {
		column?: Array<{ name: string; statement: string }>;
	};
	const columns: Column[] = column.map((c) => ({
		name: c.name,
		statement: c.statement,
		displayName: c.name,
		required: false,
		kind: 'text' as const,
	}));
	const chosen = context.getNodeParameter('identifierColumn', itemIndex, '') as string;
	return definitionBody(name, columns, identifierOf(context.getNode(), chosen, columns), {
		identifierCaseSensitive: options.identifierCaseSensitive === true,
		updateRule: readUpdateRule(options),
		...readRetention(options),
	});
}

/** Import Definition → Create: a definition per item; Eloqua checks the fields and answers 400 with the problems listed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = EloquaClient.forNode(this);
	return await forEachItem(this, async (i) => {
		const kind = definitionKindOf(
			'importDefinition',
			this.getNodeParameter('definitionType', i, 'opportunity'),
		);
		const name = this.getNodeParameter('name', i) as string;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const body =
			kind === 'contactLink'
				? linkDefinitionBody(this.getNode(), name, readLinkSettings(this), readRetention(options))
				: opportunityBody(this, i, name, options);
		return await createDefinition(client, DEFINITION_KINDS[kind].parent, body);
	});
}
