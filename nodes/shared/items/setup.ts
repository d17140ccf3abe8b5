import { NodeOperationError, type INode } from 'n8n-workflow';

/** How every mistake in the node's own settings starts: it applies to every item alike. */
export const NOT_SET_UP = 'The node is not set up';

/** A mistake in the node's settings, known before any item is read, named with the labels the UI shows. */
export function setupError(node: INode, problem: string, description: string): NodeOperationError {
	return new NodeOperationError(node, `${NOT_SET_UP}: ${problem}`, { description });
}

/** n8n's own words when the node has no credential selected. */
const NO_CREDENTIAL = /^(Node does not have any credentials set|Credentials not found)/;

/**
 * The error as a setup mistake (the node's own, or n8n's missing credential in the node's words), or
 * undefined when it is about the service or the data.
 */
export function asSetupError(node: INode, error: unknown): NodeOperationError | undefined {
	if (!(error instanceof Error)) return undefined;
	if (error.message.startsWith(`${NOT_SET_UP}:`)) {
		return error instanceof NodeOperationError ? error : new NodeOperationError(node, error);
	}
	if (!NO_CREDENTIAL.test(error.message)) return undefined;
	return setupError(
		node,
		'no credential is selected in "Credential to connect with"',
		'Open the node, choose or create a credential under "Credential to connect with", and run again.',
	);
}
