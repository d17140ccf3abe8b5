import { errorOf } from '../../../harness/engine';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import {
	deals,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
} from '../../../harness/ruler';

// A mistake in the node's settings applies to every item and is known before any item is read: it
// is said as such ("The node is not set up: …", with the labels the UI shows), is one node-level
// error under Stop Workflow, and under Continue every deal still gets its own result.

const NO_CREDENTIAL =
	'The node is not set up: no credential is selected in "Credential to connect with"';

describe('setup mistakes (Ruler)', () => {
	const env = useRulerSandbox();

	it('a missing credential stops the node with one node-level error and sends nothing', async () => {
		const { sandbox } = env;
		const { main, error } = await runRuler(sandbox, uploadParameters(), deals(3), {
			withoutCredential: true,
		});
		expect(main).toEqual([]);
		expect(error?.message).toBe(NO_CREDENTIAL);
		expect(error?.context?.itemIndex).toBeUndefined();
		expect(uploadsOf(sandbox)).toEqual([]);
	});

	it('under Continue (using error output) every deal goes to the error branch with the setup message and its own fields', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runRuler(sandbox, uploadParameters(), deals(3), {
			withoutCredential: true,
			onError: 'continueErrorOutput',
		});
		expect(main).toEqual([]);
		expect(
			errorOutput.map((item) => [item.json.reference, errorOf(item).message, errorOf(item).code]),
		).toEqual([
			['D-0', NO_CREDENTIAL, 'nodeNotSetUp'],
			['D-1', NO_CREDENTIAL, 'nodeNotSetUp'],
			['D-2', NO_CREDENTIAL, 'nodeNotSetUp'],
		]);
	});
});

describe('setup mistakes (Eloqua)', () => {
	const env = useEloquaSandbox();
	const unmapped = importParameters({
		columns: { mappingMode: 'defineBelow', value: { OpportunityID: '={{ $json.OpportunityID }}' } },
	});
	const message =
		'The node is not set up: Columns: map the required columns Opportunity Name (OpportunityName), Amount, Stage';

	it('unmapped required columns: one result per deal on the error branch, said as a setup mistake', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			unmapped,
			[opportunity(1), opportunity(2)],
			{
				onError: 'continueErrorOutput',
			},
		);
		expect(main).toEqual([]);
		expect(
			errorOutput.map((item) => [
				item.json.OpportunityID,
				errorOf(item).status,
				errorOf(item).code,
				errorOf(item).message,
			]),
		).toEqual([
			['1', 'failed', 'nodeNotSetUp', message],
			['2', 'failed', 'nodeNotSetUp', message],
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('a missing credential under Stop Workflow is one node-level error', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(sandbox, importParameters(), [opportunity(1)], {
			withoutCredential: true,
		});
		expect(error?.message).toBe(NO_CREDENTIAL);
		expect(error?.context?.itemIndex).toBeUndefined();
		expect(sandbox.requests).toHaveLength(0);
	});
});
