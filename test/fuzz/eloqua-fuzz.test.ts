import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { importParameters, runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { accountedOnce, importedOnlyIfSynced, outputsOf } from '../reliability/invariants';
import { createTally, sizeFromEnv } from '../reliability/tally';
import {
	anything,
	bad,
	badDate,
	badNumber,
	brokenText,
	good,
	goodDate,
	goodNumber,
	MEGABYTE_TEXT,
	prototypeKeys,
	someText,
	wild,
	zones,
	type Cell,
} from './values';

const STAGES = ['Prospecting', 'Qualification', 'Closed Won'];
const DATE_SHAPES: Record<string, RegExp> = {
	sql: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
	date: /^\d{4}-\d{2}-\d{2}$/,
	iso: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
};

/** Each column's cells: sure to pass, sure to fail, or anything (`absent` leaves the column out). */
function columnCells(stageCell: fc.Arbitrary<Cell>): Record<string, fc.Arbitrary<Cell | 'absent'>> {
	const text = fc.oneof(
		someText.map((t) => good(t, t)),
		fc.integer().map((n) => good(n, String(n))),
		fc.constant(good(MEGABYTE_TEXT, MEGABYTE_TEXT)),
	);
	const notText = fc
		.oneof(
			brokenText,
			fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
			fc.constant({ a: 1 }),
			prototypeKeys,
		)
		.map(bad);
	const required = fc.constantFrom<unknown>('', '  ', null, 'null', undefined).map(bad);
	return {
		OpportunityName: fc.oneof(
			{ weight: 16, arbitrary: text },
			{ weight: 1, arbitrary: notText },
			{ weight: 1, arbitrary: required },
			{ weight: 1, arbitrary: anything.map(wild) },
		),
		Amount: fc.oneof(
			{ weight: 16, arbitrary: goodNumber },
			{ weight: 2, arbitrary: badNumber },
			{ weight: 1, arbitrary: required },
			{ weight: 1, arbitrary: anything.map(wild) },
		),
		Stage: fc.oneof({ weight: 16, arbitrary: stageCell }, { weight: 1, arbitrary: required }),
		Currency: fc.oneof(
			{
				weight: 8,
				arbitrary: fc.stringMatching(/^[A-Za-z]{3}$/).map((c) => good(` ${c}`, c.toUpperCase())),
			},
			{ weight: 1, arbitrary: fc.constantFrom('US', 'EURO', '€€€', '12A').map(bad) },
			{ weight: 4, arbitrary: fc.constant('absent' as const) },
			{ weight: 1, arbitrary: anything.map(wild) },
		),
		CloseDate: fc.oneof(
			{ weight: 10, arbitrary: goodDate },
			{ weight: 2, arbitrary: badDate },
			{ weight: 4, arbitrary: fc.constant('absent' as const) },
			{ weight: 1, arbitrary: anything.map(wild) },
		),
		AccountName: fc.oneof(
			{ weight: 8, arbitrary: text },
			{ weight: 1, arbitrary: notText },
			{ weight: 4, arbitrary: fc.constant('absent' as const) },
			{ weight: 1, arbitrary: anything.map(wild) },
		),
	};
}

interface Generated {
	items: IDataObject[];
	cells: Array<Record<string, Cell>>;
}

/** Items with unique IDs (unicode allowed), each column drawn as above, plus odd extra keys. */
function batch(stageCell: fc.Arbitrary<Cell>, maxItems: number): fc.Arbitrary<Generated> {
	const row = fc.record({
		cells: fc.record(columnCells(stageCell)),
		prefix: someText,
		extra: fc.option(
			fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString', 'Ünïcødé 🚀'), anything),
		),
	});
	return fc.array(row, { minLength: 1, maxLength: maxItems }).map((rows) => {
		const items: IDataObject[] = [];
		const cells: Array<Record<string, Cell>> = [];
		rows.forEach(({ cells: drawn, prefix, extra }, i) => {
			const id = `${prefix.trim()}#${i}`;
			const item: IDataObject = { OpportunityID: id };
			const known: Record<string, Cell> = { OpportunityID: good(id, id) };
			for (const [column, cell] of Object.entries(drawn)) {
				if (cell === 'absent') continue;
				item[column] = cell.value as IDataObject;
				known[column] = cell;
			}
			// Own keys, as JSON.parse makes them: never a prototype.
			if (extra)
				Object.defineProperty(item, extra[0], {
					value: extra[1] as IDataObject,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			items.push(item);
			cells.push(known);
		});
		return { items, cells };
	});
}

const CONTROL: IDataObject = {
	OpportunityID: 'control',
	OpportunityName: 'Control deal',
	Amount: 1000,
	Stage: 'Prospecting',
	Currency: 'usd',
	CloseDate: '2024-05-01',
};

/** What must hold for an item whose cells the test knows: checked against its outcome. */
function expectations(
	cells: Record<string, Cell>,
	index: number,
	outcome: { status: string; fields: IDataObject; error?: string },
	dateFormat: string,
): string[] {
	const problems: string[] = [];
	const values = Object.values(cells);
	const badColumns = Object.entries(cells)
		.filter(([, c]) => c.kind === 'bad')
		.map(([column]) => column);
	if (badColumns.length) {
		if (outcome.status !== 'invalid')
			problems.push(`item ${index} with bad ${badColumns.join(', ')} is ${outcome.status}`);
		for (const column of badColumns) {
			if (
				!new RegExp(`${column} (is required|must|contains|is an invalid)`).test(outcome.error ?? '')
			)
				problems.push(
					`item ${index}'s message names no rule for ${column}: ${(outcome.error ?? '').slice(0, 160)}`,
				);
		}
		// invalidFields are the mapper's labels ("Close Date" for CloseDate).
		const named = ((outcome.fields.invalidFields as string[] | undefined) ?? []).map((label) =>
			label.replace(/\s/g, '').toLowerCase(),
		);
		if (
			!badColumns.some((column) => named.includes(column.toLowerCase())) &&
			values.every((c) => c.kind !== 'wild')
		)
			problems.push(`item ${index} names fields ${named.join(', ')}`);
	}
	if (
		values.every((c) => c.kind === 'good') &&
		['valid', 'imported'].includes(outcome.status) === false
	)
		problems.push(`good item ${index} is ${outcome.status}: ${outcome.error}`);
	if (outcome.status === 'valid') {
		const row = outcome.fields.row as Record<string, unknown>;
		for (const [column, cell] of Object.entries(cells)) {
			if (cell.kind !== 'good') continue;
			const sent = row[column];
			if (column === 'CloseDate') {
				const ok =
					dateFormat === 'asGiven'
						? sent === String(cell.value)
						: DATE_SHAPES[dateFormat].test(String(sent));
				if (!ok) problems.push(`item ${index}'s ${column} is sent as ${JSON.stringify(sent)}`);
			} else if (sent !== cell.sent)
				problems.push(
					`item ${index}'s ${column} is sent as ${JSON.stringify(sent).slice(0, 60)}, not ${JSON.stringify(cell.sent).slice(0, 60)}`,
				);
		}
		if (Object.values(row).some((v) => typeof v !== 'string' || v === 'null'))
			problems.push(`item ${index}'s row has a value that is not text`);
	}
	return problems;
}

describe('Eloqua import fuzzing: any item data, the node never throws, bad items are named, good ones unaffected', () => {
	const env = useEloquaSandbox({ stages: STAGES });
	const tally = createTally('eloqua-fuzz');
	afterAll(() => tally.save());
	const runs = sizeFromEnv('FUZZ_RUNS', 40);

	it('checks every item in validate-only mode', async () => {
		await fc.assert(
			fc.asyncProperty(
				batch(
					someText.map((t) => good(t, t)),
					6,
				),
				fc.constantFrom('asGiven', 'sql', 'date', 'iso'),
				zones,
				async ({ items, cells }, dateFormat, timezone) => {
					const run = await runEloqua(
						env.sandbox,
						importParameters({}, { validateOnly: true, dateFormat }),
						[...items, CONTROL],
						{ onError: 'continueRegularOutput', timezone },
					);
					const { outcomes, violations } = accountedOnce(items.length + 1, outputsOf(run), [
						'valid',
						'invalid',
					]);
					if (run.error) violations.push(`the node threw: ${run.error.message}`);
					cells.forEach(
						(known, i) =>
							outcomes.has(i) &&
							violations.push(...expectations(known, i, outcomes.get(i)!, dateFormat)),
					);
					const control = outcomes.get(items.length);
					if (control?.status !== 'valid' || (control.fields.row as IDataObject).Currency !== 'USD')
						violations.push(`the control item is ${control?.status}`);
					if (({} as IDataObject).polluted !== undefined)
						violations.push('Object.prototype was polluted');
					tally.record({
						statuses: [...outcomes.values()].map((o) => o.status),
						faults: {},
						violations: violations.length,
						ms: 0,
					});
					expect(violations).toEqual([]);
				},
			),
			{ numRuns: runs, seed: sizeFromEnv('FUZZ_SEED', 7) },
		);
	});

	it('imports the good items and sends none of the bad ones', async () => {
		await fc.assert(
			fc.asyncProperty(
				batch(
					fc.constantFrom(...STAGES).map((s) => good(s, s)),
					5,
				),
				async ({ items, cells }) => {
					const { sandbox } = env;
					sandbox.reset();
					const run = await runEloqua(
						sandbox,
						importParameters({}, { dateFormat: 'sql', pollIntervalSeconds: 0.01 }),
						items,
						{ onError: 'continueErrorOutput' },
					);
					const { outcomes, violations } = accountedOnce(items.length, outputsOf(run), [
						'imported',
						'invalid',
						'rejected',
					]);
					if (run.error) violations.push(`the node threw: ${run.error.message}`);
					const uploaded = sandbox
						.requestsTo(/\/data$/, 'POST')
						.map((r) => r.body ?? '')
						.join('');
					cells.forEach((known, i) => {
						const outcome = outcomes.get(i);
						if (!outcome) return;
						violations.push(...expectations(known, i, outcome, 'sql'));
						const id = String(items[i].OpportunityID);
						const stored = sandbox.state.opportunities.get(id.toLowerCase());
						const name = known.OpportunityName;
						const held =
							stored !== undefined &&
							(name?.kind !== 'good' || stored.OpportunityName === name.sent);
						if (outcome.status === 'imported' && !held)
							violations.push(
								`item ${i} says imported, the sandbox holds ${JSON.stringify(stored)?.slice(0, 80)}`,
							);
						if (outcome.status === 'imported') {
							const sync = sandbox.state.syncs.get(
								Number(String(outcome.fields.syncUri).split('/').pop()),
							);
							const unconfirmed = importedOnlyIfSynced(
								`item ${i}`,
								sync,
								(row) => row.OpportunityID === id,
								'OpportunityID',
							);
							if (unconfirmed) violations.push(unconfirmed);
						}
						if (outcome.status === 'invalid' && uploaded.includes(JSON.stringify(id)))
							violations.push(`invalid item ${i} was sent`);
					});
					tally.record({
						statuses: [...outcomes.values()].map((o) => o.status),
						faults: {},
						violations: violations.length,
						ms: 0,
					});
					expect(violations).toEqual([]);
				},
			),
			{ numRuns: Math.ceil(runs / 4), seed: sizeFromEnv('FUZZ_SEED', 7) },
		);
	});
});
