import { runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { eloquaScenario, checkEloquaRun } from './eloqua-scenario';
import { faultsByKind } from './invariants';
import { createTally, now, seeds } from './tally';

// Seeded fault schedules through the Eloqua node: `npm test` runs a few seeds; `npm run
// test:reliability` runs many (RELIABILITY_SEEDS, RELIABILITY_FIRST_SEED) and prints the counts.
describe('Eloqua under seeded faults: every item accounted for once, with a status the sandbox confirms', () => {
	const env = useEloquaSandbox();
	const tally = createTally('eloqua-faults');
	afterAll(() => tally.save());

	it.each(seeds(10))('seed %i', async (seed) => {
		const { sandbox } = env;
		const scenario = eloquaScenario(seed);
		scenario.arrange(sandbox);
		const started = now();
		const run = await runEloqua(sandbox, scenario.parameters, scenario.items, {
			onError: scenario.onError,
		});
		const ms = now() - started;

		const { violations, known, statuses } = checkEloquaRun(scenario, run, sandbox);
		if (ms > scenario.boundMs)
			violations.push(
				`the run took ${Math.round(ms)} ms, more than its bound of ${scenario.boundMs} ms`,
			);
		tally.record({
			statuses,
			faults: { ...faultsByKind(sandbox.requests), ...scenario.switches },
			violations: violations.length,
			known: known.length,
			ms,
		});
		expect({ seed, operation: scenario.operation, onError: scenario.onError, violations }).toEqual({
			seed,
			operation: scenario.operation,
			onError: scenario.onError,
			violations: [],
		});
	});
});
