import type { SandboxServer } from '../sandbox/kit';

/** Starts a sandbox for the tests of one file, reset before each test. */
export function useSandbox<T extends SandboxServer>(create: () => T) {
	const holder = { sandbox: undefined as unknown as T };
	beforeAll(async () => {
		holder.sandbox = await create().start();
	});
	afterAll(async () => await holder.sandbox.close());
	beforeEach(() => holder.sandbox.reset());
	return holder;
}
