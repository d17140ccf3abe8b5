import { sourceFiles } from './sources';

/** Ways to turn TLS certificate checks off in n8n, Node or the HTTP clients n8n uses. */
const TLS_OFF = [
	/skipSslCertificateValidation/,
	/rejectUnauthorized/,
	/NODE_TLS_REJECT_UNAUTHORIZED/,
	/allowUnauthorizedCerts/,
	/ignoreSSLIssues/,
	/strictSSL/,
	/\binsecure\s*:/,
	/checkServerIdentity/,
];

const offending = (files: Array<{ path: string; text: string }>) =>
	files.flatMap(({ path, text }) =>
		TLS_OFF.filter((pattern) => pattern.test(text)).map((pattern) => `${path}: ${pattern.source}`),
	);

describe('TLS verification is never turned off', () => {
	it('appears nowhere in the shipped sources (nodes, credentials) or the package manifest', () => {
		const files = sourceFiles(['nodes', 'credentials', 'package.json', 'index.js', 'gulpfile.js']);
		expect(files.length).toBeGreaterThan(40);
		expect(offending(files)).toEqual([]);
	});

	it('would be caught in any of its forms', () => {
		const planted = [
			'{ skipSslCertificateValidation: true }',
			'agent: { rejectUnauthorized: false }',
			"process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'",
			'allowUnauthorizedCerts: true',
			'ignoreSSLIssues: true',
			'strictSSL: false',
			'insecure: true',
			'checkServerIdentity: () => undefined',
		];
		expect(offending(planted.map((text, i) => ({ path: `planted-${i}`, text })))).toHaveLength(
			planted.length,
		);
	});
});
