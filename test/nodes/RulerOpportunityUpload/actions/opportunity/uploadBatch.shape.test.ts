import { deal, runRuler, useRulerSandbox } from '../../../../harness/ruler';
import { batchParameters, CSV_HEADER, dealRow, summary } from '../../batchKit';

const continuing = { onError: 'continueRegularOutput' as const };

describe('Upload in Batch: the one result shape', () => {
	const env = useRulerSandbox();

	it('carries the selected input fields after its own, status first', async () => {
		const { main } = await runRuler(
			env.sandbox,
			batchParameters(
				{},
				{ includeInputFields: 'selected', inputFieldsToInclude: 'owner, status' },
			),
			[deal('I-0', { owner: 'ada', status: 'open' })],
		);

		expect(Object.keys(main[0].json).slice(0, 3)).toEqual(['status', 'dealKey', 'reference']);
		expect(main[0].json).toMatchObject({ status: 'uploaded', dealKey: 'I-0', owner: 'ada' });
		expect(main[0].json).not.toHaveProperty('email');
	});

	it('carries every input field with All', async () => {
		const { main } = await runRuler(
			env.sandbox,
			batchParameters({ waitForCompletion: false }, { includeInputFields: 'all' }),
			[deal('I-1')],
		);

		expect(main[0].json).toMatchObject({
			status: 'queued',
			dealKey: 'I-1',
			jobId: 'job-1',
			email: 'i-1@example.com',
			stage: 'Closed Won',
		});
	});
});

describe('Upload in Batch: Validate Only', () => {
	const env = useRulerSandbox();

	it('checks every item, batch-only rules too, reports the CSV row of each valid one and sends nothing', async () => {
		const { sandbox } = env;
		const items = [
			deal('V-0'),
			deal('V-1', { cookie: 'GA1.1.123.456' }),
			deal('V-2', { value: 'TBD' }),
			deal('V-3', { stage: 'Proposal' }),
		];

		const { main } = await runRuler(
			sandbox,
			batchParameters({ validateOnly: true }),
			items,
			continuing,
		);

		expect(summary(main).map(([item, status]) => [item, status])).toEqual([
			[0, 'valid'],
			[3, 'valid'],
			[1, 'invalid'],
			[2, 'invalid'],
		]);
		expect(main[0].json).toEqual({
			status: 'valid',
			dealKey: 'V-0',
			reference: 'V-0',
			siteId: '1234',
			jobId: null,
			rowNumber: null,
			valueSent: 1000,
			csvHeader: CSV_HEADER,
			csvRow: dealRow('V-0'),
		});
		expect(main[1].json.csvRow).toBe(dealRow('V-3', '1000', 'Proposal'));
		expect(String(summary(main)[2][2])).toContain(
			"Visitor Identifiers has a Cookie Value, which Ruler's batch file has no column for",
		);
		expect(main[2].json.error).toMatchObject({ invalidFields: ['Visitor Identifiers'] });
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a property holding a separator, as the upload would', async () => {
		const { sandbox } = env;
		const withProperty = batchParameters({
			validateOnly: true,
			additionalDataProperties: { property: [{ name: 'Source', value: 'a;b' }] },
		});

		const { main } = await runRuler(sandbox, withProperty, [deal('P-0')], continuing);

		expect(main[0].json.error).toMatchObject({
			status: 'invalid',
			invalidFields: ['Additional Data Properties'],
		});
		expect(sandbox.requests).toHaveLength(0);
	});
});
