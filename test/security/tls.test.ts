import { EloquaApi } from '../../credentials/EloquaApi.credentials';
import { EloquaOAuth2Api } from '../../credentials/EloquaOAuth2Api.credentials';
import { RulerApi } from '../../credentials/RulerApi.credentials';
import { EloquaOpportunityImport } from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { RulerOpportunityUpload } from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { testCredential } from '../harness/credential-test';
import { errorOf, runNode } from '../harness/engine';
import { sourceFiles } from './sources';
import { startUntrustedServer, type UntrustedServer } from './untrusted-server';

/**
 * Every way known to turn TLS certificate checks off from a node: Node's own switches, n8n's request
 * options and credential toggles, the older request library's, and a client of its own (an agent
 * or TLS module) that would bypass n8n's helper, where TLS is checked.
 */
const TLS_OFF: Array<[string, RegExp]> = [
	[
		'rejectUnauthorized set to anything but true',
		/\brejectUnauthorized\b(?!['"`]?\s*\]?\s*[:=]\s*true\b)/,
	],
	['NODE_TLS_REJECT_UNAUTHORIZED', /\bNODE_TLS_REJECT_UNAUTHORIZED\b/],
	[
		"one of n8n's certificate switches, turned on or offered",
		/\b(skipSslCertificateValidation|allowUnauthorizedCerts|ignoreSSLIssues)\b(?!['"`]?\s*\]?\s*[:=]\s*false\b)/,
	],
	['strictSSL set to anything but true', /\bstrictSSL\b(?!['"`]?\s*\]?\s*[:=]\s*true\b)/],
	['an own host name check', /\bcheckServerIdentity\b/],
	['an insecure switch', /\binsecure['"`]?\s*[:=]\s*(?!false\b)/],
	['an agent of its own', /\bnew\s+(?:\w+\.)*Agent\s*\(|\bhttpsAgent\b/],
	[
		'an HTTP or TLS client of its own',
		/(?:from\s+|require\s*\(\s*|import\s*\(\s*)['"`](?:node:)?(?:https|http2|tls|undici|axios|got|node-fetch)['"`]/,
	],
];

const findings = (text: string) =>
	TLS_OFF.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);

describe('the TLS scanner', () => {
	// Code written the many ways it appears in the wild; none is one of the scanner's own patterns.
	it.each([
		[
			'const agent = new https.Agent({ rejectUnauthorized: false });',
			'rejectUnauthorized set to anything but true',
		],
		['options.rejectUnauthorized=false', 'rejectUnauthorized set to anything but true'],
		['const o = { "rejectUnauthorized" : 0 };', 'rejectUnauthorized set to anything but true'],
		["opts['rejectUnauthorized'] = !1;", 'rejectUnauthorized set to anything but true'],
		[
			"tls.connect(443, host, { rejectUnauthorized: process.env.STRICT === 'yes' })",
			'rejectUnauthorized set to anything but true',
		],
		[
			'const rejectUnauthorized = false;\nsend({ url, rejectUnauthorized });',
			'rejectUnauthorized set to anything but true',
		],
		[
			'got(url, { https: { rejectUnauthorized: !strict } })',
			'rejectUnauthorized set to anything but true',
		],
		["process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';", 'NODE_TLS_REJECT_UNAUTHORIZED'],
		[
			'Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: 0 })',
			'NODE_TLS_REJECT_UNAUTHORIZED',
		],
		[
			'spawn(cmd, { env: { ...env, NODE_TLS_REJECT_UNAUTHORIZED: "0" } })',
			'NODE_TLS_REJECT_UNAUTHORIZED',
		],
		[
			'await this.helpers.httpRequest({ url, skipSslCertificateValidation: true });',
			"one of n8n's certificate switches, turned on or offered",
		],
		[
			'helpers.httpRequest({ ...options, skipSslCertificateValidation: credentials.ignoreSsl as boolean })',
			"one of n8n's certificate switches, turned on or offered",
		],
		[
			"{ displayName: 'Ignore SSL Issues', name: 'allowUnauthorizedCerts', type: 'boolean', default: false }",
			"one of n8n's certificate switches, turned on or offered",
		],
		[
			'new ClientOAuth2({ clientId, ignoreSSLIssues: !!data.ignore })',
			"one of n8n's certificate switches, turned on or offered",
		],
		[
			"{ name: 'ignoreSSLIssues', type: 'boolean' }",
			"one of n8n's certificate switches, turned on or offered",
		],
		['await this.helpers.request({ uri, strictSSL: false })', 'strictSSL set to anything but true'],
		['{ checkServerIdentity: (host, cert) => undefined }', 'an own host name check'],
		['client.get(url, { insecure: true })', 'an insecure switch'],
		['const agent = new Agent({ keepAlive: true, ca })', 'an agent of its own'],
		['axios.create({ httpsAgent: agent })', 'an agent of its own'],
		["import https from 'node:https';", 'an HTTP or TLS client of its own'],
		['const tls = require("tls");', 'an HTTP or TLS client of its own'],
		["import { fetch, Agent } from 'undici';", 'an HTTP or TLS client of its own'],
		["const { default: axios } = await import('axios');", 'an HTTP or TLS client of its own'],
	])('catches %p', (code, kind) => {
		expect(findings(code)).toContain(kind);
	});

	it.each([
		'const options = { rejectUnauthorized: true, timeout: 5000 };',
		"{ 'rejectUnauthorized': true }",
		'skipSslCertificateValidation: false',
		'{ strictSSL: true }',
		"url: 'https://login.eloqua.com'",
		'sendCredentialsOnCrossOriginRedirect: false',
		'ignoreHttpStatusErrors: true',
		"const secure = url.startsWith('https://');",
		"import { NodeApiError } from 'n8n-workflow';",
	])('leaves safe code alone: %p', (code) => {
		expect(findings(code)).toEqual([]);
	});
});

describe('TLS verification is never turned off', () => {
	it('appears nowhere in the shipped sources (nodes, credentials, built output) or the manifest', () => {
		const shipped = ['nodes', 'credentials', 'package.json', 'index.js', 'gulpfile.js'];
		const files = sourceFiles(shipped, ['dist']);
		expect(files.filter((f) => f.path.startsWith('nodes')).length).toBeGreaterThan(30);
		expect(
			files.flatMap(({ path, text }) => findings(text).map((kind) => `${path}: ${kind}`)),
		).toEqual([]);
	});

	it('uses https in every address a credential offers by default', () => {
		const defaults = [new EloquaApi(), new EloquaOAuth2Api(), new RulerApi()].flatMap((type) =>
			type.properties
				.filter((p) => typeof p.default === 'string' && /^\w+:\/\//.test(p.default))
				.map((p) => `${type.name}.${p.name}: ${String(p.default)}`),
		);
		expect(defaults).toHaveLength(4);
		expect(defaults.filter((d) => !/: https:\/\//.test(d))).toEqual([]);
	});
});

describe('a server whose certificate is not trusted gets nothing', () => {
	let server: UntrustedServer;
	beforeAll(async () => {
		server = await startUntrustedServer();
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.reset());

	/** The client tried (a connection was opened) and nothing got through, credentials least of all. */
	const refusedAtHandshake = () => {
		expect(server.seen.connections).toBeGreaterThan(0);
		expect(server.seen.requests).toEqual([]);
	};

	it('answers a client that trusts it (so a refusal below is the certificate check)', async () => {
		expect(await server.trustedGet('/id')).toBe(200);
		expect(server.seen.requests).toEqual(['GET /id']);
	});

	it('the Eloqua credential test', async () => {
		const result = await testCredential(new EloquaApi(), {
			siteName: 'Site',
			username: 'User',
			password: 'secret-password',
			loginUrl: server.url,
		});
		expect(result.status).toBe('Error');
		refusedAtHandshake();
	});

	it('an Eloqua import', async () => {
		const { main } = await runNode({
			nodeType: new EloquaOpportunityImport(),
			parameters: {
				authentication: 'basicAuth',
				resource: 'opportunity',
				operation: 'import',
				definitionMode: 'create',
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			items: [{ OpportunityID: 'A-1', OpportunityName: 'Deal', AccountName: 'ABC' }],
			credentialTypes: { eloquaApi: new EloquaApi() },
			credentials: {
				eloquaApi: {
					siteName: 'Site',
					username: 'User',
					password: 'secret-password',
					loginUrl: server.url,
				},
			},
			onError: 'continueRegularOutput',
		});
		expect(errorOf(main[0]).message).toBe(
			`Item 0: Could not reach the Eloqua login service at ${server.url}`,
		);
		refusedAtHandshake();
	});

	it.each([
		['a login', { authMethod: 'password', username: 'u', password: 'secret-password' }],
		['a pasted token', { authMethod: 'accessToken', accessToken: 'secret-token' }],
	])('a Ruler upload with %s', async (_, credential) => {
		const { main } = await runNode({
			nodeType: new RulerOpportunityUpload(),
			parameters: {
				siteId: '1234',
				opportunityValue: 1000,
				opportunityDateTime: '2024-05-01',
				pipelineStage: 'Closed Won',
				currencyCode: 'GBP',
				reference: 'P-0',
				visitorIdentifiers: { identifier: [{ key: 'EmailAddress', value: 'p@example.com' }] },
			},
			credentialTypes: { rulerApi: new RulerApi() },
			credentials: {
				rulerApi: { ...credential, sessionToken: '', apiUrl: server.url, authUrl: server.url },
			},
			onError: 'continueRegularOutput',
		});
		// The message names the certificate problem, so that a user knows what to fix.
		expect(errorOf(main[0]).message).toMatch(/SELF_SIGNED_CERT\)$/);
		refusedAtHandshake();
	});
});
