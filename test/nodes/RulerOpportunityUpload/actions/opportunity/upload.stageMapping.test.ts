import type { IDataObject } from 'n8n-workflow';

import { errorOf } from '../../../../harness/engine';
import {
	deal,
	runContinuing,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';

// The sandbox site has the stages Lead, Opportunity, Proposal, Closed Won and Closed Lost and refuses
// others (API-CONTRACT.md, Ruler: whether an unknown PipelineStage is refused is [open]; the sandbox's
// default answer refuses it), so a mapped stage that arrives is one the site knows.
const sentStages = (sandbox: RulerSandbox) =>
	uploadsOf(sandbox).map((r) => {
		const body = JSON.parse(r.body ?? '') as IDataObject;
		return [body.Reference, body.PipelineStage];
	});

const mapping = (...pairs: Array<[string, string]>) => ({
	stage: pairs.map(([from, to]) => ({ from, to })),
});

describe('Stage Mapping on Ruler uploads', () => {
	const env = useRulerSandbox();

	it('sends the mapped stage, matching CRM stages ignoring case and spaces, and the others unchanged', async () => {
		const { sandbox } = env;
		const items = [
			deal('M-0', { stage: 'closedwon' }),
			deal('M-1', { stage: ' CLOSEDWON ' }),
			deal('M-2', { stage: 'Proposal' }),
			deal('M-3', { stage: 'sql  stage' }),
		];

		const { main, error } = await runRuler(
			sandbox,
			uploadParameters({
				stageMapping: mapping(['closedwon', 'Closed Won'], ['SQL Stage', 'Opportunity']),
			}),
			items,
		);

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual([
			'uploaded',
			'uploaded',
			'uploaded',
			'uploaded',
		]);
		expect(sentStages(sandbox)).toEqual([
			['M-0', 'Closed Won'],
			['M-1', 'Closed Won'],
			['M-2', 'Proposal'],
			['M-3', 'Opportunity'],
		]);
	});

	it('maps before Allowed Stages checks the stage, and shows the mapped stage under Validate Only', async () => {
		const { sandbox } = env;
		const items = [deal('A-0', { stage: 'won' }), deal('A-1', { stage: 'lost' })];

		const { main } = await runRuler(
			sandbox,
			uploadParameters(
				{ stageMapping: mapping(['won', 'Closed Won']), validateOnly: true },
				{ allowedStages: ['Closed Won'] },
			),
			items,
			{ onError: 'continueRegularOutput' },
		);

		expect(sandbox.requests).toHaveLength(0);
		expect((main[0].json.body as IDataObject).PipelineStage).toBe('Closed Won');
		expect(errorOf(main[1]).message).toBe(
			'Item 1 (reference "A-1"): Pipeline Stage must be one of "Closed Won" (exact spelling and case), got "lost"',
		);
	});

	it('stops before sending anything when a row is half filled, naming the row', async () => {
		const { sandbox } = env;

		const { main, error } = await runRuler(
			sandbox,
			uploadParameters({ stageMapping: mapping(['won', 'Closed Won'], ['lost', '']) }),
			[deal('H-0')],
		);

		expect(main).toEqual([]);
		expect(error?.message).toBe(
			'Stage Mapping row 2 needs both a CRM Stage and a Ruler Stage, got "lost" → "".',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('changes nothing when no row is set (workflows saved before Stage Mapping)', async () => {
		const { sandbox } = env;

		await runContinuing(sandbox, [deal('N-0', { stage: 'closed won' })]);

		expect(sentStages(sandbox)).toEqual([['N-0', 'closed won']]);
	});
});
