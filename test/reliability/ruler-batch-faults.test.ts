import { runRuler, useRulerSandbox } from '../harness/ruler';
import { faultsByKind } from './invariants';
import { checkRulerBatchRun, rulerBatchScenario } from './ruler-batch-scenario';
import { createTally, now, seeds } from './tally';

// Seeded fault schedules through Upload in Batch, with the invariants of the single upload: every
// item exactly one result; no row reported uploaded unless its job said so; nothing lost.
describe('Ruler Upload in Batch under seeded faults', () => {
	const env = useRulerSandbox();
	const tally = createTally('ruler-batch-faults');
	afterAll(() => tally.save());

	it.each(seeds(10))('seed %i', async (seed) => {
		const { sandbox } = env;
		const scenario = rulerBatchScenario(seed);
		scenario.arrange(sandbox);
		const started = now();
		const run = await runRuler(sandbox, scenario.parameters, scenario.items, {
			onError: scenario.onError,
		});
		const ms = now() - started;

		const { violations, statuses } = checkRulerBatchRun(scenario, run, sandbox);
		if (ms > scenario.boundMs)
			violations.push(
				`the run took ${Math.round(ms)} ms, more than its bound of ${scenario.boundMs} ms`,
			);
		tally.record({
			statuses,
			faults: { ...faultsByKind(sandbox.requests), ...scenario.switches },
			violations: violations.length,
			ms,
		});
		expect({ seed, onError: scenario.onError, violations }).toEqual({
			seed,
			onError: scenario.onError,
			violations: [],
		});
	});
});
