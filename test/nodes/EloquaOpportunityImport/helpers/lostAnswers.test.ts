import { errorOf } from '../../../harness/engine';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { STANDARD_COLUMNS } from '../../../../nodes/EloquaOpportunityImport/helpers/columns';

const BULK = '/pod1/api/bulk/2.0';
const rows = (n: number) => Array.from({ length: n }, (_, i) => opportunity(i + 1));
const FIELDS = Object.fromEntries(
	STANDARD_COLUMNS.map((column) => [column.name, column.statement]),
);
const writesOnce = (writes: Map<string, number>) => [...writes.values()].every((n) => n === 1);

// API-CONTRACT.md, "Failures and retries": a 503, a reset or a timeout after the request was sent
// does not mean it was not processed; look before resending a POST.
describe('answers lost after Eloqua processed the request', () => {
	const env = useEloquaSandbox();

	it.each([
		['a dropped connection', {}],
		['a 503', { status: 503 }],
	])('continues with the sync a lost POST /syncs started (%s)', async (_, fault) => {
		const { sandbox } = env;
		sandbox.loseAnswer('sync', fault);
		const { main } = await runEloqua(sandbox, importParameters(), rows(2));
		expect(main.map((item) => item.json.status)).toEqual(['imported', 'imported']);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(1);
		const [listing] = sandbox.requestsTo(`${BULK}/syncs`, 'GET');
		expect(listing.query).toMatchObject({
			q: `syncedInstanceUri='${main[0].json.importDefinitionUri}'`,
			orderBy: 'createdAt DESC',
		});
		expect(sandbox.state.syncs.size).toBe(1);
		expect(main[0].json.syncUri).toBe([...sandbox.state.syncs.values()][0].uri);
	});

	it('finds the run’s definition by its name after the answer to its creation was lost', async () => {
		const { sandbox } = env;
		sandbox.loseAnswer('definition', { status: 503 });
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { deleteDefinitionAfterSync: false }),
			rows(1),
		);
		expect(main[0].json.status).toBe('imported');
		const creates = sandbox
			.requestsTo(`${BULK}/opportunities/imports`, 'POST')
			.filter((r) => !r.path.endsWith('/data'));
		expect(creates).toHaveLength(1);
		expect(sandbox.definitionCount()).toBe(1);
		expect(main[0].json.importDefinitionUri).toBe(creates[0].created);
	});

	it('clears the staged rows and sends every row since the last sync again, staging none twice', async () => {
		const { sandbox } = env;
		// The second upload is staged, then its answer is lost.
		sandbox.afterRequest({ method: 'POST', path: /\/data$/ }, () =>
			sandbox.loseAnswer('upload', { status: 503 }),
		);
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { recordsPerUpload: 2 }),
			rows(5),
		);
		expect(main.map((item) => item.json.status)).toEqual(Array(5).fill('imported'));
		const definition = String(main[0].json.importDefinitionUri);
		const sequence = sandbox.requests
			.filter((r) => r.path.startsWith(`${BULK}${definition}/data`))
			.map(
				(r) =>
					`${r.method} ${
						r.body
							? JSON.parse(r.body)
									.map((o: { OpportunityID: string }) => o.OpportunityID)
									.join(',')
							: ''
					}${r.fault ? ` (${r.fault})` : ''}`,
			);
		expect(sequence).toEqual([
			'POST 1,2',
			'POST 3,4 (handled, then 503)',
			'DELETE ',
			'POST 1,2',
			'POST 3,4',
			'POST 5',
		]);
		expect(writesOnce(sandbox.state.writesByKey)).toBe(true);
		expect(sandbox.state.syncs.size).toBe(1);
		expect([...sandbox.state.syncs.values()][0].rejects).toEqual([]);
	});

	it('fails the rows clearly when their upload keeps losing its answer, and leaves none staged', async () => {
		const { sandbox } = env;
		sandbox.loseAnswer('upload', { times: Infinity });
		const { errorOutput } = await runEloqua(sandbox, importParameters(), rows(2), {
			onError: 'continueErrorOutput',
		});
		expect(errorOutput.map((item) => errorOf(item).status)).toEqual(['failed', 'failed']);
		expect(errorOf(errorOutput[0]).message).toMatch(
			/^Item 0 \(OpportunityID "1"\): Not imported: an upload's answer was lost and sending the rows again failed: /,
		);
		expect(errorOf(errorOutput[0]).description).toMatch(/were cleared, so none is imported twice/);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(0);
		expect(sandbox.state.opportunities.size).toBe(0);
	});

	it('on a definition that syncs on upload, follows the sync a lost upload started instead of resending', async () => {
		const { sandbox } = env;
		sandbox.addDefinition({ name: 'Admin', fields: FIELDS }, 18);
		sandbox.loseAnswer('upload');
		const { main } = await runEloqua(
			sandbox,
			importParameters({
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'id', value: '18' },
			}),
			rows(2),
		);
		expect(main.map((item) => item.json.status)).toEqual(['imported', 'imported']);
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toHaveLength(1);
		expect(sandbox.requestsTo(`${BULK}/syncs`, 'POST')).toHaveLength(0);
		expect(sandbox.state.syncs.size).toBe(1);
		expect(main[0].json.syncUri).toBe([...sandbox.state.syncs.values()][0].uri);
		expect(writesOnce(sandbox.state.writesByKey)).toBe(true);
	});
});
