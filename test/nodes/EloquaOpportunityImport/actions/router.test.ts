import type { INodeExecutionData } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { errorOf } from '../../../harness/engine';

const pairsAndStatuses = (items: INodeExecutionData[]) =>
	items.map((item) => [item.pairedItem, errorOf(item).message, errorOf(item).status]);

// n8n passes the input items on unchanged when a node set to continue throws: a failure of the
// whole run would look like success downstream. Each item must say it failed instead.
describe('a failure of the whole run, with the node set to continue', () => {
	const env = useEloquaSandbox();

	it('sends every item to the error output when Eloqua refuses the credentials', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity(1), opportunity(2)],
			{
				onError: 'continueErrorOutput',
				credentials: { eloquaApi: sandbox.credentials({ password: 'wrong' }) },
			},
		);
		expect(main).toEqual([]);
		expect(pairsAndStatuses(errorOutput)).toEqual([
			[
				{ item: 0 },
				'Item 0: Eloqua did not accept the credentials ("Not authenticated.")',
				'failed',
			],
			[
				{ item: 1 },
				'Item 1: Eloqua did not accept the credentials ("Not authenticated.")',
				'failed',
			],
		]);
		expect(errorOutput[0].json).toMatchObject({
			OpportunityID: '1',
			error: { description: expect.stringContaining('site name, username and password') },
		});
	});

	it('reports every item failed on the main output when the definition cannot be created', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/opportunities/imports',
			status: 400,
			body: { failures: [{ field: 'name', constraint: 'Must be unique', value: 'x' }] },
		});
		const { main } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity(1), opportunity(2)],
			{ onError: 'continueRegularOutput' },
		);
		expect(pairsAndStatuses(main)).toEqual([
			[{ item: 0 }, 'Item 0: Eloqua rejected the request as invalid (HTTP 400)', 'failed'],
			[{ item: 1 }, 'Item 1: Eloqua rejected the request as invalid (HTTP 400)', 'failed'],
		]);
		expect(errorOf(main[0])).toMatchObject({
			httpStatus: 400,
			description: expect.stringContaining('name: Must be unique'),
		});
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(0);
	});

	it('reports every link item failed when the linkage definition cannot be created', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/opportunities/contacts/imports',
			status: 503,
			headers: { 'Retry-After': '0' },
			times: Infinity,
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			{
				resource: 'opportunityContactLink',
				operation: 'import',
				opportunityId: '={{ $json.id }}',
				linkTo: 'Contact',
				contactField: 'C_EmailAddress',
				linkValue: '={{ $json.email }}',
				waitForSync: true,
				options: { pollIntervalSeconds: 0.01 },
			},
			[{ id: 'X-1', email: 'ada@example.com' }],
			{ onError: 'continueErrorOutput' },
		);
		expect(main).toEqual([]);
		expect(pairsAndStatuses(errorOutput)).toEqual([
			[{ item: 0 }, 'Item 0: Eloqua timed out processing the request (HTTP 503)', 'failed'],
		]);
	});

	it('still stops the workflow with the error itself when not set to continue', async () => {
		const { sandbox } = env;
		const { main, error } = await runEloqua(sandbox, importParameters(), [opportunity(1)], {
			credentials: { eloquaApi: sandbox.credentials({ password: 'wrong' }) },
		});
		expect(main).toEqual([]);
		expect(error?.message).toBe('Eloqua did not accept the credentials ("Not authenticated.")');
	});
});

describe('the message of a run that stops on failed items', () => {
	const env = useEloquaSandbox();

	it('counts staged items as staged, not imported, when the sync is not waited for', async () => {
		const { sandbox } = env;
		const { error } = await runEloqua(sandbox, importParameters({ waitForSync: false }), [
			opportunity(1),
			opportunity(2, { Amount: 'x' }),
			opportunity(3),
		]);
		expect(error?.message).toBe('1 of 3 items failed (2 staged)');
		expect(sandbox.state.opportunities.size).toBe(0);
	});
});

describe('a sync log that cannot be read', () => {
	const env = useEloquaSandbox();

	// The log only adds counts: the rows' outcomes come from the sync's status and rejects.
	it('reports the rows of a successful sync imported even when its log cannot be read', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'GET',
			path: /\/logs$/,
			status: 500,
			body: { message: 'Internal Server Error' },
		});
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { includeSyncLog: true }),
			[opportunity(1)],
			{ onError: 'continueRegularOutput' },
		);
		expect(sandbox.state.opportunities.has('1')).toBe(true);
		expect(main[0].json.status).toBe('imported');
		expect((main[0].json.sync as { log: unknown }).log).toEqual([
			{
				statusCode: '',
				count: 0,
				severity: 'unknown',
				message: 'The sync log could not be read: Eloqua had an internal error (HTTP 500)',
			},
		]);
	});
});
