import {
	deepCopy,
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { RulerOpportunityUpload } from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';

/**
 * The node type n8n registers for a node with `usableAsTool` (n8n's `convertNodeToAiTool`): the same
 * description under "<name>Tool"; n8n adds its own Tool Description only if the node has none.
 */
function asTool(nodeType: INodeType): INodeTypeDescription {
	const description = deepCopy(nodeType.description);
	description.name += 'Tool';
	return description;
}

/** The parameters n8n stores for a node with these values set: the defaults of what is shown. */
function parametersOf(description: INodeTypeDescription, values: INodeParameters) {
	const node = { type: description.name, typeVersion: 1, parameters: values } as INode;
	return NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	);
}

/** What the AI Agent's model reads about the tool, by n8n's own rule. */
function modelDescription(description: INodeTypeDescription, values: INodeParameters) {
	const parameters = parametersOf(description, values) as INodeParameters;
	const node = { name: 'Tool', type: description.name, parameters } as INode;
	return NodeHelpers.getToolDescriptionForNode(node, { description } as INodeType);
}

const RULES = [
	/^(Imports|Uploads) (one )?sales opportunit(ies|y) \(deals?\)/,
	/One call (imports|sends) the deal given in its arguments and returns one result for it\./,
	/Latency: /,
	/no currency symbol or thousands separators/,
	/the three-letter ISO 4217 code/,
	/spelled exactly as set up in (Eloqua|Ruler), in the same case/,
	/never in the future/,
];

const eloquaImport = { resource: 'opportunity', operation: 'import' };
const rulerUpload = { resource: 'opportunity', operation: 'upload' };

describe.each([
	['Eloqua', new EloquaOpportunityImport(), eloquaImport],
	['Ruler', new RulerOpportunityUpload(), rulerUpload],
] as const)('the %s node as an AI Agent tool', (_name, nodeType, main) => {
	it('gives the model a description of one call, its latency and the value rules', () => {
		const text = modelDescription(asTool(nodeType), main);
		for (const rule of RULES) expect(text).toMatch(rule);
		// The generic "Import opportunities in Eloqua" n8n would make otherwise.
		expect(text).not.toBe(NodeHelpers.makeDescription(main, nodeType.description));
	});

	it('keeps the tool settings out of the node used in a workflow', () => {
		const parameters = parametersOf(nodeType.description, main) ?? {};
		expect(parameters).not.toHaveProperty('toolDescription');
		expect(parameters).not.toHaveProperty('toolWaitNotice');
	});
});

describe('settings the model must not decide', () => {
	const properties = (nodeType: INodeType, name: string): INodeProperties[] =>
		nodeType.description.properties.filter((property) => property.name === name);

	// n8n's editor offers ✨ ($fromAI) on every parameter of a tool except options lists and those
	// with noDataExpression.
	it.each(['waitForSync', 'linkAfterImport'])('Eloqua %s offers no ✨', (name) => {
		const found = properties(new EloquaOpportunityImport(), name);
		expect(found.length).toBeGreaterThan(0);
		for (const property of found) expect(property.noDataExpression).toBe(true);
	});

	it('Eloqua: a tool that imports says how long it waits and that those settings are fixed', () => {
		const parameters = parametersOf(asTool(new EloquaOpportunityImport()), eloquaImport);
		expect(parameters).toHaveProperty('toolWaitNotice');
		const notice = asTool(new EloquaOpportunityImport()).properties.find(
			(property) => property.name === 'toolWaitNotice',
		);
		expect(notice?.displayName).toMatch(/waits at most 2 minutes/);
	});
});
