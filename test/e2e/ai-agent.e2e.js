// Both nodes as tools of n8n's AI Agent in a real n8n: a scripted OpenAI-compatible model (a local
// stub the OpenAI credential's Base URL points at) calls the Eloqua tool, then the Ruler tool, then
// answers. The test checks what the model was told (tool names, descriptions, arguments), what the
// tools sent to the sandboxes, and that each tool's result reached the model.
const fs = require('fs');
const path = require('path');

const { REPO } = require('../n8n/config');
const { execute, importCredentials, importWorkflows } = require('../n8n/n8n');
const { useN8n } = require('./instance');
const { startOpenAiStub } = require('./openai-stub');
const { versionsUnderTest } = require('./versions');

const PACKAGE = 'n8n-nodes-eloqua-ruler';
const ELOQUA_TOOL = 'Import opportunities in Eloqua';
const RULER_TOOL = 'Upload opportunities in Ruler';

/** The Eloqua column list of the pipeline example: the same columns, mapped from the model's arguments. */
function eloquaColumns() {
	const example = JSON.parse(
		fs.readFileSync(path.join(REPO, 'examples', 'eloqua-ruler-pipeline.json'), 'utf8'),
	);
	const { schema } = example.nodes.find((node) => node.id === 'n3').parameters.columns;
	const fromAi = (key, description, type = 'string') =>
		`={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;
	const value = {
		OpportunityID: fromAi('dealId', "The deal's ID in the CRM"),
		OpportunityName: fromAi('dealName', 'The name of the deal'),
		Amount: fromAi('amount', 'The amount, a plain number', 'number'),
		Currency: fromAi('currency', 'Three-letter ISO 4217 code'),
		Stage: fromAi('stage', 'The stage, exactly as in Eloqua'),
	};
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schema.map((column) => ({ ...column, removed: !(column.id in value) })),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

function agentWorkflow() {
	const position = (x, y) => [x, y];
	return {
		id: 'AiAgentTools',
		name: 'AI Agent with the Eloqua and Ruler tools',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 't1',
				name: 'Run now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: position(0, 0),
				parameters: {},
			},
			{
				id: 't2',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: position(220, 0),
				parameters: {
					promptType: 'define',
					text: 'Deal CRM-7001 "Wayne Enterprises - Renewal" was won today: 2500 USD, contact bruce@example.com. Record it in Eloqua and in Ruler.',
					options: {},
				},
			},
			{
				id: 't3',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: position(100, 200),
				credentials: { openAiApi: { id: 'OpenAiStub', name: 'OpenAI stub' } },
				parameters: { model: { __rl: true, mode: 'id', value: 'stub-model' }, options: {} },
			},
			{
				id: 't4',
				name: ELOQUA_TOOL,
				type: `${PACKAGE}.eloquaOpportunityImportTool`,
				typeVersion: 1,
				position: position(300, 200),
				credentials: { eloquaApi: { id: 'EloquaSandboxBasic', name: 'Eloqua sandbox (Basic)' } },
				parameters: {
					resource: 'opportunity',
					operation: 'import',
					definitionMode: 'create',
					columns: eloquaColumns(),
					options: {},
				},
			},
			{
				id: 't5',
				name: RULER_TOOL,
				type: `${PACKAGE}.rulerOpportunityUploadTool`,
				typeVersion: 1,
				position: position(500, 200),
				credentials: { rulerApi: { id: 'RulerSandboxLogin', name: 'Ruler sandbox (login)' } },
				parameters: {
					siteId: '1234',
					opportunityValue: "={{ $fromAI('amount', 'The amount, a plain number', 'number') }}",
					opportunityDateTime: "={{ $fromAI('date', 'The date, yyyy-MM-dd, not in the future') }}",
					pipelineStage: "={{ $fromAI('stage', 'The stage, exactly as in Ruler') }}",
					currencyCode: "={{ $fromAI('currency', 'Three-letter ISO 4217 code') }}",
					reference: "={{ $fromAI('dealId', \"The deal's ID in the CRM\") }}",
					visitorIdentifiers: {
						identifier: [
							{ key: 'EmailAddress', value: "={{ $fromAI('email', 'The contact email') }}" },
						],
					},
					options: {},
				},
			},
		],
		connections: {
			'Run now': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[ELOQUA_TOOL]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			[RULER_TOOL]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
const DEAL = { dealId: 'CRM-7001', amount: 2500, currency: 'USD' };
const SCRIPT = [
	() => ({
		tool: (tool) => /Eloqua/.test(tool.description),
		args: { ...DEAL, dealName: 'Wayne Enterprises - Renewal', stage: 'Closed Won' },
	}),
	() => ({
		tool: (tool) => /Ruler/.test(tool.description),
		args: { ...DEAL, stage: 'Closed Won', date: yesterday, email: 'bruce@example.com' },
	}),
	() => ({ content: 'CRM-7001 is imported in Eloqua and uploaded to Ruler.' }),
];

/** The tool results the agent sent back to the model, by call id. */
const toolMessages = (request) =>
	Object.fromEntries(
		request.messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content]),
	);

describe.each(versionsUnderTest())('n8n %s: both nodes as AI Agent tools', (version) => {
	const n8n = useN8n(version, { server: false });
	let stub;
	let result;
	const received = {};

	beforeAll(async () => {
		stub = await startOpenAiStub(SCRIPT);
		await importCredentials(version, n8n.cliEnv, [
			{
				id: 'OpenAiStub',
				name: 'OpenAI stub',
				type: 'openAiApi',
				data: { apiKey: 'sk-stub', url: stub.url },
			},
		]);
		const folder = path.join(n8n.home, 'ai-agent');
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'agent.json'), JSON.stringify(agentWorkflow()));
		await importWorkflows(version, n8n.cliEnv, folder);
		const marks = Object.fromEntries(
			Object.entries(n8n.servers).map(([name, server]) => [name, server.requests.length]),
		);
		result = await execute(version, n8n.cliEnv, 'AiAgentTools');
		for (const [name, server] of Object.entries(n8n.servers))
			received[name] = server.requests.slice(marks[name]);
	}, 240000);
	afterAll(async () => await stub?.close());

	it('runs to the end with the model’s final answer', () => {
		expect({ code: result.code, error: result.run?.data.resultData.error }).toEqual({
			code: 0,
			error: undefined,
		});
		const agent = result.run.data.resultData.runData['AI Agent'][0].data.main[0];
		expect(agent.map((item) => item.json.output)).toEqual([SCRIPT[2]().content]);
	});

	it('offers both tools under readable names, with the model-oriented descriptions', () => {
		const tools = Object.fromEntries(stub.requests[0].tools.map((t) => [t.function.name, t]));
		expect(Object.keys(tools).sort()).toEqual([
			'Import_opportunities_in_Eloqua',
			'Upload_opportunities_in_Ruler',
		]);
		for (const name of Object.keys(tools)) {
			const { description, parameters } = tools[name].function;
			expect([name, description]).toEqual([name, expect.stringMatching(/^(Imports|Uploads) /)]);
			expect(description).toMatch(/Latency: /);
			expect(description).toMatch(/three-letter ISO 4217 code/);
			expect(description).toMatch(/spelled exactly as set up in/);
			expect(description).toMatch(/never in the future/);
			expect(description).toMatch(/no currency symbol or thousands separators/);
			// Only the values the workflow hands to the model ($fromAI) are arguments: no settings.
			expect(Object.keys(parameters.properties).sort()).toEqual(
				name.includes('Eloqua')
					? ['amount', 'currency', 'dealId', 'dealName', 'stage']
					: ['amount', 'currency', 'date', 'dealId', 'email', 'stage'],
			);
		}
	});

	it('the Eloqua tool imports the deal and the model gets its result', () => {
		const rows = received.eloqua
			.filter((r) => r.method === 'POST' && /\/opportunities\/imports\/\d+\/data$/.test(r.path))
			.flatMap((r) => JSON.parse(r.body));
		expect(rows).toEqual([
			{
				OpportunityID: 'CRM-7001',
				OpportunityName: 'Wayne Enterprises - Renewal',
				Amount: '2500',
				Currency: 'USD',
				Stage: 'Closed Won',
			},
		]);
		const answer = toolMessages(stub.requests[1]).call_1;
		expect(answer).toMatch(/"status":\s*"imported"/);
		expect(answer).toMatch(/"opportunityId":\s*"CRM-7001"/);
	});

	it('the Ruler tool uploads the deal and the model gets its result', () => {
		const uploads = received.ruler
			.filter((r) => r.method === 'PUT' && /\/opportunity\/upload$/.test(r.path))
			.map((r) => JSON.parse(r.body));
		expect(uploads).toEqual([
			expect.objectContaining({
				Reference: 'CRM-7001',
				OpportunityValue: 2500,
				CurrencyCode: 'USD',
				PipelineStage: 'Closed Won',
				OpportunityDateTime: yesterday,
				VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: 'bruce@example.com' }],
			}),
		]);
		const answer = toolMessages(stub.requests[2]).call_2;
		expect(answer).toMatch(/"status":\s*"uploaded"/);
		expect(answer).toMatch(/"reference":\s*"CRM-7001"/);
	});
});
