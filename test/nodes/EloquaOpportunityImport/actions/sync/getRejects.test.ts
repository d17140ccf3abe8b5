import { useEloquaSandbox } from '../../../../harness/eloqua';
import { endedSync, runSync, stagedRow } from './fixtures';

describe('Sync → Get Rejects', () => {
	const env = useEloquaSandbox();
	const run = runSync(() => env.sandbox);

	it('gives the rejected rows with the reason in plain words', async () => {
		const syncUri = await endedSync(env.sandbox, [stagedRow('1'), stagedRow('2', 'Nope')]);
		const rejects = await run({ operation: 'getRejects', syncUri, returnAll: true });
		expect(rejects.main.map((item) => item.json)).toEqual([
			expect.objectContaining({
				recordIndex: 2,
				statusCode: 'ELQ-00039',
				invalidFields: ['Stage'],
				explanation: 'the opportunity stage is not one of the stages configured in Eloqua',
				syncUri,
			}),
		]);
	});

	// Rejects are read 1000 at a time, here and when an import maps them back to its items.
	it('pages through more than 1000 rejects with Return All, or asks for the limit only', async () => {
		const rows = Array.from({ length: 1500 }, (_, i) => stagedRow(String(i), 'Nope'));
		const syncUri = await endedSync(env.sandbox, rows);
		const rejectsPath = `/pod1/api/bulk/2.0${syncUri}/rejects`;
		const pages = () =>
			env.sandbox.requestsTo(rejectsPath, 'GET').map((r) => [r.query.limit, r.query.offset]);

		const all = await run({ operation: 'getRejects', syncUri, returnAll: true });
		expect(all.main).toHaveLength(1500);
		expect(new Set(all.main.map((item) => item.json.recordIndex)).size).toBe(1500);
		expect(pages()).toEqual([
			['1000', '0'],
			['1000', '1000'],
		]);
		env.sandbox.requests.length = 0;
		const some = await run({ operation: 'getRejects', syncUri, returnAll: false, limit: 10 });
		expect(some.main).toHaveLength(10);
		expect(pages()).toEqual([['10', '0']]);
	});
});
