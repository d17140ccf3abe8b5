import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { runRuler, uploadParameters, useRulerSandbox } from '../harness/ruler';
import { filePart, parseCsv } from '../sandbox/ruler-batch';
import { accountedOnce, outputsOf } from '../reliability/invariants';
import { createTally, sizeFromEnv } from '../reliability/tally';
import {
	anything,
	bad,
	brokenText,
	good,
	MEGABYTE_TEXT,
	prototypeKeys,
	someText,
	wild,
	zones,
	type Cell,
} from './values';

const STAGES = ['Lead', 'Opportunity', 'Closed Won'];

/** How each checked parameter is named in messages. */
const LABELS: Record<string, string> = {
	siteId: 'Site ID',
	value: 'Opportunity Value',
	date: 'Opportunity Date',
	stage: 'Pipeline Stage',
	currency: 'Currency Code',
	email: 'Visitor Identifier',
	labels: 'Label',
};

/** n8n's time zone for a workflow that sets none. */
const N8N_DEFAULT_ZONE = 'America/New_York';

/** The calendar date of an instant in the workflow's time zone: what the Date form sends for it. */
const dayOf = (instant: string) => (zone: string) =>
	DateTime.fromISO(instant).setZone(zone).toISODate();

const wildly = (weight = 1) => ({ weight, arbitrary: anything.map(wild) });

function fieldCells(stage: fc.Arbitrary<Cell>): Record<string, fc.Arbitrary<Cell>> {
	return {
		siteId: fc.oneof(
			{ weight: 30, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/).map((s) => good(s, s)) },
			{
				weight: 2,
				arbitrary: fc
					.constantFrom('../x', 'a/b', 'a%2Fb', 'a?b=1', 'a#b', '..', 'ü1', '', ' ', null)
					.map(bad),
			},
			wildly(),
		),
		value: fc.oneof(
			{ weight: 15, arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map((n) => good(n, n)) },
			// Sent as a whole number by default, halves rounded up (these are never negative).
			{
				weight: 8,
				arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }).map((n) => good(n, Math.round(n))),
			},
			{
				weight: 8,
				arbitrary: fc.integer({ min: 0, max: 1e6 }).map((n) => good(` ${n}.25 `, n)),
			},
			{
				weight: 2,
				arbitrary: fc
					.constantFrom('1,000', 'ten', '$5', '', null, '1e3', Infinity, Number.NaN, [1], { v: 1 })
					.map(bad),
			},
			wildly(),
		),
		date: fc.oneof(
			{
				weight: 30,
				arbitrary: fc
					.constantFrom<
						[unknown, string | ((zone: string) => string | null)]
					>(['2024-05-01', '2024-05-01'], ['2024/05/01', '2024-05-01'], ['5/1/2024', '2024-05-01'], ['1.5.2024', '2024-05-01'], ['2024-05-01T13:15:00Z', dayOf('2024-05-01T13:15:00Z')], ['2024-05-01T23:30:00-05:00', dayOf('2024-05-01T23:30:00-05:00')], [1714569300000, dayOf('2024-05-01T13:15:00Z')], ['Wed, 01 May 2024 13:15:00 GMT', dayOf('2024-05-01T13:15:00Z')])
					.map(([v, sent]) => good(v, sent)),
			},
			{
				weight: 2,
				arbitrary: fc
					.constantFrom('2999-01-01', '2024-02-30', 'soon', '', null, '2024-13-01')
					.map(bad),
			},
			wildly(),
		),
		stage: fc.oneof(
			{ weight: 30, arbitrary: stage },
			{ weight: 1, arbitrary: fc.constantFrom('', '   ', null, 'null').map(bad) },
			{ weight: 1, arbitrary: fc.oneof(brokenText, prototypeKeys).map(bad) },
			wildly(),
		),
		currency: fc.oneof(
			{
				weight: 30,
				arbitrary: fc.stringMatching(/^[A-Za-z]{3}$/).map((c) => good(c, c.toUpperCase())),
			},
			{ weight: 2, arbitrary: fc.constantFrom('US', 'EURO', '€€€', '', null).map(bad) },
			wildly(),
		),
		email: fc.oneof(
			{ weight: 30, arbitrary: fc.constant(good('placeholder')) },
			{ weight: 2, arbitrary: fc.constantFrom('not-an-email', 'a b@c.de', '@x.io').map(bad) },
		),
		labels: fc.oneof(
			{
				weight: 30,
				arbitrary: fc
					.array(someText, { maxLength: 3 })
					.map((l) => good(l, JSON.stringify(l.map((t) => t.trim())))),
			},
			{ weight: 1, arbitrary: fc.constant(good(MEGABYTE_TEXT, JSON.stringify([MEGABYTE_TEXT]))) },
			wildly(),
		),
	};
}

