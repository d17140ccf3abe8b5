import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';
import { errorOf } from '../../../../harness/engine';

// Item 1 is invalid before sending (Amount), item 3 repeats item 0's ID, item 2 is rejected by
// Eloqua (unknown stage), items 0 and 4 are imported.
const MIXED = [
	opportunity('A'),
	opportunity('B', { Amount: '12,5' }),
	opportunity('C', { Stage: 'Negotiation' }),
	opportunity('a', { OpportunityName: 'Same as A, other case' }),
	opportunity('D', { CloseDate: '2024-07-01' }),
];

describe('per-item outcomes of a mixed batch', () => {
	const env = useEloquaSandbox();

	it('routes invalid and rejected items to the error output, with the input merged in', async () => {
		const { sandbox } = env;
		const { main, errorOutput, error } = await runEloqua(sandbox, importParameters(), MIXED, {
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();

		expect(
			main.map((item) => [item.pairedItem, item.json.status, item.json.opportunityId]),
		).toEqual([
			[{ item: 0 }, 'imported', 'A'],
			[{ item: 4 }, 'imported', 'D'],
		]);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		const [invalid, rejected, duplicate] = errorOutput.map((item) => item.json);
		expect(invalid).toMatchObject({
			OpportunityID: 'B',
			Amount: '12,5',
			error: {
				message:
					'Item 1 (OpportunityID "B"): Amount must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "12,5"',
				status: 'invalid',
				dealKey: 'B',
				opportunityId: 'B',
				invalidFields: ['Amount'],
			},
		});
		expect(rejected).toMatchObject({
			OpportunityID: 'C',
			error: {
				message:
					'Item 2 (OpportunityID "C"): Eloqua rejected the row: ELQ-00039: the opportunity stage is not one of the stages configured in Eloqua (field Stage = "Negotiation")',
				status: 'rejected',
				code: 'ELQ-00039',
				invalidFields: ['Stage'],
				sync: { status: 'warning', rows: 3, rejectedRows: 1 },
			},
		});
		expect(duplicate).toMatchObject({
			OpportunityName: 'Same as A, other case',
			error: {
				message:
					'Item 3 (OpportunityID "a"): OpportunityID "a" was already used by item 0; an opportunity is sent once per run, so this item was not sent',
				status: 'invalid',
				invalidFields: ['Opportunity ID'],
			},
		});

		// Only valid, unique rows were uploaded; Eloqua stored the accepted ones once.
		const uploaded = JSON.parse(sandbox.requestsTo(/\/data$/, 'POST')[0].body!).map(
			(row: { OpportunityID: string }) => row.OpportunityID,
		);
		expect(uploaded).toEqual(['A', 'C', 'D']);
		expect([...sandbox.state.opportunities.keys()].sort()).toEqual(['a', 'd']);
		expect(sandbox.state.writes).toBe(2);
	});

	it('keeps every item on the main output with "continue (regular output)", successes first', async () => {
		const { sandbox } = env;
		const { main } = await runEloqua(sandbox, importParameters(), MIXED, {
			onError: 'continueRegularOutput',
		});
		expect(main.map((item) => [item.pairedItem, item.json.status ?? errorOf(item).status])).toEqual(
			[
				[{ item: 0 }, 'imported'],
				[{ item: 4 }, 'imported'],
				[{ item: 1 }, 'invalid'],
				[{ item: 2 }, 'rejected'],
				[{ item: 3 }, 'invalid'],
			],
		);
		expect(main[0].json.error).toBeUndefined();
	});

	it('fails the node after importing the good items when it is not set to continue', async () => {
		const { sandbox } = env;
		const { error, main } = await runEloqua(sandbox, importParameters(), MIXED);
		expect(main).toEqual([]);
		expect(error?.message).toBe('3 of 5 items failed (2 imported)');
		expect((error as { description?: string }).description).toContain(
			'• Item 1 (OpportunityID "B"): Amount must be a number',
		);
		expect((error as { description?: string }).description).toContain(
			'• Item 2 (OpportunityID "C"): Eloqua rejected the row: ELQ-00039',
		);
		expect(sandbox.state.opportunities.size).toBe(2);
	});

	it('checks every item without sending anything in validate-only mode', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { validateOnly: true }),
			MIXED,
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => [item.pairedItem, item.json.status])).toEqual([
			[{ item: 0 }, 'valid'],
			[{ item: 2 }, 'valid'],
			[{ item: 4 }, 'valid'],
		]);
		expect(main[1].json.row).toEqual({
			OpportunityID: 'C',
			OpportunityName: 'Deal C',
			AccountName: 'ABC',
			Amount: '1000',
			CloseDate: '',
			Currency: 'USD',
			Stage: 'Negotiation',
		});
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports')).toHaveLength(0);
	});
});

describe('value rules', () => {
	const env = useEloquaSandbox();

	it.each([
		['a missing required column', { Stage: undefined }, 'Stage is required and must not be empty'],
		[
			'an empty required column',
			{ OpportunityName: '  ' },
			'OpportunityName is required and must not be empty',
		],
		[
			'the string "null" in a required column',
			{ OpportunityName: 'null' },
			'OpportunityName is required and must not be empty',
		],
		[
			'a non-numeric amount',
			{ Amount: 'ten' },
			'Amount must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "ten"',
		],
		[
			'an unparseable date',
			{ CloseDate: '31/31/2024' },
			'CloseDate must be a date such as 2024-05-01 or 2024-05-01 13:15:00, got "31/31/2024"',
		],
		[
			'a currency that is not three letters',
			{ Currency: 'EURO' },
			'Currency must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "EURO"',
		],
		[
			'an object value',
			{ AccountName: { name: 'ABC' } },
			'AccountName must be text, a number or a date, not an object ({"name":"ABC"})',
		],
		['an infinite number', { Amount: Infinity }, 'Amount must be a finite number, got Infinity'],
		[
			'a broken surrogate',
			{ AccountName: 'AB\uD800C' },
			'AccountName contains characters that cannot be encoded as UTF-8 (a broken emoji or surrogate)',
		],
	])('reports %s naming the item and the field', async (_name, overrides, message) => {
		const { sandbox } = env;
		const { errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { validateOnly: true }),
			[opportunity('X', overrides)],
			{ onError: 'continueErrorOutput' },
		);
		expect(errorOutput).toHaveLength(1);
		expect(errorOf(errorOutput[0]).message).toBe(`Item 0 (OpportunityID "X"): ${message}`);
	});

	it('never sends "null", sends missing and null values as blank cells and upper-cases currencies', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters(), [
			opportunity('N', { Territory: 'null', Owner: null, Currency: 'eur', AccountName: '' }),
		]);
		const [row] = JSON.parse(sandbox.requestsTo(/\/data$/, 'POST')[0].body!);
		expect(row).toEqual({
			OpportunityID: 'N',
			OpportunityName: 'Deal N',
			AccountName: '',
			Amount: '1000',
			Currency: 'EUR',
			Stage: 'Prospecting',
			Territory: '',
			Owner: '',
		});
	});

	it('normalises dates to one format when asked, reading naive times in the workflow time zone', async () => {
		const { sandbox } = env;
		await runEloqua(sandbox, importParameters({}, { dateFormat: 'sql' }), [
			opportunity('T1', { CreatedDate: '2024-05-01T10:00:00+02:00', CloseDate: '2024-06-30' }),
		]);
		const [row] = JSON.parse(sandbox.requestsTo(/\/data$/, 'POST')[0].body!);
		expect(row).toMatchObject({
			CreatedDate: '2024-05-01 08:00:00',
			CloseDate: '2024-06-30 00:00:00',
		});
	});
});
