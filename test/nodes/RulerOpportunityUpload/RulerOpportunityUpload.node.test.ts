import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import pipeline from '../../../examples/eloqua-ruler-pipeline.json';
import nightlyBatch from '../../../examples/ruler-nightly-batch.json';
import { RulerOpportunityUpload } from '../../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { deals, runRuler, uploadParameters, uploadsOf, useRulerSandbox } from '../../harness/ruler';

const node = new RulerOpportunityUpload();

/** The parameters n8n works with when it opens or runs a node saved with `saved`. */
const asOpened = (saved: INodeParameters) =>
	NodeHelpers.getNodeParameters(
		node.description.properties,
		saved,
		true,
		false,
		{ typeVersion: 1 },
		node.description,
	);

/** The Ruler nodes of the workflows shipped as examples (the others have none), as they were saved. */
const savedExamples = () =>
	[pipeline.nodes, nightlyBatch.nodes]
		.flat()
		.map((saved) => saved as { type: string; parameters: unknown })
		.filter((saved) => saved.type.endsWith('.rulerOpportunityUpload'))
		.map((saved) => saved.parameters as INodeParameters);

describe('resource and operation', () => {
	const env = useRulerSandbox();

	it('a workflow saved before there was a choice opens as Opportunity → Upload, with every value kept', () => {
		const examples = savedExamples();
		expect(examples).toHaveLength(2);
		for (const saved of [...examples, uploadParameters() as INodeParameters]) {
			expect(asOpened(saved)).toMatchObject({
				resource: 'opportunity',
				operation: 'upload',
				...saved,
			});
		}
	});

	it('runs the same with Opportunity → Upload chosen as without a choice saved', async () => {
		const { sandbox } = env;
		const chosen = { ...uploadParameters(), resource: 'opportunity', operation: 'upload' };

		const before = await runRuler(sandbox, uploadParameters(), deals(2));
		const sentBefore = uploadsOf(sandbox).map((r) => r.body);
		sandbox.reset();
		const after = await runRuler(sandbox, chosen, deals(2));

		expect(after.error).toBeUndefined();
		expect(after.main).toEqual(before.main);
		expect(after.main.map((item) => item.json.status)).toEqual(['uploaded', 'uploaded']);
		expect(uploadsOf(sandbox).map((r) => r.body)).toEqual(sentBefore);
	});

	it('names an operation it does not know, and sends nothing', async () => {
		const { sandbox } = env;
		const parameters: IDataObject = { ...uploadParameters(), operation: 'archive' };

		const { error } = await runRuler(sandbox, parameters, deals(1));

		expect(error?.message).toBe('The operation "archive" of "opportunity" is not supported');
		expect(sandbox.requests).toEqual([]);
	});
});

/** Every description and hint of the node's parameters, options and choices. */
function uiTexts(properties: unknown[]): string[] {
	return properties.flatMap((property) => {
		const p = property as IDataObject;
		const own = [p.description, p.hint].filter((t): t is string => typeof t === 'string');
		const nested = [p.options, p.values].filter(Array.isArray) as unknown[][];
		return [...own, ...nested.flatMap(uiTexts)];
	});
}

describe('what Ruler leaves open is said as open', () => {
	const texts = uiTexts(node.description.properties);
	const textOf = (name: string) => {
		const property = node.description.properties.find((p) => p.name === name);
		return `${property?.description} ${property?.hint ?? ''}`;
	};

	it('states neither that a repeated reference updates, nor that Ruler refuses an unknown stage', () => {
		expect(texts.length).toBeGreaterThan(20);
		for (const text of texts) {
			expect(text).not.toMatch(
				/updates it\)|update, not duplicate|stores or updates the opportunity by/,
			);
			expect(text).not.toMatch(/^Must match a stage/);
		}
		expect(textOf('reference')).toMatch(/is not documented/);
		expect(textOf('pipelineStage')).toMatch(/does not document whether it refuses a stage/);
		expect(textOf('pipelineStage')).toMatch(/Allowed Stages/);
	});
});

describe('Custom API Call', () => {
	// n8n 1.123.81 and 2.41.1 (LoadNodesAndCredentials.injectCustomApiCallOptions) add a "Custom API
	// Call" choice only to a node whose defaultVersion is unset or equals its version. The node
	// would not run it; the HTTP Request node with the Ruler credential does (see the README).
	it('is not added by n8n: the node is versioned, with 1.1 as its default', () => {
		const { version, defaultVersion } = node.description;
		expect(version).toEqual([1, 1.1]);
		expect(defaultVersion).toBe(1.1);
		expect(defaultVersion === undefined || defaultVersion === version).toBe(false);
	});
});
