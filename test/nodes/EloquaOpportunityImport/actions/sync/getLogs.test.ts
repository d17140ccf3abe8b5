import { useEloquaSandbox } from '../../../../harness/eloqua';
import { endedSync, runSync, stagedRow } from './fixtures';

describe('Sync → Get Logs', () => {
	const env = useEloquaSandbox();
	const run = runSync(() => env.sandbox);

	it("gives one item per entry of the sync's log", async () => {
		const syncUri = await endedSync(env.sandbox, [stagedRow('1'), stagedRow('2', 'Nope')]);
		const logs = await run({ operation: 'getLogs', syncUri });
		expect(logs.main.map((item) => [item.json.statusCode, item.json.count])).toEqual([
			['ELQ-00001', 2],
			['SBX-CREATED', 1],
			['ELQ-00060', 1],
			['ELQ-00039', 1],
		]);
	});

	it('explains a sync that is gone', async () => {
		env.sandbox.faults.add({ path: '/pod1/api/bulk/2.0/syncs/5/logs', status: 410 });
		const gone = await run({ operation: 'getLogs', syncUri: '/syncs/5' });
		expect(gone.error?.message).toBe('The resource is no longer available in Eloqua (HTTP 410)');
	});
});
