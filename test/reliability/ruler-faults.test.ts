import { runRuler, useRulerSandbox } from '../harness/ruler';
import { faultsByKind } from './invariants';
import { checkRulerRun, rulerScenario } from './ruler-scenario';
import { createTally, now, seeds } from './tally';

// Seeded fault schedules through the Ruler node: `npm test` runs a few seeds; `npm run
// test:reliability` runs many (RELIABILITY_SEEDS, RELIABILITY_FIRST_SEED) and prints the counts.
describe('Ruler under seeded faults: every item accounted for once, with a status the sandbox confirms', () => {
	const env = useRulerSandbox();
	const tally = createTally('ruler-faults');
	afterAll(() => tally.save());

	it.each(seeds(12))('seed %i', async (seed) => {
		const { sandbox } = env;
		const scenario = rulerScenario(seed);
		const credentials = scenario.arrange(sandbox);
		const started = now();
		const run = await runRuler(sandbox, scenario.parameters, scenario.items, {
			onError: scenario.onError,
			credentials: { rulerApi: credentials },
		});
		const ms = now() - started;

		const { violations, statuses, upserts } = checkRulerRun(scenario, run, sandbox);
		if (ms > scenario.boundMs)
			violations.push(
				`the run took ${Math.round(ms)} ms, more than its bound of ${scenario.boundMs} ms`,
			);
		tally.record({
			statuses,
			faults: { ...faultsByKind(sandbox.requests), ...scenario.switches },
			violations: violations.length,
			upserts,
			ms,
		});
		expect({ seed, onError: scenario.onError, violations }).toEqual({
			seed,
			onError: scenario.onError,
			violations: [],
		});
	});
});
