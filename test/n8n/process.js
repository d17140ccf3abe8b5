'use strict';
// Starts a long-running program (n8n, a database, a queue) in its own process group, its output in
// a log file, and resolves once `ready()` says so. `stop()` ends the whole group: a program's own
// children (n8n's task runners, PostgreSQL's backends) go with it.
const fs = require('fs');
const { spawn } = require('child_process');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const tail = (file, lines = 30) =>
	fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');

/** Who is told when a group starts and stops: a run keeps its own record of what to end if it dies. */
const watchers = new Set();

/** `watcher.started(pid, stopSignal)` and `watcher.stopped(pid)` for every group from now on; returns an unwatch. */
function watchGroups(watcher) {
	watchers.add(watcher);
	return () => watchers.delete(watcher);
}

/**
 * The processes of a group that still run (a zombie has ended; orphans are reaped by whoever
 * adopted them, which need not be quick).
 */
function groupMembers(pgid) {
	const members = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(group) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
		} catch {
			// ended while we looked
		}
	}
	return members;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {object} options
 * @param {string} options.logFile
 * @param {() => Promise<boolean>} options.ready   polled until true (errors count as "not yet")
 * @param {object} [options.env]
 * @param {string} [options.cwd]
 * @param {number} [options.uid]  run as this user (PostgreSQL refuses to run as root)
 * @param {number} [options.gid]
 * @param {string} [options.stopSignal]  what asks the program to shut down (default SIGTERM)
 * @param {boolean} [options.echo]  also copy the output to this terminal
 * @param {number} [options.timeoutMs]
 * @param {string} [options.name]  how errors name the program
 */
async function startProcess(command, args, options) {
	const {
		logFile,
		ready,
		env,
		cwd,
		uid,
		gid,
		stopSignal = 'SIGTERM',
		echo = false,
		timeoutMs = 120000,
		name = command,
	} = options;
	let log = fs.openSync(logFile, 'w');
	const child = spawn(command, args, {
		env,
		cwd,
		uid,
		gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			if (log !== undefined) fs.writeSync(log, chunk);
			if (echo) process.stdout.write(chunk);
		});
	}
	let spawnError;
	child.once('error', (error) => (spawnError = error));
	if (child.pid) watchers.forEach((watcher) => watcher.started(child.pid, stopSignal));
	const exited = new Promise((resolve) => child.once('close', resolve));
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			// already gone
		}
	};
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (child.pid && child.exitCode === null && child.signalCode === null) {
			signal(stopSignal);
			const timer = setTimeout(() => signal('SIGKILL'), 20000);
			await exited;
			clearTimeout(timer);
		}
		// Children may outlive the leader by a moment; the group is ours alone.
		if (child.pid) {
			signal('SIGKILL');
			watchers.forEach((watcher) => watcher.stopped(child.pid));
		}
		fs.closeSync(log);
		log = undefined;
	};

	const deadline = Date.now() + timeoutMs;
	try {
		for (;;) {
			if (spawnError) throw spawnError;
			if (child.exitCode !== null)
				throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
			if (await ready().catch(() => false)) break;
			if (Date.now() > deadline)
				throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
			await sleep(300);
		}
	} catch (error) {
		await stop();
		error.message += `\n--- last lines of ${logFile} ---\n${tail(logFile)}`;
		throw error;
	}
	return { child, stop, logFile, stopSignal };
}

module.exports = { startProcess, watchGroups, groupMembers };
