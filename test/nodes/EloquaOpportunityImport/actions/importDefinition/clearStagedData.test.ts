import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId, FIELDS, runOperation, syncRunningOn, syncsQuery, bulkRequests } from './fixtures';

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

	it('refuses while a sync of the definition is pending, naming it, and keeps the staged rows', async () => {
		const { sandbox } = env;
		const sync = await syncRunningOn(sandbox, 7);
		const staged = [{ Id: 'later' }];
		sandbox.state.definitions.get(7)!.staged = staged;
		sandbox.requests.length = 0;
		const { error } = await run({
			operation: 'clearStagedData',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(error?.message).toBe(
			`Not cleared: sync ${sync.uri} of /opportunities/imports/7 is pending`,
		);
		expect((error as { description?: string }).description).toBe(
			'Eloqua refuses to clear staged data while a sync runs (HTTP 409). Wait until it ends (Sync → Get shows its status), then run again, or turn on "Force" in Options to go ahead anyway.',
		);
		expect(bulkRequests(sandbox)).toEqual([
			['GET', '/pod1/api/bulk/2.0/syncs', syncsQuery('/opportunities/imports/7')],
		]);
		expect(sandbox.state.definitions.get(7)!.staged).toBe(staged);
	});

	// Failures and retries: "Since 24B, deleting staged data while a sync is in progress answers 409."
	it("sends the request with Force, and reports Eloqua's 409", async () => {
		const { sandbox } = env;
		await syncRunningOn(sandbox, 7);
		const { main } = await run(
			{
				operation: 'clearStagedData',
				definitionType: 'opportunity',
				definitionId: byId(7),
				options: { force: true },
			},
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(main[0].json.error).toMatchObject({ status: 'failed', httpStatus: 409 });
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'GET')).toHaveLength(0);
		expect(sandbox.requestsTo(/\/imports\/7\/data$/, 'DELETE')).toHaveLength(1);
	});
});