interface Generated {
	items: IDataObject[];
	cells: Array<Record<string, Cell>>;
}

function batch(stage: fc.Arbitrary<Cell>, maxItems: number): fc.Arbitrary<Generated> {
	const row = fc.record({ cells: fc.record(fieldCells(stage)), prefix: someText });
	return fc.array(row, { minLength: 1, maxLength: maxItems }).map((rows) => {
		const cells = rows.map(({ cells: drawn, prefix }, i) => {
			const email =
				drawn.email.kind === 'good' ? good(`u${i}@example.com`, `u${i}@example.com`) : drawn.email;
			return { ...drawn, email, reference: good(`${prefix.trim()}#${i}`, `${prefix.trim()}#${i}`) };
		});
		const items = cells.map(
			(c) =>
				Object.fromEntries(
					Object.entries(c).map(([field, cell]) => [field, cell.value]),
				) as IDataObject,
		);
		return { items, cells };
	});
}

const parameters = (options: IDataObject) =>
	uploadParameters(
		{
			labels: '={{ $json.labels }}',
			visitorIdentifiers: { identifier: [{ key: 'EmailAddress', value: '={{ $json.email }}' }] },
		},
		options,
	);

function expectations(
	cells: Record<string, Cell>,
	index: number,
	outcome: { status: string; fields: IDataObject; error?: string },
	zone = N8N_DEFAULT_ZONE,
): string[] {
	const problems: string[] = [];
	const badFields = Object.entries(cells)
		.filter(([, c]) => c.kind === 'bad')
		.map(([field]) => field);
	if (badFields.length) {
		if (outcome.status !== 'invalid')
			problems.push(`item ${index} with bad ${badFields.join(', ')} is ${outcome.status}`);
		for (const field of badFields) {
			if (!(outcome.error ?? '').includes(LABELS[field]))
				problems.push(
					`item ${index}'s message does not name ${LABELS[field]}: ${(outcome.error ?? '').slice(0, 160)}`,
				);
		}
	}
	const allGood = Object.values(cells).every((c) => c.kind === 'good');
	if (allGood && !['valid', 'uploaded'].includes(outcome.status))
		problems.push(`good item ${index} is ${outcome.status}: ${outcome.error}`);
	if (allGood && outcome.status === 'valid') {
		const body = outcome.fields.body as IDataObject;
		const labels = JSON.parse(String(cells.labels.sent)) as string[];
		const expected: IDataObject = {
			OpportunityValue: cells.value.sent as number,
			OpportunityDateTime:
				typeof cells.date.sent === 'function'
					? (cells.date.sent as (zone: string) => string)(zone)
					: (cells.date.sent as string),
			PipelineStage: cells.stage.sent as string,
			VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: cells.email.sent as string }],
			CurrencyCode: cells.currency.sent as string,
			...(labels.length ? { Labels: labels } : {}),
			Reference: cells.reference.sent as string,
		};
		if (JSON.stringify(body) !== JSON.stringify(expected))
			problems.push(`item ${index}'s body is ${JSON.stringify(body).slice(0, 200)}`);
	}
	return problems;
}

