import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../harness/ruler';
import { createServer, type SandboxServer } from '../sandbox/kit';

// A server on another origin (another port) that records what reaches it.
describe('credentials are not carried across a redirect to another host', () => {
	const eloqua = useEloquaSandbox();
	const ruler = useRulerSandbox();
	let other: SandboxServer;
	beforeAll(async () => {
		other = await createServer({
			name: 'Other',
			routes: [
				['GET', /.*/, () => ({ status: 200, body: {} })],
				['POST', /.*/, () => ({ status: 204 })],
				['PUT', /.*/, () => ({ status: 201 })],
			],
		}).start(0, 'localhost');
	});
	afterAll(async () => await other.close());
	beforeEach(() => other.reset());

	it('Eloqua: a Bulk API answer that redirects elsewhere gets no Basic header there', async () => {
		eloqua.sandbox.faults.add({
			method: 'GET',
			path: '/pod1/api/bulk/2.0/opportunities/fields',
			status: 307,
			headers: { Location: `${other.url}/stolen` },
		});
		await runEloqua(
			eloqua.sandbox,
			importParameters({}, { recordsPerUpload: 1 }),
			[opportunity(1)],
			{ onError: 'continueRegularOutput' },
		);
		expect(other.requests.map((r) => r.path)).toEqual(['/stolen']);
		expect(other.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
	});

	it('Ruler: an upload answer that redirects elsewhere gets no Bearer token there', async () => {
		ruler.sandbox.faults.add({
			method: 'PUT',
			path: ruler.sandbox.uploadPath,
			status: 307,
			headers: { Location: `${other.url}/stolen` },
		});
		await runRuler(ruler.sandbox, uploadParameters(), [deal('X-0')], {
			onError: 'continueRegularOutput',
		});
		expect(other.requests.map((r) => r.path)).toEqual(['/stolen']);
		expect(other.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
	});
});
