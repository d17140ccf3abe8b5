import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import pipeline from '../../../examples/eloqua-ruler-pipeline.json';
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
	[pipeline]
		.flatMap((workflow) => workflow.nodes)
		.filter((saved) => saved.type.endsWith('.rulerOpportunityUpload'))
		.map((saved) => saved.parameters as INodeParameters);

describe('resource and operation', () => {
	const env = useRulerSandbox();

	it('a workflow saved before there was a choice opens as Opportunity → Upload, with every value kept', () => {
		const examples = savedExamples();
		expect(examples).toHaveLength(1);
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
