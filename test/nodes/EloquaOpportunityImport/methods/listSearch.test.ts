import { searchImportDefinitions } from '../../../../nodes/EloquaOpportunityImport/methods/listSearch';
import { eloquaEditor, useEloquaSandbox } from '../../../harness/eloqua';

describe('the definition picker when it finds nothing', () => {
	const env = useEloquaSandbox();
	const listRequests = () =>
		env.sandbox.requests.filter((r) => r.method === 'GET' && /\/imports$/.test(r.path));

	it('says there are no definitions yet and how to get one', async () => {
		const result = await searchImportDefinitions.call(
			eloquaEditor(env.sandbox, { definitionMode: 'existing' }),
		);
		expect(result).toEqual({
			results: [
				{
					name: 'No opportunity import definitions on this Eloqua instance: set Import Definition to "Create One for This Run" to let the node create one, or create one in Eloqua. Expected some? Check which Eloqua user the credential signs in as.',
					value: '',
				},
			],
		});
	});

	it('says that none matches the search, and how to get one', async () => {
		env.sandbox.addDefinition({ name: 'Nightly', fields: { Id: '{{Opportunity.Id}}' } }, 1);
		const result = await searchImportDefinitions.call(
			eloquaEditor(env.sandbox, { definitionMode: 'existing' }),
			'weekly',
		);
		expect(result).toEqual({
			results: [
				{
					name: 'No opportunity import definition has "weekly" in its name: clear the search to see them all, or set Import Definition to "Create One for This Run" to let the node create one, or create one in Eloqua.',
					value: '',
				},
			],
		});
	});

	it('names the kind of definition, and the operation that creates one, outside an import', async () => {
		env.sandbox.addDefinition({ name: 'Nightly', fields: { Id: '{{Opportunity.Id}}' } }, 1);
		const result = await searchImportDefinitions.call(
			eloquaEditor(env.sandbox, {
				resource: 'sync',
				operation: 'start',
				definitionType: 'contactLink',
			}),
		);
		expect(result.results).toEqual([
			{
				name: 'No opportunity contact link import definitions on this Eloqua instance: create one with Import Definition → Create, or in Eloqua. Expected some? Check which Eloqua user the credential signs in as.',
				value: '',
			},
		]);
	});

	it('reads on past pages without a match, so a match further on is found', async () => {
		for (let i = 1; i <= 250; i++)
			env.sandbox.addDefinition(
				{ name: i === 230 ? 'Quarterly' : `Nightly ${i}`, fields: { Id: '{{Opportunity.Id}}' } },
				i,
			);
		const result = await searchImportDefinitions.call(
			eloquaEditor(env.sandbox, { definitionMode: 'existing' }),
			'quarter',
		);
		expect(result).toEqual({
			results: [{ name: 'Quarterly (/opportunities/imports/230)', value: '230' }],
			paginationToken: undefined,
		});
		expect(listRequests().map((r) => r.query.offset)).toEqual(['0', '100', '200']);
	});
});
