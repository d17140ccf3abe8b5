import type { INodeExecutionData } from 'n8n-workflow';

import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../harness/ruler';
import { errorOf } from '../harness/engine';

const HUNDRED_MB = 100_000_000;
// Built once per file: the sandbox sends it as the answer's body.
const hugeText = 'A'.repeat(HUNDRED_MB);
const jsonOf = (size: number) => `{"message":"${hugeText.slice(0, size - 14)}"}`;

/** Everything a run hands on: output items, the error and its description. */
function said(run: {
	main: INodeExecutionData[];
	errorOutput: INodeExecutionData[];
	error?: unknown;
}): string {
	return [
		JSON.stringify(run.main),
		JSON.stringify(run.errorOutput),
		run.error ? JSON.stringify(run.error) : '',
	].join('\n');
}

// n8n's HTTP helper reads every answer whole (its axios settings have no size limit, and a node
// cannot set one), so a hostile server's 100 MB error body is held while the request is handled.
// What the nodes can and do promise: no more than a short, clipped text of it reaches any output.
describe('a hostile 100 MB error body is never echoed', () => {
	describe('Ruler', () => {
		const env = useRulerSandbox();

		it.each([
			['100 MB of text', () => ({ body: hugeText })],
			[
				'10 MB of JSON',
				() => ({ body: jsonOf(10_000_000), headers: { 'Content-Type': 'application/json' } }),
			],
		])('as %s: the item says what failed in a few kilobytes at most', async (_shape, reply) => {
			const { sandbox } = env;
			sandbox.faults.add({ path: sandbox.uploadPath, status: 400, ...reply() });
			const run = await runRuler(sandbox, uploadParameters(), [deal('H-0')], {
				onError: 'continueErrorOutput',
			});
			expect(run.errorOutput.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
				[
					{ item: 0 },
					// Ruler's reason follows, shortened to 200 characters.
					`Item 0 (reference "H-0"): Ruler rejected the opportunity as invalid (HTTP 400): ${'A'.repeat(200)}…`,
				],
			]);
			expect(said(run).length).toBeLessThan(25_000);
			expect(String(errorOf(run.errorOutput[0]).response)).toMatch(
				/^A{9000,}… \(clipped: \d+ characters\)$|^\{"message":"A+… \(clipped: \d+ characters\)$/,
			);
		});
	});

	describe('Eloqua', () => {
		const env = useEloquaSandbox();

		it.each([
			[
				'100 MB of JSON',
				() => ({ body: jsonOf(HUNDRED_MB), headers: { 'Content-Type': 'application/json' } }),
			],
			['10 MB of text', () => ({ body: hugeText.slice(0, 10_000_000) })],
		])('as %s: the error says what failed in a short clipped text', async (_shape, reply) => {
			const { sandbox } = env;
			sandbox.faults.add({ method: 'POST', path: /\/data$/, status: 400, ...reply() });
			const run = await runEloqua(sandbox, importParameters(), [opportunity(1)], {
				onError: 'continueErrorOutput',
			});
			expect(run.errorOutput.map((item) => errorOf(item).message)).toEqual([
				'Item 0 (OpportunityID "1"): Eloqua rejected the request as invalid (HTTP 400)',
			]);
			expect(said(run).length).toBeLessThan(5_000);
		});
	});
});
