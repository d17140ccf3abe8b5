'use strict';
// Prepares an n8n user folder: this package installed as a community package, credentials for the
// running sandboxes, and the example workflows.
const fs = require('fs');
const path = require('path');

const { REPO } = require('./config');
const { installPackage } = require('./install');
const { sandboxCredentials } = require('./credentials');
const { importCredentials, importWorkflows, n8nEnv } = require('./n8n');
const { step } = require('./steps');

const EXAMPLES = path.join(REPO, 'examples');

/** The example workflows, parsed, in file name order. */
function examples() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) }));
}

async function prepareHome({ version, home, ports, tarball, servers }) {
	fs.mkdirSync(home, { recursive: true });
	await step(`Install ${path.basename(tarball)} into ${home} as a community package`, () => installPackage(home, tarball));
	const env = n8nEnv(version, { home, ports });
	await step('Import the sandbox credentials', () => importCredentials(version, env, sandboxCredentials(servers)));
	await step(`Import the example workflows (${examples().length})`, () => importWorkflows(version, env, EXAMPLES));
	return env;
}

module.exports = { prepareHome, examples, EXAMPLES };
