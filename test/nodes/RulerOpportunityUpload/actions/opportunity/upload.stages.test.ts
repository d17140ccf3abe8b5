import type { IDataObject } from 'n8n-workflow';

import { errorOf } from '../../../../harness/engine';
import {
	deal,
	fieldsOf,
	runContinuing,
	uploadsOf,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';

const sentStages = (sandbox: RulerSandbox) =>
	uploadsOf(sandbox).map((r) => {
		const body = JSON.parse(r.body ?? '') as IDataObject;
		return [body.Reference, body.PipelineStage];
	});

const NOT_ALLOWED = (item: number, stage: string) =>
	`Item ${item} (reference "S-${item}"): Pipeline Stage must be one of "Lead", "Closed Won" (exact spelling and case), got "${stage}"`;

// Ruler may store a stage it does not know without complaint, so the check is the user's own list.
describe('Allowed Stages: the pipeline stage checked before sending', () => {
	const env = useRulerSandbox();
	const items = [
		deal('S-0', { stage: 'Closed Won' }),
		deal('S-1', { stage: 'closed won' }),
		// A stage the sandbox site has, but not in the list: refused here all the same.
		deal('S-2', { stage: 'Proposal' }),
		deal('S-3', { stage: ' Lead ' }),
	];

	it('sends only items whose stage is listed, exactly, and names the item, the field and the list', async () => {
		const { sandbox } = env;

		const { main } = await runContinuing(sandbox, items, {
			allowedStages: ['Lead', ' Closed Won', ''],
		});

		expect(sentStages(sandbox)).toEqual([
			['S-0', 'Closed Won'],
			['S-3', 'Lead'],
		]);
		expect(main.map((item) => [item.pairedItem, item.json.status ?? errorOf(item).status])).toEqual(
			[
				[{ item: 0 }, 'uploaded'],
				[{ item: 3 }, 'uploaded'],
				[{ item: 1 }, 'invalid'],
				[{ item: 2 }, 'invalid'],
			],
		);
		expect(errorOf(main[2]).message).toBe(NOT_ALLOWED(1, 'closed won'));
		expect(errorOf(main[3]).message).toBe(NOT_ALLOWED(2, 'Proposal'));
		expect(fieldsOf(main[3])).toEqual({
			status: 'invalid',
			dealKey: 'S-2',
			reference: 'S-2',
			invalidFields: ['Pipeline Stage'],
			attempts: 0,
			description: 'Fix the value in the source data or in the node, and run again.',
		});
	});

	it('applies under Validate Only too', async () => {
		const { sandbox } = env;

		const { main } = await runContinuing(sandbox, items.slice(0, 3), {
			allowedStages: ['Lead', 'Closed Won'],
			validateOnly: true,
		});

		expect(main.map((item) => item.json.status ?? errorOf(item).message)).toEqual([
			'valid',
			NOT_ALLOWED(1, 'closed won'),
			NOT_ALLOWED(2, 'Proposal'),
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('checks nothing when the list is empty or blank: every stage is sent for Ruler to judge', async () => {
		const { sandbox } = env;

		await runContinuing(sandbox, [items[2]], { allowedStages: [' '] });
		await runContinuing(sandbox, [items[2]]);

		expect(sentStages(sandbox)).toEqual([
			['S-2', 'Proposal'],
			['S-2', 'Proposal'],
		]);
	});

	it('catches a misspelt stage that a Ruler storing unknown stages would take without complaint', async () => {
		const { sandbox } = env;
		sandbox.config.unknownStages = 'store';
		const typo = [deal('S-0', { stage: 'Closed Wn' })];

		const unchecked = await runContinuing(sandbox, typo);
		const checked = await runContinuing(sandbox, typo, { allowedStages: ['Lead', 'Closed Won'] });

		expect(unchecked.main[0].json.status).toBe('uploaded');
		expect(sandbox.stored('1234', 'S-0')?.PipelineStage).toBe('Closed Wn');
		expect(errorOf(checked.main[0]).message).toBe(NOT_ALLOWED(0, 'Closed Wn'));
		expect(uploadsOf(sandbox)).toHaveLength(1);
	});
});
