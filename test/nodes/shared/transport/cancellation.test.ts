import { NodeOperationError, type INode } from 'n8n-workflow';

import {
	cancelledError,
	pause,
	throwIfCancelled,
} from '../../../../nodes/shared/transport/cancellation';
import { errorFields } from '../../../../nodes/shared/transport/explain';

const node: INode = {
	id: 'n',
	name: 'Upload',
	type: 'test.node',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const aborted = () => {
	const controller = new AbortController();
	controller.abort();
	return controller.signal;
};

describe('cancelledError', () => {
	it("is n8n's operation error for the node, saying nothing more was sent", () => {
		const error = cancelledError(node);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.node).toBe(node);
		expect(errorFields(error)).toEqual({
			message: 'The execution was cancelled',
			description: 'Nothing more was sent.',
		});
	});

	it('can say what did happen before the cancel', () => {
		expect(errorFields(cancelledError(node, '3 chunks were staged.'))).toEqual({
			message: 'The execution was cancelled',
			description: '3 chunks were staged.',
		});
	});
});

describe('throwIfCancelled', () => {
	it('goes on without a signal or with one not aborted', () => {
		expect(() => throwIfCancelled(undefined, node)).not.toThrow();
		expect(() => throwIfCancelled(new AbortController().signal, node)).not.toThrow();
	});

	it('throws the cancel error once the execution is cancelled', () => {
		let thrown: unknown;
		try {
			throwIfCancelled(aborted(), node);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect(errorFields(thrown)).toEqual(errorFields(cancelledError(node)));
	});
});

describe('pause', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	const settled = (promise: Promise<void>) => {
		const state = { done: false };
		void promise.then(() => (state.done = true));
		return state;
	};

	it('waits the given time', async () => {
		const wait = settled(pause(1000));
		await jest.advanceTimersByTimeAsync(999);
		expect(wait.done).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(wait.done).toBe(true);
	});

	it('ends early, without throwing, when the execution is cancelled', async () => {
		const controller = new AbortController();
		const wait = settled(pause(60_000, controller.signal));
		await jest.advanceTimersByTimeAsync(10);
		expect(wait.done).toBe(false);
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(wait.done).toBe(true);
		expect(jest.getTimerCount()).toBe(0);
	});

	it('does not wait at all for nothing, or once cancelled', async () => {
		const zero = settled(pause(0));
		const cancelled = settled(pause(5000, aborted()));
		await jest.advanceTimersByTimeAsync(0);
		expect([zero.done, cancelled.done]).toEqual([true, true]);
		expect(jest.getTimerCount()).toBe(0);
	});
});
