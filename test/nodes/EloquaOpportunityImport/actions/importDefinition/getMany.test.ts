import { useEloquaSandbox } from '../../../../harness/eloqua';
import { FIELDS, runOperation } from './fixtures';

describe('Import Definition → Get Many', () => {
	const env = useEloquaSandbox();
	const run = runOperation(() => env.sandbox, 'importDefinition');

	it('lists more than 1000 definitions with Return All, and stops at the limit otherwise', async () => {
		for (let i = 1; i <= 1205; i++) env.sandbox.addDefinition({ name: `D${i}`, fields: FIELDS }, i);
		const all = await run({ operation: 'getMany', definitionType: 'opportunity', returnAll: true });
		expect(all.main).toHaveLength(1205);
		expect(
			env.sandbox
				.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'GET')
				.map((r) => [r.query.limit, r.query.offset]),
		).toEqual([
			['1000', '0'],
			['1000', '1000'],
		]);
		env.sandbox.requests.length = 0;
		const some = await run({
			operation: 'getMany',
			definitionType: 'opportunity',
			returnAll: false,
			limit: 3,
		});
		expect(some.main.map((item) => item.json.name)).toEqual(['D1', 'D2', 'D3']);
		expect(
			env.sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'GET')[0].query.limit,
		).toBe('3');
	});
});
