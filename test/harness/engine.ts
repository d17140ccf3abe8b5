import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

/** A start node that emits the items the test gives it (stands in for a CRM trigger). */
class ItemsNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface RunNodeOptions {
	/** The node class under test and its type name without the package prefix. */
	nodeType: INodeType;
	parameters: IDataObject;
	items?: IDataObject[];
	/** Credential types known to the engine, by name. */
	credentialTypes: Record<string, ICredentialType>;
	/** Decrypted credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	onError?: INode['onError'];
	/** Cancels the execution once this promise resolves (the "Stop" button). */
	cancelWhen?: Promise<unknown>;
	executionId?: string;
	workflowName?: string;
	/** The workflow's time zone setting (n8n's default when absent). */
	timezone?: string;
	/** Leaves the node without a selected credential, as a new node in the editor is. */
	withoutCredential?: boolean;
	/** The node's version in the workflow (1 when absent: a workflow saved before 1.1). */
	typeVersion?: number;
}

export interface NodeRun {
	/** Items on the node's main output. */
	main: INodeExecutionData[];
	/** Items routed to the error output (onError: continueErrorOutput). */
	errorOutput: INodeExecutionData[];
	/** The error the node threw, if it failed. */
	error?: IRun['data']['resultData']['error'];
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

export const NODE_NAME = 'Node Under Test';

function nodeTypesOf(nodeType: INodeType): INodeTypes {
	const byName: Record<string, INodeType> = {
		'test.items': new ItemsNode(),
		[`n8n-nodes-eloqua-ruler.${nodeType.description.name}`]: nodeType,
	};
	return {
		getByName: (name) => byName[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(byName[name], version),
		getKnownTypes: () => ({}),
	};
}

export function additionalDataFor(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const url = 'http://127.0.0.1:5678/';
	return {
		hooks,
		credentialsHelper,
		executionId,
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: url + 'rest',
		instanceBaseUrl: url,
		formBaseUrl: url + 'form',
		formWaitingBaseUrl: url + 'form-waiting',
		formTestBaseUrl: url + 'form-test',
		webhookBaseUrl: url + 'webhook',
		webhookWaitingBaseUrl: url + 'webhook-waiting',
		webhookTestBaseUrl: url + 'webhook-test',
		mcpBaseUrl: url + 'mcp',
		mcpTestBaseUrl: url + 'mcp-test',
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs Items → node under test through n8n-core's WorkflowExecute, as n8n does in production. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const { nodeType } = options;
	const credentialNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const nodeCredentials = Object.fromEntries(
		credentialNames.map((name) => [name, { id: name, name }]),
	);
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'under-test',
			name: NODE_NAME,
			type: `n8n-nodes-eloqua-ruler.${nodeType.description.name}`,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: options.withoutCredential ? undefined : nodeCredentials,
			onError: options.onError,
		},
	];
	const workflow = new Workflow({
		id: 'wf-test',
		name: options.workflowName ?? 'Test workflow',
		nodes,
		connections: { Items: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		nodeTypes: nodeTypesOf(nodeType),
		active: false,
		settings: options.timezone ? { timezone: options.timezone } : undefined,
	});

	const executionId = options.executionId ?? '1';
	const credentialsHelper = new TestCredentialsHelper(options.credentialTypes, {
		...options.credentials,
	});
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'wf-test',
		name: workflow.name,
		nodes,
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));

	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [items] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(
		additionalDataFor(hooks, credentialsHelper, executionId),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	void options.cancelWhen?.then(() => execution.cancel());
	const run = await execution.catch(async () => await done);

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = taskData?.data?.main ?? [];
	return {
		main: outputs[0] ?? [],
		errorOutput: outputs[1] ?? [],
		error: run.data.resultData.error,
		run,
		credentialsHelper,
	};
}

/**
 * The context n8n gives a node's methods (`listSearch`, `resourceMapping`) while the editor loads
 * options: the node with the editor's current parameters and its credentials.
 */
export function loadOptionsContext(
	options: Pick<RunNodeOptions, 'nodeType' | 'parameters' | 'credentialTypes' | 'credentials'>,
) {
	const { nodeType } = options;
	const credentialNames = (nodeType.description.credentials ?? []).map((c) => c.name);
	const node: INode = {
		id: 'under-test',
		name: NODE_NAME,
		type: `n8n-nodes-eloqua-ruler.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: name, name }])),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypesOf(nodeType),
		active: false,
	});
	const credentialsHelper = new TestCredentialsHelper(options.credentialTypes, {
		...options.credentials,
	});
	const hooks = new ExecutionLifecycleHooks('internal', '1', {
		id: 'wf-test',
		nodes: [node],
		connections: {},
	} as never);
	const additionalData = additionalDataFor(hooks, credentialsHelper, '1');
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}

/** A failed item's `error`: `message`, `description`, `status` and the node's fields. */
export function errorOf(
	item: INodeExecutionData,
): IDataObject & { message?: string; status?: string; description?: string } {
	return (item.json.error ?? {}) as IDataObject;
}
