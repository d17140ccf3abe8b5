'use strict';
// A record, outside the repo, of the process groups each scale run started. If a run dies without
// stopping them (killed, timed out), the next run ends exactly those groups and removes that run's
// folder. Runs whose own process is still alive are left alone, and a process counts as the same
// only while it has the start time that was recorded, so a reused process id is never touched.
const fs = require('fs');
const path = require('path');

const { CACHE } = require('../n8n/config');
const { groupMembers } = require('../n8n/process');

const FILE = path.join(CACHE, 'scale-runs.json');

/**
 * A running process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or
 * undefined once it has ended (a zombie, state Z or X, has ended too).
 */
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [state, ...fields] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return state === 'Z' || state === 'X' ? undefined : fields[18];
	} catch {
		return undefined;
	}
}

const alive = ({ pid, started }) => started !== undefined && startTime(pid) === started;
const read = () => (fs.existsSync(FILE) ? JSON.parse(fs.readFileSync(FILE, 'utf8')) : []);
const write = (runs) => {
	fs.mkdirSync(CACHE, { recursive: true });
	fs.writeFileSync(FILE, JSON.stringify(runs));
};
const self = { pid: process.pid, started: startTime(process.pid) };
const isSelf = (run) => run.owner.pid === self.pid && run.owner.started === self.started;

/**
 * A group is still the one recorded while its leader runs with the recorded start time, or, once
 * the leader has ended, while members remain (their group id keeps the leader's id from reuse).
 */
function stillOurs(group) {
	const leader = startTime(group.pid);
	if (leader !== undefined) return leader === group.started;
	return groupMembers(group.pid).length > 0;
}

function signalGroup(group, signal) {
	if (!stillOurs(group)) return false;
	try {
		process.kill(-group.pid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * Ends the process groups of `runs`, each first with its own stop signal (PostgreSQL then removes
 * its shared memory), then for good, and removes their folders; resolves with how many groups.
 */
async function endRuns(runs) {
	const groups = runs
		.flatMap((run) => run.groups)
		.filter((group) => signalGroup(group, group.signal));
	for (let waited = 0; waited < 10000 && groups.some(stillOurs); waited += 200)
		await new Promise((resolve) => setTimeout(resolve, 200));
	groups.forEach((group) => signalGroup(group, 'SIGKILL'));
	for (const run of runs) if (run.dir) fs.rmSync(run.dir, { recursive: true, force: true });
	return groups.length;
}

/** Ends what runs that died left behind; resolves with how many process groups that was. */
async function sweep() {
	const runs = read();
	const ended = await endRuns(runs.filter((run) => !alive(run.owner)));
	write(read().filter((run) => alive(run.owner)));
	return ended;
}

/** Ends what this process started and has not stopped yet (Ctrl-C, or a stop that never came). */
async function endThisProcess() {
	const ended = await endRuns(read().filter(isSelf));
	done();
	return ended;
}

function update(change) {
	const runs = read();
	const mine = runs.find(isSelf) ?? { owner: self, dir: undefined, groups: [] };
	write([...runs.filter((run) => !isSelf(run)), change(mine)]);
}

/** Notes this run's folder, and each group as it starts; forgets a group once it is stopped. */
const rememberDir = (dir) => update((run) => ({ ...run, dir }));
const remember = (pid, signal = 'SIGTERM') =>
	update((run) => ({ ...run, groups: [...run.groups, { pid, started: startTime(pid), signal }] }));
const forget = (pid) =>
	update((run) => ({ ...run, groups: run.groups.filter((group) => group.pid !== pid) }));
/** This run is over: nothing of it to sweep. */
const done = () => write(read().filter((run) => !isSelf(run)));

/** Last resort when this process exits without stopping them: kill this run's groups still on record. */
const killRemembered = () =>
	(read().find(isSelf)?.groups ?? []).forEach((group) => signalGroup(group, 'SIGKILL'));

module.exports = { sweep, endThisProcess, rememberDir, remember, forget, done, killRemembered };
