import { useEloquaSandbox } from '../../../../harness/eloqua';
import {
	bulkCall,
	byId,
	endOf,
	FIELDS,
	runOperation,
	syncRunningOn,
	syncsQuery,
	bulkRequests,
} from './fixtures';

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

	// Failures and retries: "Deleting a definition while its sync runs is accepted and the sync then
	// fails (ELQ-00143)".
	it("refuses while one of the definition's syncs is pending or active, naming it, and deletes the others", async () => {
		const { sandbox } = env;
		const active = await syncRunningOn(sandbox, 7);
		await bulkCall(sandbox, 'GET', active.uri);
		await bulkCall(sandbox, 'GET', active.uri);
		const pending = await syncRunningOn(sandbox, 9);
		sandbox.addDefinition({ name: 'Idle', fields: FIELDS }, 8);
		sandbox.requests.length = 0;
		const { main } = await run(
			{ operation: 'delete', definitionType: 'opportunity', definitionId: '={{ $json.ref }}' },
			[{ ref: byId(7) }, { ref: byId(8) }, { ref: byId(9) }],
			{ onError: 'continueRegularOutput' },
		);
		const advice =
			'Deleting the definition now makes that sync fail (ELQ-00143) and its rows are not imported. Wait until it ends (Sync → Get shows its status), then run again, or turn on "Force" in Options to go ahead anyway.';
		expect(main.map((item) => item.json)).toEqual([
			{
				error: {
					message: `Item 0: Not deleted: sync ${active.uri} of /opportunities/imports/7 is active`,
					description: advice,
					status: 'failed',
					httpStatus: null,
				},
			},
			{ uri: '/opportunities/imports/8', deleted: true },
			{
				error: {
					message: `Item 2: Not deleted: sync ${pending.uri} of /opportunities/imports/9 is pending`,
					description: advice,
					status: 'failed',
					httpStatus: null,
				},
			},
		]);
		expect(bulkRequests(sandbox)).toEqual([
			['GET', '/pod1/api/bulk/2.0/syncs', syncsQuery('/opportunities/imports/7')],
			['GET', '/pod1/api/bulk/2.0/syncs', syncsQuery('/opportunities/imports/8')],
			['DELETE', '/pod1/api/bulk/2.0/opportunities/imports/8', {}],
			['GET', '/pod1/api/bulk/2.0/syncs', syncsQuery('/opportunities/imports/9')],
		]);
		expect([...sandbox.state.definitions.keys()]).toEqual([7, 9]);
		expect((await endOf(sandbox, pending.uri)).status).toBe('success');
	});

	it('deletes anyway with Force; Eloqua then fails that sync with ELQ-00143', async () => {
		const { sandbox } = env;
		const sync = await syncRunningOn(sandbox, 7);
		const { main } = await run({
			operation: 'delete',
			definitionType: 'opportunity',
			definitionId: byId(7),
			options: { force: true },
		});
		expect(main.map((item) => item.json)).toEqual([
			{ uri: '/opportunities/imports/7', deleted: true },
		]);
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'GET')).toHaveLength(0);
		expect((await endOf(sandbox, sync.uri)).status).toBe('error');
		const logs = await bulkCall(sandbox, 'GET', `${sync.uri}/logs`);
		expect((logs.items as Array<{ statusCode: string }>).map((l) => l.statusCode)).toContain(
			'ELQ-00143',
		);
	});

	it('deletes a definition whose syncs have all ended', async () => {
		const { sandbox } = env;
		const sync = await syncRunningOn(sandbox, 7);
		await endOf(sandbox, sync.uri);
		const { main } = await run({
			operation: 'delete',
			definitionType: 'opportunity',
			definitionId: byId(7),
		});
		expect(main[0].json).toEqual({ uri: '/opportunities/imports/7', deleted: true });
		expect(sandbox.definitionCount()).toBe(0);
	});
});
