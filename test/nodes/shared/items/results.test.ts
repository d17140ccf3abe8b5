import type { IDataObject } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../../../harness/ruler';

const TIP =
	'To keep the good items flowing and route the failed ones to their own branch, set Settings → On Error to "Continue (using error output)".';
const BAD_CURRENCY =
	'Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "pounds". Fix the value in the source data or in the node, and run again.';

const descriptionLines = (error: { description?: string | null } | undefined) =>
	error?.description?.split('\n');

describe('a Ruler run that stops on failed items', () => {
	const env = useRulerSandbox();

	it('says a reason every item shares once, for all of them', async () => {
		const items = [0, 1, 2, 3, 4].map((i) => deal(`S-${i}`, { currency: 'pounds' }));
		const { error } = await runRuler(env.sandbox, uploadParameters(), items);

		expect(error?.message).toBe('5 of 5 items failed (0 uploaded)');
		expect(descriptionLines(error)).toEqual([TIP, `• All 5 items: ${BAD_CURRENCY}`]);
	});

	it('lists the items that share a reason by number, and the others by their label, in item order', async () => {
		const { sandbox } = env;
		// Ruler's answer to item 0 comes last; the list still starts with it.
		sandbox.faults.add({
			path: /^\/v1\/777\//,
			delayMs: 200,
			status: 503,
			body: 'Invalid Visitor Id',
		});
		const items = [
			deal('S-0', { siteId: '777' }),
			deal('S-1', { currency: 'pounds' }),
			deal('S-2'),
			deal('S-3', { currency: 'pounds' }),
			deal('S-4', { currency: 'pounds' }),
		];
		const { error } = await runRuler(sandbox, uploadParameters(), items);

		expect(error?.message).toBe('4 of 5 items failed (1 uploaded)');
		expect(descriptionLines(error)).toEqual([
			TIP,
			'• Item 0 (reference "S-0"): Ruler rejected the data (HTTP 503: Invalid Visitor Id). Ruler reported a problem with the values, so the item was not sent again. Check the visitor identifiers and the other values, and run again.',
			`• Items 1, 3, 4: ${BAD_CURRENCY}`,
		]);
	});

	it('keeps long runs short: ten item numbers, five reasons, then counts', async () => {
		const sameReason = Array.from({ length: 12 }, (_, i) => deal(`L-${i}`, { currency: 'pounds' }));
		const sharedRun = await runRuler(env.sandbox, uploadParameters(), [
			...sameReason,
			deal('L-12'),
		]);
		expect(descriptionLines(sharedRun.error)).toEqual([
			TIP,
			`• Items 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more: ${BAD_CURRENCY}`,
		]);

		const ownReasons = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG'].map((currency, i) =>
			deal(`R-${i}`, { currency }),
		);
		const { error } = await runRuler(env.sandbox, uploadParameters(), ownReasons);
		const lines = descriptionLines(error) ?? [];
		expect(lines).toHaveLength(7);
		expect(lines[1]).toBe(
			'• Item 0 (reference "R-0"): Currency Code must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "AA". Fix the value in the source data or in the node, and run again.',
		);
		expect(lines[5]).toMatch(/^• Item 4 \(reference "R-4"\): /);
		expect(lines[6]).toBe('…and 2 more failed items.');
	});
});

describe('an Eloqua run that stops on failed items', () => {
	const env = useEloquaSandbox();

	const noStage =
		'Stage is required and must not be empty. Fix the value in the source data or the mapping, and run again.';

	it('says a reason every item shares once, for all of them', async () => {
		const items: IDataObject[] = ['A', 'B', 'C'].map((id) => opportunity(id, { Stage: '' }));
		const { error } = await runEloqua(env.sandbox, importParameters(), items);

		expect(error?.message).toBe('3 of 3 items failed (0 imported)');
		expect(descriptionLines(error)).toEqual([TIP, `• All 3 items: ${noStage}`]);
		expect(env.sandbox.state.opportunities.size).toBe(0);
	});

	it('lists shared reasons by item number and single ones by label, in item order, each sentence ended', async () => {
		const items = [
			opportunity('A'),
			opportunity('B', { Stage: '' }),
			opportunity('C', { Stage: 'Negotiation' }),
			opportunity('D', { Stage: '' }),
			opportunity('E'),
		];
		const { error } = await runEloqua(env.sandbox, importParameters(), items);

		expect(error?.message).toBe('3 of 5 items failed (2 imported)');
		expect(descriptionLines(error)).toEqual([
			TIP,
			`• Items 1, 3: ${noStage}`,
			'• Item 2 (OpportunityID "C"): Eloqua rejected the row: ELQ-00039: the opportunity stage is not one of the stages configured in Eloqua (field Stage = "Negotiation"). Fix the value in the source data (or add the missing stage, contact or field in Eloqua) and run again.',
		]);
	});
});
