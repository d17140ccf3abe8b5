import type { NodeRun } from '../harness/engine';

/**
 * Everything a run leaves behind for a person or a log to read: the output items of both outputs,
 * the error with its message and description, and the whole execution data n8n would store.
 */
export function everythingSaid(run: NodeRun): string {
	const error = run.error as
		| { message?: string; description?: string; context?: unknown }
		| undefined;
	return [
		JSON.stringify(run.main),
		JSON.stringify(run.errorOutput),
		error
			? JSON.stringify({
					message: error.message,
					description: error.description,
					context: error.context,
				})
			: '',
		error ? JSON.stringify(error) : '',
		JSON.stringify(run.run.data),
	].join('\n');
}

// Sentinels in every secret field: none of them, nor a header built from them, may surface.
export const sentinel = (name: string) => ['SENTINEL', name, '7f3a'].join('-');

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
