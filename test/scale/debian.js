'use strict';
// Redis and PostgreSQL from Debian's packages: finds their programs, and installs the packages with
// apt-get when they are missing. Only the programs are used; no system service is started.
const fs = require('fs');
const path = require('path');

const { run } = require('../n8n/steps');

const PG_ROOT = '/usr/lib/postgresql';

function redisServer() {
	return ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((file) => fs.existsSync(file));
}

/** The newest PostgreSQL server Debian installed: its bin folder holds initdb, postgres and psql. */
function postgresBin() {
	if (!fs.existsSync(PG_ROOT)) return undefined;
	const versions = fs
		.readdirSync(PG_ROOT)
		.filter((version) => fs.existsSync(path.join(PG_ROOT, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : undefined;
}

/** Installs what is missing; resolves with the programs' locations. */
async function ensureServerPackages() {
	const missing = [!redisServer() && 'redis-server', !postgresBin() && 'postgresql'].filter(
		Boolean,
	);
	if (missing.length) {
		if (process.getuid?.() !== 0)
			throw new Error(
				`Install ${missing.join(' and ')} (Debian packages) first: apt-get install ${missing.join(' ')}`,
			);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await run('apt-get', ['update', '-qq'], { env });
		await run('apt-get', ['install', '-y', '-qq', ...missing], { env });
	}
	return { redisServer: redisServer(), postgresBin: postgresBin() };
}

module.exports = { ensureServerPackages };
