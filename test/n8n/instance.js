'use strict';
// Prepares an n8n user folder: this package installed as a community package, credentials for the
// running sandboxes, and the example workflows.
const crypto = require('crypto');
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
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
		}));
}

const digest = (value) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Runs an import unless the same content was imported into this user folder before: each import
 * boots n8n's CLI, which is most of a warm start's time.
 */
async function importOnce(home, name, content, work) {
	const file = path.join(home, '.imported.json');
	const done = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	await step(`Import ${name}`, async ({ skip }) => {
		if (done[name] === digest(content)) return skip('unchanged since the last start');
		await work();
		fs.writeFileSync(file, JSON.stringify({ ...done, [name]: digest(content) }));
	});
}

async function prepareHome({ version, home, ports, tarball, servers }) {
	fs.mkdirSync(home, { recursive: true });
	await step(`Install ${path.basename(tarball)} into ${home} as a community package`, () =>
		installPackage(home, tarball),
	);
	const env = n8nEnv(version, { home, ports });
	const credentials = sandboxCredentials(servers);
	await importOnce(home, 'the sandbox credentials', credentials, () =>
		importCredentials(version, env, credentials),
	);
	const workflows = examples();
	await importOnce(home, `the example workflows (${workflows.length})`, workflows, () =>
		importWorkflows(version, env, EXAMPLES),
	);
	return env;
}

module.exports = { prepareHome, examples, EXAMPLES };
