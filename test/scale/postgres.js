'use strict';
// A throwaway PostgreSQL cluster on loopback (TCP only, no unix socket), in the run's temp folder.
// Durability is off: the cluster lives for one run. As root, the server runs as Debian's `postgres`
// user, because PostgreSQL refuses to run as root.
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

const { startProcess } = require('../n8n/process');

const USER = 'postgres';
const DATABASE = 'n8n';

/** The uid and gid of a local account, from /etc/passwd. */
function account(name) {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${name}:`));
	if (!line) throw new Error(`No local account "${name}" (the postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function exec(file, args, options = {}) {
	return new Promise((resolve, reject) => {
		execFile(file, args, options, (error, stdout, stderr) =>
			error
				? reject(new Error(`${path.basename(file)} ${args.join(' ')}: ${error.message}\n${stderr}`))
				: resolve(stdout),
		);
	});
}

async function startPostgres({ bin, dir, port }) {
	const owner = process.getuid?.() === 0 ? account(USER) : {};
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true });
	if (owner.uid !== undefined) fs.chownSync(dir, owner.uid, owner.gid);
	await exec(
		path.join(bin, 'initdb'),
		['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
		{ ...owner, cwd: dir },
	);
	const settings = [
		'listen_addresses=127.0.0.1',
		'unix_socket_directories=',
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'max_connections=100',
	];
	const args = ['-D', data, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
	const ready = async () => {
		await exec(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]);
		return true;
	};
	const server = await startProcess(path.join(bin, 'postgres'), args, {
		...owner,
		cwd: dir,
		logFile: path.join(dir, 'postgres.log'),
		ready,
		stopSignal: 'SIGINT',
		name: 'postgres',
		timeoutMs: 60000,
	});
	try {
		await exec(path.join(bin, 'psql'), [
			'-q',
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			USER,
			'-d',
			'postgres',
			'-c',
			`CREATE DATABASE ${DATABASE}`,
		]);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return { ...server, host: '127.0.0.1', port, user: USER, database: DATABASE };
}

module.exports = { startPostgres };
