import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId, FIELDS, runOperation } from './fixtures';

describe('Import Definition → Delete', () => {
	const env = useEloquaSandbox();
	const run = runOperation(() => env.sandbox, 'importDefinition');

	it('deletes a definition', async () => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 7);
		const deleted = await run({
			operation: 'delete',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(deleted.main[0].json).toEqual({ uri: '/opportunities/imports/7', deleted: true });
		expect(env.sandbox.definitionCount()).toBe(0);
	});

	it.each([
		[404, 'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)'],
		[410, 'The resource is no longer available in Eloqua (HTTP 410)'],
		[412, 'Eloqua cannot delete it because something depends on it (HTTP 412)'],
	])('explains HTTP %i per item with continue-on-fail', async (status, message) => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 8);
		env.sandbox.faults.add({
			method: 'DELETE',
			path: '/pod1/api/bulk/2.0/opportunities/imports/9',
			status,
		});
		const { main } = await run(
			{ operation: 'delete', definitionType: 'opportunity', definitionId: '={{ $json.ref }}' },
			[{ ref: byId(9) }, { ref: byId(8) }],
			{ onError: 'continueRegularOutput' },
		);
		expect(main.map((item) => item.json)).toEqual([
			{
				error: {
					message: `Item 0: ${message}`,
					description: expect.any(String),
					status: 'failed',
					httpStatus: status,
				},
			},
			{ uri: '/opportunities/imports/8', deleted: true },
		]);
	});
});
