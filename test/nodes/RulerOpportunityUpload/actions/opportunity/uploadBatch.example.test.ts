import type { IDataObject } from 'n8n-workflow';

import nightlyBatch from '../../../../../examples/ruler-nightly-batch.json';
import { runRuler, useRulerSandbox } from '../../../../harness/ruler';
import { batchUploadsOf, csvOf, summary } from '../../batchKit';
import { codeNodeItems } from '../../exampleItems';

const batchNode = nightlyBatch.nodes.find((node) => node.name === 'Upload to Ruler in batch');

describe('examples/ruler-nightly-batch.json', () => {
	const env = useRulerSandbox();

	it('uploads the nightly export as one batch job; the two bad deals go to the failure branch', async () => {
		// Ruler's sandbox stages (Lead, Opportunity, Proposal, Closed Won, Closed Lost): "Qualification"
		// is refused while processing, as an unknown stage (API-CONTRACT [open], the sandbox's default).
		const { sandbox } = env;
		const items = codeNodeItems(nightlyBatch, 'Nightly CRM export');

		const { main, errorOutput, error } = await runRuler(
			sandbox,
			batchNode?.parameters as IDataObject,
			items,
			{ onError: 'continueErrorOutput' },
		);

		expect(error).toBeUndefined();
		expect(summary(main)).toEqual([
			[0, 'uploaded', 'job-1#1'],
			[1, 'uploaded', 'job-1#2'],
			[3, 'uploaded', 'job-1#4'],
		]);
		expect(summary(errorOutput)).toEqual([
			[
				2,
				'rejected',
				'Item 2 (reference "CRM-3003"): Ruler could not store the row of batch job job-1: "Qualification" is not a pipeline stage.',
			],
			[
				4,
				'invalid',
				'Item 4 (reference "CRM-3005"): Opportunity Value must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "TBD"',
			],
		]);
		expect(batchUploadsOf(sandbox)).toHaveLength(1);
		expect(csvOf(batchUploadsOf(sandbox)[0]).split('\r\n')).toEqual([
			'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,RaId,EmailAddress,PhoneNumber,PayloadValue,Label,Reference,AdditionalDataProperties',
			'2026-10-15,USD,48000.5,Closed Won,,ada@example.com,,,Nightly sync,CRM-3001,"Name=Source,Value=Google"',
			'2026-10-15,EUR,12500,Proposal,,grace@example.com,,,Nightly sync,CRM-3002,"Name=Source,Value=LinkedIn"',
			'2026-10-14,GBP,7000,Qualification,,alan@example.com,,,Nightly sync,CRM-3003,"Name=Source,Value=Google"',
			'2026-10-14,USD,96000,Closed Won,,barbara@example.com,,,Nightly sync,CRM-3004,"Name=Source,Value=Referral"',
			'',
		]);
	});
});
