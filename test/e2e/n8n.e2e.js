// This package inside real n8n installs: it loads, every example runs with the expected per-item
// results, failed items take the error output with their input fields, and the credential tests
// pass against the sandboxes and fail clearly with bad secrets.
const fs = require('fs');
const path = require('path');

const { REPO } = require('../n8n/config');
const { CONSENT_CODES, sandboxCredentials, withBadSecret } = require('../n8n/credentials');
const { examples } = require('../n8n/instance');
const { execute, importWorkflows } = require('../n8n/n8n');
const { itemResults } = require('../n8n/results');
const { executionDetails } = require('../scale/observe');
const { EXAMPLES, SENT, expectedFor, itFor } = require('./expectations');
const { useN8n } = require('./instance');
const { versionsUnderTest } = require('./versions');

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
/** Type names from the files package.json lists, e.g. dist/nodes/X/EloquaOpportunityImport.node.js → eloquaOpportunityImport. */
const typeNames = (files, suffix) =>
	files
		.map((file) => path.basename(file, suffix))
		.map((name) => name[0].toLowerCase() + name.slice(1));
const NODE_TYPES = typeNames(manifest.n8n.nodes, '.node.js').map(
	(name) => `${manifest.name}.${name}`,
);
const CREDENTIAL_TYPES = typeNames(manifest.n8n.credentials, '.credentials.js');

/** What a failed credential test must say, per credential type. */
const BAD_SECRET_MESSAGES = {
	eloquaApi: /Not authenticated/,
	rulerApi: /Ruler login failed \(HTTP 400\)|Ruler did not accept the access token \(HTTP 401\)/,
};

/**
 * Runs an example headless. One that waits for a callback leaves a waiting execution: it resumes in
 * the server (the resume URL names the server's address), and its run is then read over REST.
 */
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

