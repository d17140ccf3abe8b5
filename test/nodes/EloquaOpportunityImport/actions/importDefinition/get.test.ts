import { useEloquaSandbox } from '../../../../harness/eloqua';
import { byId, FIELDS, runOperation } from './fixtures';

describe('Import Definition → Get', () => {
	const env = useEloquaSandbox();
	const run = runOperation(() => env.sandbox, 'importDefinition');

	it('gets one definition, by ID or URI, per item', async () => {
		env.sandbox.addDefinition({ name: 'A', fields: FIELDS }, 5);
		env.sandbox.addDefinition({ name: 'B', fields: FIELDS }, 6);
		const { main } = await run(
			{ operation: 'get', definitionType: 'opportunity', definitionId: '={{ $json.ref }}' },
			[{ ref: byId(5) }, { ref: { __rl: true, mode: 'uri', value: '/opportunities/imports/6' } }],
		);
		expect(main.map((item) => [item.pairedItem, item.json.name])).toEqual([
			[{ item: 0 }, 'A'],
			[{ item: 1 }, 'B'],
		]);
	});

	it('refuses an ID that could change the request path', async () => {
		// n8n refuses such an ID typed in by hand; one that comes from an expression reaches the node.
		const { error } = await run({
			operation: 'get',
			definitionType: 'opportunity',
			definitionId: { __rl: true, mode: 'id', value: '={{ "../../syncs/1" }}' },
		});
		expect(error?.message).toBe('"../../syncs/1" is not a valid imports URI or ID');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
