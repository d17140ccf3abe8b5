import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';
import { errorOf } from '../../../../harness/engine';

const linkParameters = (overrides = {}, options = {}) => ({
	resource: 'opportunityContactLink',
	operation: 'import',
	opportunityId: '={{ $json.deal }}',
	linkTo: 'Contact',
	contactField: 'C_EmailAddress',
	linkValue: '={{ $json.email }}',
	waitForSync: true,
	options: { pollIntervalSeconds: 0.01, ...options },
	...overrides,
});

describe('opportunity → contact linkage', () => {
	const env = useEloquaSandbox();
	const importDeals = async (...ids: string[]) => {
		await runEloqua(
			env.sandbox,
			importParameters(),
			ids.map((id) => opportunity(id)),
		);
		env.sandbox.requests.length = 0;
	};

	it('creates the documented linkage definition, uploads the pairs and links each item', async () => {
		const { sandbox } = env;
		await importDeals('D-1', 'D-2');
		const { main, error } = await runEloqua(
			sandbox,
			linkParameters(),
			[
				{ deal: 'D-1', email: 'ada@example.com' },
				{ deal: 'D-1', email: 'grace@example.com' },
				{ deal: 'D-2', email: 'ADA@example.com' },
			],
			{ workflowName: 'Deals', executionId: '9' },
		);
		expect(error).toBeUndefined();
		const [create] = sandbox.requestsTo(
			'/pod1/api/bulk/2.0/opportunities/contacts/imports',
			'POST',
		);
		expect(JSON.parse(create.body!)).toEqual({
			name: 'n8n Deals links #9',
			fields: {
				OpportunityID: '{{Opportunity.Id}}',
				C_EmailAddress: '{{Opportunity.Contact.Field(C_EmailAddress)}}',
			},
			isSyncTriggeredOnImport: false,
			dataRetentionDuration: 'P1D',
			autoDeleteDuration: 'P1D',
			linkOpportunitiesEntityType: 'Contact',
			linkOpportunitiesMatchFieldName: 'OpportunityID',
			linkOpportunitiesSourceField: 'C_EmailAddress',
			linkOpportunitiesCaseSensitiveMatchField: false,
			linkOpportunitiesCaseSensitiveSourceField: false,
			linkOpportunitiesMultipleSourceMatches: true,
		});
		expect(
			JSON.parse(sandbox.requestsTo(/contacts\/imports\/\d+\/data$/, 'POST')[0].body!),
		).toEqual([
			{ OpportunityID: 'D-1', C_EmailAddress: 'ada@example.com' },
			{ OpportunityID: 'D-1', C_EmailAddress: 'grace@example.com' },
			{ OpportunityID: 'D-2', C_EmailAddress: 'ADA@example.com' },
		]);
		expect(
			main.map((item) => [
				item.pairedItem,
				item.json.status,
				item.json.opportunityId,
				item.json.linkedTo,
				item.json.linkType,
			]),
		).toEqual([
			[{ item: 0 }, 'linked', 'D-1', 'ada@example.com', 'Contact'],
			[{ item: 1 }, 'linked', 'D-1', 'grace@example.com', 'Contact'],
			[{ item: 2 }, 'linked', 'D-2', 'ADA@example.com', 'Contact'],
		]);
		expect(sandbox.state.links).toHaveLength(3);
		expect(sandbox.definitionCount()).toBe(0);
	});

	it('explains ELQ-00084 and ELQ-00085 per item, and refuses a repeated pair before sending', async () => {
		const { sandbox } = env;
		await importDeals('D-1');
		const { main, errorOutput } = await runEloqua(
			sandbox,
			linkParameters(),
			[
				{ deal: 'D-1', email: 'ada@example.com' },
				{ deal: 'NOPE', email: 'ada@example.com' },
				{ deal: 'D-1', email: 'nobody@example.com' },
				{ deal: 'd-1', email: 'ADA@example.com' },
				{ deal: 'D-1', email: '' },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(errorOutput.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[
				{ item: 1 },
				'Item 1 (OpportunityID "NOPE"): Eloqua rejected the row: ELQ-00084: the opportunity does not exist in Eloqua yet (import the opportunity first, then link it) (field OpportunityID = "NOPE")',
			],
			[
				{ item: 2 },
				'Item 2 (OpportunityID "D-1"): Eloqua rejected the row: ELQ-00085: no contact (or account) in Eloqua matches the value given to link to (field C_EmailAddress = "nobody@example.com")',
			],
			[
				{ item: 3 },
				'Item 3 (OpportunityID "d-1"): OpportunityID "d-1" and C_EmailAddress "ADA@example.com" was already used by item 0; a link is sent once per run, so this item was not sent',
			],
			[
				{ item: 4 },
				'Item 4 (OpportunityID "D-1"): C_EmailAddress is required and must not be empty',
			],
		]);
		expect(errorOf(errorOutput[0])).toMatchObject({ status: 'rejected', code: 'ELQ-00084' });
	});

	it('links to accounts by a chosen account field', async () => {
		const { sandbox } = env;
		await importDeals('D-7');
		const { main } = await runEloqua(
			sandbox,
			linkParameters({
				linkTo: 'Account',
				accountField: 'M_CompanyName',
				linkValue: '={{ $json.company }}',
			}),
			[{ deal: 'D-7', company: 'XYZ' }],
		);
		expect(main[0].json).toMatchObject({ status: 'linked', linkType: 'Account', linkedTo: 'XYZ' });
		const body = JSON.parse(
			sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/contacts/imports', 'POST')[0].body!,
		);
		expect(body).toMatchObject({
			linkOpportunitiesEntityType: 'Account',
			fields: { M_CompanyName: '{{Opportunity.Account.Field(M_CompanyName)}}' },
		});
	});

	it('refuses a field name that could alter the statement', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(
			sandbox,
			linkParameters({ contactField: 'C_EmailAddress)}}{{x' }),
			[{ deal: 'D', email: 'a@b.c' }],
		);
		expect(error?.message).toBe('"C_EmailAddress)}}{{x" is not an Eloqua contact field name');
		expect(sandbox.requests).toHaveLength(0);
	});
});
