import type { IDataObject } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../../harness/eloqua';

const uploadedStages = (sandbox: EloquaSandbox) =>
	sandbox
		.requestsTo(/\/data$/, 'POST')
		.flatMap((request) => JSON.parse(request.body!) as IDataObject[])
		.map((row) => [row.OpportunityID, row.Stage]);

const stageMapping = {
	stage: [
		{ from: 'closedwon', to: 'Closed Won' },
		{ from: 'Demo  Booked', to: 'Qualification' },
	],
};

// The sandbox's instance has the stages Prospecting, Qualification, Proposal, Closed Won and Closed
// Lost and rejects any other with ELQ-00039 (API-CONTRACT.md, "Useful codes").
describe('Stage Mapping on Eloqua imports', () => {
	const env = useEloquaSandbox();
	const items = [
		opportunity('S1', { Stage: 'ClosedWon' }),
		opportunity('S2', { Stage: ' demo booked ' }),
		opportunity('S3', { Stage: 'Proposal' }),
		opportunity('S4', { Stage: 'Negotiation' }),
	];

	it('maps CRM stages (case and spaces ignored) and sends unmapped ones unchanged, for Eloqua to judge', async () => {
		const { sandbox } = env;

		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({ stageMapping }),
			items,
			{ onError: 'continueErrorOutput' },
		);

		expect(uploadedStages(sandbox)).toEqual([
			['S1', 'Closed Won'],
			['S2', 'Qualification'],
			['S3', 'Proposal'],
			['S4', 'Negotiation'],
		]);
		expect(main.map((item) => [item.pairedItem, item.json.status])).toEqual([
			[{ item: 0 }, 'imported'],
			[{ item: 1 }, 'imported'],
			[{ item: 2 }, 'imported'],
		]);
		// Its shape is the result's; what matters here is which item and which code.
		expect(
			errorOutput.map((item) => [item.pairedItem, JSON.stringify(item.json).includes('ELQ-00039')]),
		).toEqual([[{ item: 3 }, true]]);
		// The input items keep their own stage.
		expect(items[0].Stage).toBe('ClosedWon');
	});

	it('applies to columns mapped below too, and shows the mapped stage under Validate Only', async () => {
		const { sandbox } = env;
		const columns = {
			mappingMode: 'defineBelow',
			value: {
				OpportunityID: '={{ $json.OpportunityID }}',
				OpportunityName: '={{ $json.OpportunityName }}',
				Amount: '={{ $json.Amount }}',
				Stage: '={{ $json.Stage }}',
			},
		};

		const { main } = await runEloqua(
			sandbox,
			importParameters({ columns, stageMapping, validateOnly: true }),
			items.slice(0, 2),
		);

		expect(main.map((item) => (item.json.row as IDataObject | undefined)?.Stage)).toEqual([
			'Closed Won',
			'Qualification',
		]);
		expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('stops before sending anything when a CRM stage is mapped twice to different stages', async () => {
		const { sandbox } = env;
		const twice = { stage: [...stageMapping.stage, { from: 'CLOSEDWON', to: 'Won' }] };

		const { error } = await runEloqua(sandbox, importParameters({ stageMapping: twice }), items);

		expect(error?.message).toBe(
			'Stage Mapping rows 1 and 3 both map "CLOSEDWON" (case and extra spaces ignored), to "Closed Won" and to "Won". Keep one of them.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});
