import type { EloquaSwitches } from '../sandbox/eloqua';
import type { SandboxServer } from '../sandbox/kit';
import type { RulerSwitches } from '../sandbox/ruler';

/**
 * Old sandbox answers the node tests still rely on, where the contract (API-CONTRACT.md) says
 * otherwise. Each one is a node test that will fail once removed: the node work removes it.
 */
export const NODE_TEST_PINS: { Eloqua: EloquaSwitches; Ruler: RulerSwitches } = {
	Eloqua: {},
	Ruler: {},
};

type Pinnable = SandboxServer & { pin(settings: object): void };

/**
 * Starts a sandbox for the tests of one file, reset before each test. Node tests get the pins;
 * the sandbox's own tests and the contract suite pass `pinned: false` and meet the contract's model.
 */
export function useSandbox<T extends SandboxServer>(create: () => T, { pinned = true } = {}) {
	const holder = { sandbox: undefined as unknown as T };
	beforeAll(async () => {
		holder.sandbox = await create().start();
		const pins = NODE_TEST_PINS[holder.sandbox.name as keyof typeof NODE_TEST_PINS];
		if (pinned && pins) (holder.sandbox as unknown as Pinnable).pin(pins);
	});
	afterAll(async () => await holder.sandbox.close());
	beforeEach(() => holder.sandbox.reset());
	return holder;
}
