import { StageMapping, stageKey } from '../../../../nodes/shared/values/stages';

const fail = (message: string): never => {
	throw new Error(message);
};
const read = (rows: unknown) => StageMapping.read(rows, 'Ruler', fail);

describe('Stage Mapping: CRM stage → the stage the service knows', () => {
	it('matches a CRM stage ignoring case, surrounding spaces and repeated inner spaces', () => {
		const stages = read([
			{ from: 'closedwon', to: 'Closed Won' },
			{ from: ' Proposal  Sent ', to: 'Proposal' },
		]);

		expect(
			['closedwon', 'CLOSEDWON', ' ClosedWon ', 'proposal sent', 'PROPOSAL   SENT'].map((s) =>
				stages.apply(s),
			),
		).toEqual(['Closed Won', 'Closed Won', 'Closed Won', 'Proposal', 'Proposal']);
		// Spaces inside a name still count: "Closed Won" is not "closedwon".
		expect(stageKey('Closed Won')).not.toBe(stageKey('closedwon'));
	});

	it('sends the target exactly as written, without the spaces around it', () => {
		expect(read([{ from: 'won', to: '  Closed Won ' }]).apply('won')).toBe('Closed Won');
	});

	it('passes unmapped stages, values that are not text and missing values through unchanged', () => {
		const stages = read([{ from: 'won', to: 'Closed Won' }]);
		const date = new Date(0);

		expect(['Lead', ' lead ', '', 7, null, undefined, date].map((v) => stages.apply(v))).toEqual([
			'Lead',
			' lead ',
			'',
			7,
			null,
			undefined,
			date,
		]);
	});

	it('maps nothing when there are no rows, or only empty ones', () => {
		for (const rows of [undefined, [], {}, [{ from: '', to: '' }, {}]]) {
			const stages = read(rows);
			expect(stages.size).toBe(0);
			expect(stages.apply('won')).toBe('won');
		}
	});

	it('accepts the same mapping twice, in any spelling of the CRM stage', () => {
		const stages = read([
			{ from: 'won', to: 'Closed Won' },
			{ from: 'WON ', to: 'Closed Won' },
		]);
		expect(stages.size).toBe(1);
	});

	it('refuses a half-filled row, naming the row and the missing side', () => {
		expect(() =>
			read([
				{ from: 'won', to: 'Closed Won' },
				{ from: 'lost', to: ' ' },
			]),
		).toThrow('Stage Mapping row 2 needs both a CRM Stage and a Ruler Stage, got "lost" → "".');
		expect(() => read([{ from: '', to: 'Closed Won' }])).toThrow(
			'Stage Mapping row 1 needs both a CRM Stage and a Ruler Stage, got "" → "Closed Won".',
		);
	});

	it('refuses a CRM stage mapped to two different stages, naming both rows', () => {
		expect(() =>
			read([
				{ from: 'won', to: 'Closed Won' },
				{ from: 'lead', to: 'Lead' },
				{ from: 'Won', to: 'Won' },
			]),
		).toThrow(
			'Stage Mapping rows 1 and 3 both map "Won" (case and extra spaces ignored), to "Closed Won" and to "Won". Keep one of them.',
		);
	});
});
