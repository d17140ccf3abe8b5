import { accountedOnce, countsInError, faultsByKind } from './invariants';

// The checks the fault-injection suites rely on must be able to fail: each rule broken on purpose.
describe('the exactly-once check', () => {
	const ok = (item: number, status = 'uploaded') => ({ json: { status }, pairedItem: { item } });
	const failure = (item: number, message: string) => ({
		json: { error: { message, status: 'failed' } },
		pairedItem: { item },
	});
	const statuses = ['uploaded', 'failed'];

	it('passes one outcome per item, successes and failures alike', () => {
		const { outcomes, violations } = accountedOnce(
			3,
			[ok(0), failure(1, 'Item 1: no'), ok(2)],
			statuses,
		);
		expect(violations).toEqual([]);
		expect([...outcomes.entries()].map(([i, o]) => [i, o.status, o.error])).toEqual([
			[0, 'uploaded', undefined],
			[1, 'failed', 'Item 1: no'],
			[2, 'uploaded', undefined],
		]);
	});

	it('names a missing item, a repeated one, an unpaired one, an unknown status and a message that does not name its item', () => {
		const { violations } = accountedOnce(
			4,
			[
				ok(0),
				ok(0),
				{ json: { status: 'uploaded' } } as never,
				ok(2, 'done'),
				failure(3, 'Item 2: wrong item'),
			],
			statuses,
		);
		expect(violations).toEqual([
			'item 0 appears more than once',
			'an output item is paired to no input item (undefined)',
			'item 2 has the status "done"',
			"item 3's message does not name it: Item 2: wrong item",
			'item 1 is missing from the output',
		]);
	});
});

describe('reading a run', () => {
	it('reads the counts of a stopped run, by status', () => {
		expect(countsInError('3 of 11 items failed (2 imported, 6 staged)')).toEqual({
			failed: 3,
			total: 11,
			byStatus: { imported: 2, staged: 6 },
		});
		expect(countsInError('Eloqua did not accept the credentials')).toBeUndefined();
	});

	it('counts the faults the sandbox applied, by kind', () => {
		const requests = [
			{ fault: 429 },
			{ fault: 'delay 12' },
			{ fault: 'delay 40' },
			{ fault: undefined },
			{ fault: 'reset mid-body' },
		] as never;
		expect(faultsByKind(requests)).toEqual({ '429': 1, delay: 2, 'reset mid-body': 1 });
	});
});
