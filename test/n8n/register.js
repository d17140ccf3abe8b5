'use strict';
// Records this package in n8n's database as Settings → Community Nodes → Install does, so the
// Community Nodes page lists it. n8n's install (CommunityPackagesService.persistInstalledPackage →
// InstalledPackagesRepository.persistPackageWithNodes) saves one `installed_packages` row (name,
// version, author) and one `installed_nodes` row per loaded node (display name, type, version);
// the page reads those rows on every visit, so the running server shows the package at once.
const fs = require('fs');
const path = require('path');

const { paths } = require('./config');
const { nodeBinary } = require('./provision');
const { run } = require('./steps');

/** Runs in n8n's own Node with n8n's sqlite3 driver: argv[1] is the job as JSON. */
const WRITER = `
const sqlite3 = require('sqlite3');
const job = JSON.parse(process.argv[1]);
const db = new sqlite3.Database(job.database);
db.configure('busyTimeout', 10000);
const step = (sql, params) =>
	new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
(async () => {
	await step('BEGIN IMMEDIATE');
	await step('DELETE FROM installed_nodes WHERE package = ?', [job.package.name]);
	await step('DELETE FROM installed_packages WHERE packageName = ?', [job.package.name]);
	await step(
		'INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail) VALUES (?, ?, ?, ?)',
		[job.package.name, job.package.version, job.package.authorName, job.package.authorEmail],
	);
	for (const node of job.nodes)
		await step(
			'INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
			[node.name, node.type, node.version, job.package.name],
		);
	await step('COMMIT');
	db.close();
})().catch((error) => {
	process.stderr.write(String(error.stack || error));
	process.exit(1);
});
`;

/** The installed package's manifest in the user folder. */
function installedManifest(home, name) {
	const file = path.join(home, '.n8n', 'nodes', 'node_modules', name, 'package.json');
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Writes the rows for the package installed in `env`'s user folder. `api` is a signed-in client of
 * the running server: the node types are the ones it loaded (tool variants are n8n's, not rows).
 */
async function registerPackage(version, env, api, packageName) {
	const manifest = installedManifest(env.N8N_USER_FOLDER, packageName);
	const byType = new Map();
	for (const type of await api.nodeTypes()) {
		if (!type.name.startsWith(`${packageName}.`) || type.name.endsWith('Tool')) continue;
		const latest = Math.max(...[].concat(type.version), byType.get(type.name)?.version ?? 0);
		byType.set(type.name, { name: type.displayName, type: type.name, version: latest });
	}
	const nodes = [...byType.values()];
	if (nodes.length === 0) throw new Error(`n8n loaded no node of ${packageName}`);
	const job = {
		database: path.join(env.N8N_USER_FOLDER, '.n8n', 'database.sqlite'),
		package: {
			name: manifest.name,
			version: manifest.version,
			authorName: manifest.author?.name ?? null,
			authorEmail: manifest.author?.email ?? null,
		},
		nodes,
	};
	await run(nodeBinary(version), ['-e', WRITER, JSON.stringify(job)], {
		cwd: path.join(paths.n8nDir(version), 'node_modules', 'n8n'),
		env,
	});
	return job;
}

module.exports = { registerPackage };
