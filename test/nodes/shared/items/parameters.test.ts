import fc from 'fast-check';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { ParameterReader } from '../../../../nodes/shared/items/parameters';
import { runNode } from '../../../harness/engine';

const PATHS = ['text', 'list.entry', 'fixed'];

/** Reads each parameter of each item both ways: as n8n does, and through ParameterReader. */
class ReadsBothWays implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Reads Both Ways',
		name: 'readsBothWays',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Reads Both Ways' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{
				displayName: 'List',
				name: 'list',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Fixed', name: 'fixed', type: 'string', default: 'as set' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const readers = PATHS.map((path) => new ParameterReader(this, path, 'fallback'));
		const outcome = (read: () => unknown) => {
			try {
				return { value: read() ?? null };
			} catch (error) {
				return { error: (error as Error).message };
			}
		};
		return [
			this.getInputData().map((_, itemIndex) => ({
				json: Object.fromEntries(
					PATHS.map((path, i) => [
						path,
						{
							n8n: outcome(() => this.getNodeParameter(path, itemIndex, 'fallback')),
							reader: outcome(() => readers[i].read(itemIndex)),
						},
					]),
				) as IDataObject,
			})),
		];
	}
}

async function readBoth(parameters: IDataObject, items: IDataObject[]) {
	const { main, error } = await runNode({
		nodeType: new ReadsBothWays(),
		parameters,
		items,
		credentialTypes: {},
		credentials: {},
	});
	if (error) throw new Error(error.message);
	return main.map((item) => item.json as Record<string, { n8n: unknown; reader: unknown }>);
}

const anyValue = fc.oneof(
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(''),
	fc.array(fc.string(), { maxLength: 2 }),
	fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

describe('ParameterReader reads what getNodeParameter reads', () => {
	it('for field expressions, expressions it leaves to n8n and fixed values, whatever the item holds', async () => {
		const parameters = {
			text: '={{ $json.deal.amount }}',
			list: {
				entry: [
					{ key: 'fixed key', value: '={{ $json["the value"] }}' },
					{ key: '={{ $json.key }}', value: '={{ $json.deal.amount + "!" }}' },
				],
			},
			fixed: 'as set',
		};
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record(
						{
							deal: fc.oneof(fc.record({ amount: anyValue }, { requiredKeys: [] }), anyValue),
							'the value': anyValue,
							key: anyValue,
						},
						{ requiredKeys: [] },
					),
					{ minLength: 1, maxLength: 5 },
				),
				async (items) => {
					const read = await readBoth(parameters, items);
					for (const item of read)
						for (const path of PATHS) expect(item[path].reader).toEqual(item[path].n8n);
				},
			),
			{ numRuns: 40, seed: 14 },
		);
	});

	it('reads missing fields and parameters not set as n8n does, and passes on the errors of expressions', async () => {
		const read = await readBoth({ text: '={{ $json.deal.amount }}', fixed: '={{ $json.x.y.z }}' }, [
			{ deal: 'text' },
			{},
		]);
		expect(read.map((item) => item.fixed.reader)).toEqual(read.map((item) => item.fixed.n8n));
		expect(read[1]['list.entry'].n8n).toEqual({ value: 'fallback' });
		expect(read[1]['list.entry'].reader).toEqual({ value: 'fallback' });
		const broken = await readBoth({ text: '={{ $json.deal.( }}' }, [{ deal: {} }]);
		expect(broken[0].text.n8n).toHaveProperty('error');
		expect(broken[0].text.reader).toEqual(broken[0].text.n8n);
		expect(read.map((item) => item.text.reader)).toEqual(read.map((item) => item.text.n8n));
	});
});
