import { errorOf } from '../../../harness/engine';
import {
	eloquaEditor,
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { STANDARD_COLUMNS } from '../../../../nodes/EloquaOpportunityImport/helpers/columns';
import { runImport } from '../../../../nodes/EloquaOpportunityImport/helpers/job';
import {
	linkKey,
	type LinkSettings,
} from '../../../../nodes/EloquaOpportunityImport/helpers/linkage';
import { linkRules } from '../../../../nodes/EloquaOpportunityImport/helpers/linking';
import { EloquaClient } from '../../../../nodes/EloquaOpportunityImport/transport/client';

const FIELDS = Object.fromEntries(
	STANDARD_COLUMNS.map((column) => [column.name, column.statement]),
);
const existing = (waitForSync = true, options = {}) =>
	importParameters(
		{
			definitionMode: 'existing',
			importDefinitionId: { __rl: true, mode: 'id', value: '18' },
			waitForSync,
		},
		options,
	);
const BULK = '/pod1/api/bulk/2.0';

// API-CONTRACT.md, "Syncing on upload — existing definitions": a definition without
// isSyncTriggeredOnImport syncs on every upload, and that sync processes that upload's rows.
describe('an existing definition that syncs on upload', () => {
	const env = useEloquaSandbox();

	it("settles each upload's own sync, starts none, and reports its rejects", async () => {
		const { sandbox } = env;
		sandbox.addDefinition(
			{ name: 'Admin', fields: FIELDS, identifierFieldName: 'OpportunityID' },
			18,
		);
		const { main, errorOutput } = await runEloqua(
			sandbox,
			existing(true, { recordsPerUpload: 2 }),
			[opportunity(1), opportunity(2, { Stage: 'Nope' }), opportunity(3)],
			{ onError: 'continueErrorOutput' },
		);
		const uploads = sandbox.requestsTo(/\/data$/, 'POST');
		const syncs = uploads.map((u) => u.created);
		expect(syncs).toEqual([
			expect.stringMatching(/^\/syncs\/\d+$/),
			expect.stringMatching(/^\/syncs\/\d+$/),
		]);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(0);
		expect(main.map((item) => [item.pairedItem, item.json.status, item.json.syncUri])).toEqual([
			[{ item: 0 }, 'imported', syncs[0]],
			[{ item: 2 }, 'imported', syncs[1]],
		]);
		expect(
			errorOutput.map((item) => [
				item.pairedItem,
				errorOf(item).status,
				errorOf(item).code,
				errorOf(item).syncUri,
			]),
		).toEqual([[{ item: 1 }, 'rejected', 'ELQ-00039', syncs[0]]]);
		// The first upload's sync had ended before the second upload was sent.
		const order = sandbox.requests.map((r) => `${r.method} ${r.path.slice(BULK.length)}`);
		expect(order.indexOf(`GET ${syncs[0]}/rejects`)).toBeLessThan(
			order.lastIndexOf('POST /opportunities/imports/18/data'),
		);
		expect(sandbox.state.opportunities.has('2')).toBe(false);
	});

	it('maps rejects by identifier when recordIndex restarts with each upload', async () => {
		const { sandbox } = env;
		sandbox.config.recordIndex = 'perUpload';
		sandbox.addDefinition({ name: 'Admin', fields: FIELDS }, 18);
		const { errorOutput } = await runEloqua(
			sandbox,
			existing(true, { recordsPerUpload: 1 }),
			[opportunity(1), opportunity(2, { Stage: 'Nope' })],
			{ onError: 'continueErrorOutput' },
		);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	it("with Wait for Sync off, reports the rows staged with their upload's sync", async () => {
		const { sandbox } = env;
		sandbox.addDefinition({ name: 'Admin', fields: FIELDS }, 18);
		const { main } = await runEloqua(sandbox, existing(false, { recordsPerUpload: 1 }), [
			opportunity(1),
			opportunity(2),
		]);
		const syncs = sandbox.requestsTo(/\/data$/, 'POST').map((u) => u.created);
		expect(main.map((item) => [item.json.status, item.json.syncUri])).toEqual([
			['imported', syncs[0]],
			['staged', syncs[1]],
		]);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(0);
	});

	it('starts its own sync for a definition that says it does not sync on upload', async () => {
		const { sandbox } = env;
		sandbox.addDefinition({ name: 'Admin', fields: FIELDS, isSyncTriggeredOnImport: false }, 18);
		const { errorOutput } = await runEloqua(
			sandbox,
			existing(),
			[opportunity(1, { Stage: 'Nope' })],
			{
				onError: 'continueErrorOutput',
			},
		);
		expect(errorOf(errorOutput[0]).status).toBe('rejected');
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(1);
	});

	it('settles the sync of each upload to a linkage definition too', async () => {
		const { sandbox } = env;
		sandbox.state.opportunities.set('x-1', { OpportunityID: 'X-1' });
		sandbox.addDefinition(
			{
				name: 'Links',
				fields: {
					OpportunityID: '{{Opportunity.Id}}',
					C_EmailAddress: '{{Opportunity.Contact.Field(C_EmailAddress)}}',
				},
				linkOpportunitiesEntityType: 'Contact',
				linkOpportunitiesMatchFieldName: 'OpportunityID',
				linkOpportunitiesSourceField: 'C_EmailAddress',
			},
			9,
			'/opportunities/contacts/imports',
		);
		const settings: LinkSettings = {
			entity: 'Contact',
			field: 'C_EmailAddress',
			caseSensitiveOpportunityId: false,
			caseSensitiveValue: false,
			linkAllMatches: true,
		};
		const client = new EloquaClient(eloquaEditor(sandbox, {}), 'eloquaApi');
		const row = (itemIndex: number, email: string) => ({
			itemIndex,
			identifier: 'X-1',
			key: `x-1\u0000${email}`,
			values: { OpportunityID: 'X-1', C_EmailAddress: email },
		});
		const { outcomes } = await runImport(
			{
				client,
				definition: { uri: '/opportunities/contacts/imports/9' },
				rules: linkRules(client.nodeForErrors(), 'UTC', settings),
				key: linkKey(settings),
				importedRejectCodes: new Set(['ELQ-00040']),
				uploadLimits: { maxRecords: 10, maxBytes: 100_000 },
				syncLimits: { uploads: 500, bytes: Infinity },
				waitForSync: true,
				poll: { intervalMs: 10, maxWaitMs: 10_000 },
				deleteDefinitionAfterSync: false,
			},
			[row(0, 'ada@example.com'), row(1, 'ghost@example.com')],
			{ warn: () => undefined } as never,
		);
		const [upload] = sandbox.requestsTo(/\/data$/, 'POST');
		expect(outcomes.map((o) => [o.itemIndex, o.status, o.problem?.code, o.sync?.uri])).toEqual([
			[0, 'done', undefined, upload.created],
			[1, 'rejected', 'ELQ-00085', upload.created],
		]);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(0);
	});
});
