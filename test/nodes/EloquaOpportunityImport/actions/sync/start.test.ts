import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId } from '../importDefinition/fixtures';
import { runSync, stagedRow, stageRows } from './fixtures';

describe('Sync → Start', () => {
	const env = useEloquaSandbox();
	const run = runSync(() => env.sandbox);

	it('starts a sync on a definition, with a callback URL', async () => {
		stageRows(env.sandbox, [stagedRow('1'), stagedRow('2', 'Nope')]);
		const started = await run({
			operation: 'start',
			definitionType: 'opportunity',
			definitionId: byId(3),
			options: { callbackUrl: 'https://example.com/hook' },
		});
		expect(started.main[0].json).toEqual({
			uri: expect.stringMatching(/^\/syncs\/\d+$/),
			status: 'pending',
			syncedInstanceUri: '/opportunities/imports/3',
		});
		expect(JSON.parse(env.sandbox.requestsTo('/pod1/api/bulk/2.0/syncs', 'POST')[0].body!)).toEqual(
			{ syncedInstanceUri: '/opportunities/imports/3', callbackUrl: 'https://example.com/hook' },
		);
	});
});
