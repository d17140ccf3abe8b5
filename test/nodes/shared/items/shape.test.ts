import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../../../harness/ruler';

// One result shape for both nodes: `status` first, the deal's key as `dealKey` beside its own
// name, and Include Input Fields (none by default, all, or selected) after the node's own fields.

describe('result shape (Ruler)', () => {
	const env = useRulerSandbox();

	it('puts status first and carries no input field by default', async () => {
		const { main } = await runRuler(env.sandbox, uploadParameters(), [deal('S-0')]);
		expect(Object.keys(main[0].json).slice(0, 3)).toEqual(['status', 'dealKey', 'reference']);
		expect(main[0].json).not.toHaveProperty('email');
	});

	it('carries the selected input fields, and the node keeps its own status on a clash', async () => {
		const { main } = await runRuler(
			env.sandbox,
			uploadParameters(
				{},
				{ includeInputFields: 'selected', inputFieldsToInclude: 'email, status, nothing' },
			),
			[deal('S-1', { status: 'open' })],
		);
		expect(main[0].json).toMatchObject({
			status: 'uploaded',
			dealKey: 'S-1',
			email: 's-1@example.com',
		});
		expect(Object.keys(main[0].json)[0]).toBe('status');
		expect(main[0].json).not.toHaveProperty('nothing');
		expect(main[0].json).not.toHaveProperty('stage');
	});
});

describe('result shape (Eloqua)', () => {
	const env = useEloquaSandbox();

	it('carries every input field with All, after the node fields, status first', async () => {
		const { main } = await runEloqua(
			env.sandbox,
			importParameters({}, { includeInputFields: 'all' }),
			[opportunity(1, { owner: 'ada' })],
		);
		expect(Object.keys(main[0].json).slice(0, 3)).toEqual(['status', 'dealKey', 'opportunityId']);
		expect(main[0].json).toMatchObject({
			status: 'imported',
			dealKey: '1',
			opportunityId: '1',
			owner: 'ada',
			Amount: 1000,
		});
	});

	it('shares one sync summary object across the items of a sync, without the log by default', async () => {
		const { main } = await runEloqua(env.sandbox, importParameters(), [
			opportunity(1),
			opportunity(2),
		]);
		expect(main[0].json.sync).toEqual({
			uri: main[0].json.syncUri,
			status: 'success',
			rows: 2,
			rejectedRows: 0,
		});
		expect(main[1].json.sync).toBe(main[0].json.sync);
	});
});
