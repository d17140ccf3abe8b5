'use strict';
// `npm run demo`: runs every example workflow headless in a real n8n against the sandboxes and
// prints what happened to each item. Usage: node test/n8n/demo.js [n8n version]
const fs = require('fs');
const os = require('os');
const path = require('path');

const { PORTS, versionOf } = require('./config');
const { packPackage, provision } = require('./provision');
const { prepareHome, examples } = require('./instance');
const { execute } = require('./n8n');
const { itemResults, table, totals } = require('./results');
const { say, step } = require('./steps');
const { startSandboxes } = require('../sandbox/start');

async function demo(version) {
	await provision([version]);
	const tarball = await packPackage();
	const sandboxes = await step('Start the sandbox APIs', () => startSandboxes(PORTS.demo));
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-demo-'));
	let failed = 0;
	try {
		const env = await prepareHome({
			version,
			home,
			ports: PORTS.demo,
			tarball,
			servers: sandboxes.servers,
		});
		for (const { file, workflow } of examples()) {
			const result = await step(`Run examples/${file} (n8n execute --id=${workflow.id})`, () =>
				execute(version, env, workflow.id),
			);
			const rows = itemResults(result.run, workflow);
			say(
				`\n${workflow.name}\n${table(rows)}\nTotals: ${totals(rows)}${result.code === 0 ? '' : `  — n8n exited with ${result.code}`}\n`,
			);
			if (result.code !== 0 || !result.run) {
				failed += 1;
				say(result.stdout.slice(-3000) + result.stderr.slice(-3000));
			}
		}
	} finally {
		await sandboxes.close();
		fs.rmSync(home, { recursive: true, force: true });
	}
	if (failed) throw new Error(`${failed} example(s) did not run`);
}

demo(versionOf(process.argv[2])).catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
