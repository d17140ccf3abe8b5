import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId } from '../importDefinition/fixtures';
import { runSync, stagedRow, stageRows } from './fixtures';

describe('Sync → Get Status', () => {
	const env = useEloquaSandbox();
	const run = runSync(() => env.sandbox);

	it("reads a sync's status, or waits until it ends", async () => {
		stageRows(env.sandbox, [stagedRow('1'), stagedRow('2', 'Nope')]);
		const started = await run({
			operation: 'start',
			definitionType: 'opportunity',
			definitionId: byId(3),
		});
		const syncUri = started.main[0].json.uri as string;

		const status = await run({ operation: 'get', syncUri, options: {} });
		expect(status.main[0].json.status).toBe('pending');
		const waited = await run({
			operation: 'get',
			syncUri: syncUri.split('/').pop(),
			options: { waitForCompletion: true, pollIntervalSeconds: 0.01 },
		});
		expect(waited.main[0].json).toMatchObject({ uri: syncUri, status: 'warning', timedOut: false });
	});

	it('explains a sync that is not found', async () => {
		const missing = await run({ operation: 'get', syncUri: '/syncs/999', options: {} });
		expect(missing.error?.message).toBe(
			'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)',
		);
	});

	it('refuses a sync URI that is not one', async () => {
		const { error } = await run({ operation: 'get', syncUri: '/syncs/1?x=1', options: {} });
		expect(error?.message).toBe('"/syncs/1?x=1" is not a valid syncs URI or ID');
	});
});
