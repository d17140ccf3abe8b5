import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId, FIELDS, runOperation } from './fixtures';

describe('Import Definition → Clear Staged Data', () => {
	const env = useEloquaSandbox();
	const run = runOperation(() => env.sandbox, 'importDefinition');

	it("deletes the definition's staged rows and keeps the definition", async () => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 7);
		env.sandbox.state.definitions.get(7)!.staged = [{ Id: '1' }];
		const cleared = await run({
			operation: 'clearStagedData',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(cleared.main[0].json).toEqual({
			uri: '/opportunities/imports/7',
			stagedDataCleared: true,
		});
		expect(env.sandbox.requestsTo(/\/imports\/7\/data$/, 'DELETE')).toHaveLength(1);
		expect(env.sandbox.state.definitions.get(7)!.staged).toEqual([]);
		expect(env.sandbox.definitionCount()).toBe(1);
	});
});