async function runExample(n8n, version, workflow, expected) {
	if (!expected?.resumes) return await execute(version, n8n.cliEnv, workflow.id);
	const env = { ...n8n.cliEnv, WEBHOOK_URL: `${n8n.server.baseUrl}/` };
	const started = await execute(version, env, workflow.id);
	for (const deadline = Date.now() + 90000; Date.now() < deadline; ) {
		const { results } = await n8n.api.executions({ workflowId: workflow.id }, 1);
		if (results[0] && FINISHED.has(results[0].status)) {
			const [{ run, status }] = await executionDetails(n8n.api, version, results);
			return { ...started, run: { ...run, status } };
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`${workflow.id} did not finish within 90 s of its start`);
}

describe.each(versionsUnderTest())('n8n %s', (version) => {
	const n8n = useN8n(version);

	it('loads both node types and all credential types of the package', async () => {
		expect(NODE_TYPES).toEqual([
			`${manifest.name}.eloquaOpportunityImport`,
			`${manifest.name}.rulerOpportunityUpload`,
		]);
		expect(CREDENTIAL_TYPES).toEqual(
			expect.arrayContaining(['eloquaApi', 'eloquaOAuth2Api', 'rulerApi']),
		);
		const nodes = await n8n.api.nodeTypes();
		const loaded = new Set(nodes.map((node) => node.name));
		for (const type of NODE_TYPES) expect(loaded).toContain(type);
		const credentials = new Set((await n8n.api.credentialTypes()).map((type) => type.name));
		for (const type of CREDENTIAL_TYPES) expect(credentials).toContain(type);
	});

	it('serves each node icon as an SVG', async () => {
		const nodes = (await n8n.api.nodeTypes()).filter((node) => NODE_TYPES.includes(node.name));
		expect(nodes.map((node) => node.name).sort()).toEqual([...NODE_TYPES].sort());
		for (const node of nodes) {
			const icons =
				node.iconUrl && typeof node.iconUrl === 'object'
					? Object.values(node.iconUrl)
					: [node.iconUrl];
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) {
				const response = await fetch(`${n8n.server.baseUrl}/${icon}`);
				expect([node.name, icon, response.status]).toEqual([node.name, icon, 200]);
				expect(await response.text()).toMatch(/<svg/);
			}
		}
	});

	describe.each(examples().map(({ file, workflow }) => [file, workflow]))(
		'examples/%s',
		(file, workflow) => {
			const expected = EXAMPLES[workflow.id] && expectedFor(EXAMPLES[workflow.id], version);
			const test = itFor(version, workflow.id);
			let result;
			let rows;
			const received = {};
			beforeAll(async () => {
				// Not a reset: that would also drop sandbox state other tests rely on (issued tokens).
				const marks = Object.fromEntries(
					Object.entries(n8n.servers).map(([name, server]) => [name, server.requests.length]),
				);
				result = await runExample(n8n, version, workflow, expected);
				rows = itemResults(result.run, workflow);
				for (const [name, server] of Object.entries(n8n.servers))
					received[name] = server.requests.slice(marks[name]);
			});

			it('has expectations', () => expect(expected).toBeDefined());

			it('runs to the end (n8n execute exits 0)', () => {
				expect({ code: result.code, status: result.run?.status ?? result.run?.finished }).toEqual({
					code: 0,
					status: expect.anything(),
				});
				expect(result.run.data.resultData.error).toBeUndefined();
			});

			it('gives each item the expected output, status and id', () => {
				expect(rows.map((r) => [r.node, r.output, r.item, r.status, r.id])).toEqual(expected.items);
				const links = rows.filter((r) => r.link).map((r) => [r.id, r.link]);
				expect(Object.fromEntries(links)).toEqual(expected.links ?? {});
			});

			test('reports each failed item with a clear error; on the error output its input fields are merged in', () => {
				const failed = rows.filter((r) => r.error);
				const expectedFailures = expected.items.filter(
					([, output, , status]) => output === 'error' || !expected.done.includes(status),
				);
				expect(failed.map((r) => [r.node, r.id])).toEqual(
					expectedFailures.map(([node, , , , id]) => [node, id]),
				);
				for (const row of failed) {
					expect(row.error).toMatch(expected.errors(row.node, row.id));
					expect(row.json.error).toMatchObject({ status: row.status });
					if (row.output === 'error') expect(row.json[expected.inputKey[row.node]]).toBe(row.id);
				}
				// The nodes after each error output ("Report …") see the failed items of that node only.
				const runData = result.run.data.resultData.runData;
				for (const [name, node] of Object.entries(workflow.connections)) {
					const reporter = node.main[1]?.[0]?.node;
					if (!reporter) continue;
					const reported = (runData[reporter]?.[0]?.data?.main?.[0] ?? []).map(
						(item) => item.json.opportunityId,
					);
					expect([name, reported]).toEqual([
						name,
						rows.filter((r) => r.node === name && r.output === 'error').map((r) => r.id),
					]);
				}
			});

			if (expected?.resumes)
				test("resumes on Eloqua's callback and reads the ended sync", () => {
					const [sync] = rows.filter((r) => r.node === "Read the sync's status");
					const callbacks = n8n.servers.eloqua.callbacks.filter(
						(call) => call.syncUri === sync.json.uri,
					);
					expect(callbacks).toEqual([
						{
							syncUri: sync.json.uri,
							url: expect.stringMatching(/\/webhook-waiting\/\d+/),
							status: 200,
						},
					]);
					const rejects = rows.filter((r) => r.node === 'Read the rejected rows');
					expect(rejects.map((r) => [r.json.fieldValues.OpportunityID, r.json.statusCode])).toEqual(
						[['CRM-3002', 'ELQ-00039']],
					);
				});

			test('sends exactly the valid rows to the sandboxes', () => {
				const sent = Object.fromEntries(
					Object.keys(expected.sent).map((name) => [name, SENT[name](received[name])]),
				);
				expect(sent).toEqual(expected.sent);
			});
		},
	);

	it('fails the run with a summary when the error output is off (On Error: Stop Workflow)', async () => {
		const { workflow } = examples().find((example) => example.workflow.id === 'EloquaImportDeals');
		const strict = {
			...workflow,
			id: 'EloquaImportStrict',
			name: `${workflow.name} (stop on error)`,
		};
		strict.nodes = workflow.nodes.map(({ onError, ...node }) => node);
		const folder = path.join(n8n.home, 'strict');
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'strict.json'), JSON.stringify(strict));
		await importWorkflows(version, n8n.cliEnv, folder);
		const result = await execute(version, n8n.cliEnv, strict.id);
		expect(result.code).toBe(1);
		expect(`${result.stdout}\n${result.stderr}`).toMatch(/2 of 5 items failed \(3 imported\)/);
	});

	describe('credential tests (the editor\'s "Test" button and "Connect my account")', () => {
		let oauthTypes;
		const byKind = (oauth) =>
			sandboxCredentials(n8n.servers).filter((c) => oauthTypes.has(c.type) === oauth);
		beforeAll(async () => {
			const types = await n8n.api.credentialTypes();
			oauthTypes = new Set(
				types.filter((t) => (t.extends ?? []).includes('oAuth2Api')).map((t) => t.name),
			);
		});

		it('pass against the sandbox', async () => {
			for (const credential of byKind(false)) {
				const answer = await n8n.api.testCredential(credential);
				expect([credential.type, answer]).toEqual([
					credential.type,
					expect.objectContaining({ status: 'OK' }),
				]);
			}
		});

		it('fail clearly with a bad secret', async () => {
			for (const credential of byKind(false)) {
				const answer = await n8n.api.testCredential(withBadSecret(credential));
				expect([credential.type, answer.status]).toEqual([credential.type, 'Error']);
				expect(answer.message).toMatch(BAD_SECRET_MESSAGES[credential.type]);
				expect(answer.message).not.toContain('wrong');
			}
		});

		// For OAuth2 types n8n's Test only checks that a token is stored; the secret is used when the
		// user connects the account, so that flow is the test.
		it('OAuth2: a stored token passes the Test button, connecting exchanges the code with the client secret', async () => {
			for (const credential of byKind(true)) {
				expect(await n8n.api.testCredential(credential)).toMatchObject({ status: 'OK' });
				const { oauthTokenData, ...data } = credential.data;
				const fresh = await n8n.api.createCredential({
					name: `${credential.name} (new)`,
					type: credential.type,
					data,
				});
				const { authUrl, page } = await n8n.api.connectOAuth2(
					fresh.id,
					CONSENT_CODES[credential.type],
				);
				expect(authUrl.startsWith(credential.data.authUrl)).toBe(true);
				expect(page).toMatch(/Connection successful/);
			}
		});

		it("OAuth2: connecting with a bad client secret fails with the provider's reason", async () => {
			for (const credential of byKind(true)) {
				const { oauthTokenData, ...data } = withBadSecret(credential).data;
				const fresh = await n8n.api.createCredential({
					name: `${credential.name} (bad secret)`,
					type: credential.type,
					data,
				});
				const { page } = await n8n.api.connectOAuth2(fresh.id, CONSENT_CODES[credential.type]);
				expect(page).toMatch(/invalid_client/);
				expect(page).toMatch(/Failed to connect/);
				expect(page).not.toContain('wrong-secret');
			}
		});
	});
});
