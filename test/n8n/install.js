'use strict';
// Installs a packed tarball into an n8n user folder the way n8n's community package installer does:
// unpack into <user folder>/.n8n/nodes/node_modules/<name>, drop dev-, peer- and optional
// dependencies, `npm install` what is left, and record it in the folder's package.json. Loading it
// from there is what a user's "Install community node" leads to.
const fs = require('fs');
const path = require('path');

const { run } = require('./steps');

async function installPackage(home, tarball) {
	const nodesDir = path.join(home, '.n8n', 'nodes');
	const staging = path.join(nodesDir, '.unpack');
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const manifestPath = path.join(staging, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

	const target = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.renameSync(staging, target);
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: target },
	);

	const listPath = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(listPath)
		? JSON.parse(fs.readFileSync(listPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...list.dependencies, [manifest.name]: manifest.version };
	fs.writeFileSync(listPath, JSON.stringify(list, null, 2));
	return target;
}

module.exports = { installPackage };