describe('Ruler upload fuzzing: any parameter values, the node never throws, bad items are named, good ones unaffected', () => {
	const env = useRulerSandbox({ stages: STAGES });
	const tally = createTally('ruler-fuzz');
	afterAll(() => tally.save());
	const runs = sizeFromEnv('FUZZ_RUNS', 40);

	it('checks every item in validate-only mode', async () => {
		await fc.assert(
			fc.asyncProperty(
				batch(
					someText.map((t) => good(t, t.trim())),
					6,
				),
				zones,
				async ({ items, cells }, timezone) => {
					const run = await runRuler(env.sandbox, parameters({ validateOnly: true }), items, {
						onError: 'continueRegularOutput',
						timezone,
					});
					const { outcomes, violations } = accountedOnce(items.length, outputsOf(run), [
						'valid',
						'invalid',
					]);
					if (run.error) violations.push(`the node threw: ${run.error.message}`);
					if (env.sandbox.requests.length) violations.push('validate-only sent a request');
					cells.forEach(
						(known, i) =>
							outcomes.has(i) &&
							violations.push(...expectations(known, i, outcomes.get(i)!, timezone)),
					);
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

	it('uploads the good items as checked and sends none of the bad ones', async () => {
		await fc.assert(
			fc.asyncProperty(
				batch(
					fc.constantFrom(...STAGES).map((s) => good(s, s)),
					5,
				),
				async ({ items, cells }) => {
					const { sandbox } = env;
					sandbox.reset();
					const run = await runRuler(sandbox, parameters({ concurrency: 3 }), items, {
						onError: 'continueErrorOutput',
					});
					const { outcomes, violations } = accountedOnce(items.length, outputsOf(run), [
						'uploaded',
						'invalid',
						'failed',
					]);
					if (run.error) violations.push(`the node threw: ${run.error.message}`);
					const sent = sandbox.requestsTo(sandbox.uploadPath, 'PUT').map((r) => r.body ?? '');
					cells.forEach((known, i) => {
						const outcome = outcomes.get(i);
						if (!outcome) return;
						violations.push(...expectations(known, i, outcome));
						const reference = JSON.stringify(known.reference.sent);
						const stored = sandbox.stored(
							String(outcome.fields.siteId),
							String(known.reference.sent),
						);
						if (outcome.status === 'uploaded' && !stored)
							violations.push(`item ${i} says uploaded, the sandbox does not hold it`);
						if (
							outcome.status === 'invalid' &&
							sent.some((body) => body.includes(`"Reference":${reference}`))
						)
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

	it('uploads the good items in batch jobs, each row read back as written, and sends none of the bad ones', async () => {
		// RFC 4180 quoting must carry any text (commas, quotes, line breaks, spaces) to Ruler unchanged.
		await fc.assert(
			fc.asyncProperty(
				batch(
					fc.constantFrom(...STAGES).map((s) => good(s, s)),
					5,
				),
				async ({ items, cells }) => {
					const { sandbox } = env;
					sandbox.reset();
					const run = await runRuler(
						sandbox,
						{ ...parameters({}), operation: 'uploadBatch' },
						items,
						{ onError: 'continueErrorOutput' },
					);
					const { outcomes, violations } = accountedOnce(items.length, outputsOf(run), [
						'uploaded',
						'invalid',
						'rejected',
						'failed',
					]);
					if (run.error) violations.push(`the node threw: ${run.error.message}`);
					const sent = new Set(
						sandbox.requestsTo(/\/opportunity\/batch$/, 'POST').flatMap((r) => {
							const [header = [], ...rows] = parseCsv(
								filePart(r.headers['content-type'], r.body ?? '') ?? '',
							);
							return rows.map((cells) => cells[header.indexOf('Reference')]);
						}),
					);
					cells.forEach((known, i) => {
						const outcome = outcomes.get(i);
						if (!outcome) return;
						const reference = String(known.reference.sent);
						const allGood = Object.values(known).every((c) => c.kind === 'good');
						const bad = Object.values(known).some((c) => c.kind === 'bad');
						if (allGood && outcome.status !== 'uploaded')
							violations.push(`good item ${i} is ${outcome.status}: ${outcome.error}`);
						if (bad && outcome.status !== 'invalid')
							violations.push(`bad item ${i} is ${outcome.status}`);
						if (outcome.status === 'invalid' && sent.has(reference))
							violations.push(`invalid item ${i} was sent`);
						const stored = sandbox.stored(String(outcome.fields.siteId), reference);
						if (outcome.status === 'uploaded' && !stored)
							violations.push(`item ${i} says uploaded, the sandbox does not hold it`);
						if (allGood && stored && JSON.stringify(stored.Labels) !== String(known.labels.sent))
							violations.push(`item ${i}'s labels came back as ${JSON.stringify(stored.Labels)}`);
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
