import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { RulerOpportunityUpload } from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';

/** The subtitle the editor shows under a node with these parameters. */
function subtitleOf(nodeType: INodeType, parameters: INodeParameters): unknown {
	const type = `n8n-nodes-eloqua-ruler.${nodeType.description.name}`;
	const node: INode = {
		id: 'named',
		name: 'Named',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle as string,
		'manual',
		{},
	);
}

/** Every resource and operation the node offers, in the order of its description. */
function operationsOf(nodeType: INodeType): Array<{ resource: string; operation: string }> {
	return nodeType.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String(option.value),
			})),
		);
}

describe('what the editor and an AI Agent call the Eloqua node', () => {
	const eloqua = new EloquaOpportunityImport();
	const named = operationsOf(eloqua).map((parameters) => [
		`${parameters.resource} → ${parameters.operation}`,
		subtitleOf(eloqua, parameters),
		NodeHelpers.makeDescription(parameters, eloqua.description),
	]);

	it("shows the chosen operation's action as the subtitle, and names it as a tool in plain words", () => {
		expect(named).toEqual([
			['opportunity → import', 'Import opportunities', 'Import opportunities in Eloqua'],
			[
				'opportunityContactLink → import',
				'Link opportunities to contacts or accounts',
				'Link opportunities to contacts or accounts in Eloqua',
			],
			[
				'importDefinition → clearStagedData',
				'Clear staged data of an import definition',
				'Clear staged data of an import definition in Eloqua',
			],
			[
				'importDefinition → create',
				'Create an import definition',
				'Create an import definition in Eloqua',
			],
			[
				'importDefinition → delete',
				'Delete an import definition',
				'Delete an import definition in Eloqua',
			],
			['importDefinition → get', 'Get an import definition', 'Get an import definition in Eloqua'],
			[
				'importDefinition → getMany',
				'Get many import definitions',
				'Get many import definitions in Eloqua',
			],
			['sync → getLogs', 'Get the logs of a sync', 'Get the logs of a sync in Eloqua'],
			['sync → getRejects', 'Get the rejects of a sync', 'Get the rejects of a sync in Eloqua'],
			['sync → get', 'Get the status of a sync', 'Get the status of a sync in Eloqua'],
			['sync → start', 'Start a sync', 'Start a sync in Eloqua'],
		]);
	});

	it('shows the default operation of a new node before anything is chosen', () => {
		const defaults = NodeHelpers.getNodeParameters(
			eloqua.description.properties,
			{},
			true,
			false,
			null,
			eloqua.description,
		) as INodeParameters;
		expect(subtitleOf(eloqua, defaults)).toBe('Import opportunities');
	});
});

describe('what the editor and an AI Agent call the Ruler node', () => {
	const ruler = new RulerOpportunityUpload();

	it('shows the chosen operation with its site as the subtitle, and names it as a tool in plain words', () => {
		const named = operationsOf(ruler).map((parameters) => [
			`${parameters.resource} → ${parameters.operation}`,
			subtitleOf(ruler, { ...parameters, siteId: '1234' }),
			NodeHelpers.makeDescription(parameters, ruler.description),
		]);
		expect(named).toEqual([
			['opportunity → upload', 'Upload to site 1234', 'Upload opportunities in Ruler'],
			[
				'opportunity → uploadBatch',
				'Upload in batch to site 1234',
				'Upload opportunities in batch in Ruler',
			],
			[
				'batchJob → getFailures',
				'Get batch job failures',
				'Get the failures of a batch job in Ruler',
			],
			['batchJob → getMany', 'Get many batch jobs of site 1234', 'Get many batch jobs in Ruler'],
			['batchJob → get', 'Get batch job status', 'Get the status of a batch job in Ruler'],
		]);
	});

	it('shows the default operation of a new node, and of a workflow saved before there were operations', () => {
		const defaults = NodeHelpers.getNodeParameters(
			ruler.description.properties,
			{ siteId: '77' },
			true,
			false,
			null,
			ruler.description,
		) as INodeParameters;
		expect(subtitleOf(ruler, defaults)).toBe('Upload to site 77');
	});
});
