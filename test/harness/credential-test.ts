import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeType,
	type IRunExecutionData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import { additionalDataFor } from './engine';

/** `a.b.c` read from a value, undefined where any step is missing (like lodash's get). */
const get = (value: unknown, path: string) =>
	path
		.split('.')
		.reduce<unknown>(
			(at, key) =>
				at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
			value,
		);

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a credential's declarative `test` the way n8n's credentials tester does: the test request on
 * a temporary routing node with the decrypted data, then the `rules` against the answer.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = credentialType.test!;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [credentialType.name]: { id: 'c', name: 'c' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const helper = new TestCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: data },
	);
	const additionalData = additionalDataFor(
		new ExecutionLifecycleHooks('internal', '1', {} as never),
		helper,
		'1',
	);
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response;
	try {
		response = await new RoutingNode(context, nodeType, {
			id: 'c',
			name: 'c',
			type: credentialType.name,
			data,
		}).runNode();
	} catch (error) {
		const status = error.cause?.response?.status;
		const rule = (test.rules ?? []).find(
			(r) => r.type === 'responseCode' && r.properties.value === status,
		);
		if (rule) return { status: 'Error', message: rule.properties.message };
		return {
			status: 'Error',
			message: status
				? `Received HTTP status code: ${status}`
				: String(error.cause?.code ?? error.message),
		};
	}
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
