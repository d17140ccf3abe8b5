'use strict';
// The sandbox APIs in a process of their own, so that their work is not counted as the node's.
// Prints one JSON line with the URLs, then serves until killed. Eloqua counts uploaded rows
// without parsing them; nothing records bodies.
const { createEloquaSandbox } = require('../sandbox/eloqua');
const { createRulerSandbox } = require('../sandbox/ruler');

async function main() {
	const settings = JSON.parse(process.argv[2] || '{}');
	const eloqua = await createEloquaSandbox({
		countRowsOnly: true,
		recordBodies: false,
		pendingPolls: 0,
		activePolls: 0,
	}).start();
	const ruler = await createRulerSandbox({
		recordBodies: false,
		latencyMs: settings.latencyMs ?? 20,
		ratePerSecond: settings.ratePerSecond ?? 50,
	}).start();
	process.stdout.write(`${JSON.stringify({ eloqua: eloqua.url, ruler: ruler.url })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
