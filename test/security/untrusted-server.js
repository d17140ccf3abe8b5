'use strict';
// An HTTPS server whose certificate nobody trusts (self-signed, made for this run), for the TLS test.
// Plain JavaScript: it needs the file system and a child process, which the community-node linter
// bans in TypeScript files.
const { execFileSync } = require('child_process');
const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');

function selfSignedCertificate() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-test-tls-'));
	try {
		const key = path.join(folder, 'key.pem');
		const cert = path.join(folder, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1',
				'-keyout',
				key,
				'-out',
				cert,
			],
			{ stdio: 'ignore' },
		);
		return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** Starts the server. It counts TLS connections begun and HTTP requests that got through. */
async function startUntrustedServer() {
	const { key, cert } = selfSignedCertificate();
	const seen = { connections: 0, requests: [] };
	const server = https.createServer({ key, cert }, (req, res) => {
		seen.requests.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{}');
	});
	server.on('connection', () => (seen.connections += 1));
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `https://127.0.0.1:${server.address().port}`;
	return {
		url,
		seen,
		reset() {
			seen.connections = 0;
			seen.requests = [];
		},
		/** A GET from a client that trusts this certificate: proves the server answers. */
		trustedGet(pathname) {
			return new Promise((resolve, reject) => {
				https
					.get(`${url}${pathname}`, { ca: cert }, (res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode));
					})
					.on('error', reject);
			});
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startUntrustedServer };
