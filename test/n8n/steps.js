'use strict';
// Visible progress for long set-up work: each step says what it does, how long it took, and
// while it runs, that it is still alive.
const { spawn } = require('child_process');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);

/** Runs `work` as a named step and prints its duration; `skip()` inside reports a cache hit. */
async function step(name, work) {
	const started = Date.now();
	say(`▶ ${name}`);
	let skipped = '';
	const result = await work({ skip: (why) => (skipped = why) });
	say(
		`${skipped ? '✓ (cached)' : '✓'} ${name}${skipped ? ` — ${skipped}` : ''} [${seconds(Date.now() - started)}]`,
	);
	return result;
}

/**
 * Runs a command and resolves with its stdout; its output is shown only if it fails (npm is very chatty), while a heartbeat
 * line every `heartbeatMs` shows the command is still working and, if given, how far it got
 * (`onOutput` sees every chunk of stdout and stderr, for a `progress` that counts what it reads).
 */
function run(
	command,
	args,
	{ cwd, env, heartbeatMs = 20000, progress, quiet = true, onOutput } = {},
) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: env || process.env,
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		let output = '';
		let stdout = '';
		const keep = (chunk) => {
			output = (output + chunk).slice(-20000);
			onOutput?.(String(chunk));
		};
		child.stdout?.on('data', (chunk) => {
			stdout += chunk;
			keep(chunk);
		});
		child.stderr?.on('data', keep);
		const started = Date.now();
		const timer = setInterval(() => {
			const extra = progress ? `, ${progress()}` : '';
			say(`  … still running (${seconds(Date.now() - started)}${extra})`);
		}, heartbeatMs);
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			if (code === 0) return resolve(stdout);
			reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`));
		});
	});
}

module.exports = { step, run, say, seconds };
