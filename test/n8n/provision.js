'use strict';
// Provisions real n8n installs into a cache folder outside the repo (idempotent: a second run only
// checks markers), then builds this package and installs it into a user folder as n8n would.
// Usage: node test/n8n/provision.js [version ...|all]
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const { CACHE, NODE24, REPO, VERSIONS, paths, versionOf } = require('./config');
const { step, run, say } = require('./steps');

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

const sizeOf = (dir) => {
	try {
		return `${execFileSync('du', ['-sh', dir], { encoding: 'utf8' }).split('\t')[0]} on disk`;
	} catch {
		return 'starting';
	}
};

/**
 * How far an `npm install` got, from its http log: npm downloads every tarball into its cache and
 * unpacks them only at the end, so the size of the folder says nothing for minutes.
 */
function npmProgress(dir) {
	let metadata = 0;
	let tarballs = 0;
	let carry = '';
	return {
		onOutput(chunk) {
			const lines = (carry + chunk).split('\n');
			carry = lines.pop();
			for (const line of lines) {
				const match = /^npm http (fetch|cache) .*?(\S+) \d+ms/.exec(line);
				if (!match) continue;
				if (/\.tgz$/.test(match[2])) tarballs += 1;
				else metadata += 1;
			}
		},
		progress: () =>
			`${metadata} package manifests read, ${tarballs} packages downloaded, ${sizeOf(dir)}`,
	};
}

const marker = (dir) => path.join(dir, '.provisioned');
const isDone = (dir, id) =>
	fs.existsSync(marker(dir)) && fs.readFileSync(marker(dir), 'utf8') === id;
const markDone = (dir, id) => fs.writeFileSync(marker(dir), id);

/** PATH and npm settings that make child processes use this version's Node. */
function runtimeEnv(version, extra = {}) {
	const { node } = VERSIONS[version];
	const env = { ...process.env, ...extra };
	if (node) {
		env.PATH = `${path.join(paths.node24Package, 'bin')}${path.delimiter}${env.PATH}`;
		// Native modules (sqlite3) must be built against this Node's headers, not the system one's.
		env.npm_config_nodedir = paths.node24Package;
	}
	return env;
}

function nodeBinary(version) {
	return VERSIONS[version].node ? path.join(paths.node24Package, 'bin', 'node') : process.execPath;
}

async function ensureNode24() {
	const id = `${NODE24.package}@${NODE24.version}`;
	await step(
		`Node ${NODE24.version} for n8n 2.x (npm package ${id}, ≈30 MB download)`,
		async ({ skip }) => {
			if (isDone(paths.node24Dir, id)) return skip(paths.node24Dir);
			fs.mkdirSync(paths.node24Dir, { recursive: true });
			fs.writeFileSync(
				path.join(paths.node24Dir, 'package.json'),
				JSON.stringify({ private: true }),
			);
			await run(
				'npm',
				[
					'install',
					'--no-save',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--loglevel=http',
					id,
				],
				{ cwd: paths.node24Dir, ...npmProgress(paths.node24Dir) },
			);
			const printed = execFileSync(path.join(paths.node24Package, 'bin', 'node'), ['--version'], {
				encoding: 'utf8',
			}).trim();
			if (printed !== `v${NODE24.version}`) throw new Error(`Node 24 reports ${printed}`);
			markDone(paths.node24Dir, id);
		},
	);
}

async function ensureN8n(version) {
	const dir = paths.n8nDir(version);
	const id = `n8n@${version}`;
	if (isDone(dir, id)) {
		await step(`n8n ${version}`, async ({ skip }) => skip(dir));
		return;
	}
	if (VERSIONS[version].node) await ensureNode24();
	const env = runtimeEnv(version);
	const manifest = {
		private: true,
		dependencies: { n8n: version },
		overrides: VERSIONS[version].overrides,
	};
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	// Install scripts stay off: one of n8n's dependencies downloads a binary from outside the registry.
	await step(
		`Download and install n8n ${version} with its dependencies from the npm registry (≈3 GB, a few minutes)`,
		() =>
			run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], {
				cwd: dir,
				env,
				...npmProgress(dir),
			}),
	);
	// Explicitly on: under `npm run`, npm hands this repo's ignore-scripts=true down to child npms.
	await step(`Build sqlite3 for n8n ${version} (native module, compiles from source)`, () =>
		run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', ...NPM_QUIET], { cwd: dir, env }),
	);
	await step(`Check n8n ${version} runs and its database driver loads`, async () => {
		await run(nodeBinary(version), [paths.n8nBin(version), '--version'], { cwd: dir, env });
		await run(nodeBinary(version), ['-e', "require('sqlite3')"], {
			cwd: path.join(dir, 'node_modules', 'n8n'),
			env,
		});
	});
	markDone(dir, id);
}

/**
 * Builds the package and packs it the way `npm publish` would into `destination` (a suite that runs
 * beside others packs into its own folder); returns the tarball's path.
 */
async function packPackage(destination = paths.packages) {
	await step('Build the package (npm run build)', () =>
		run('npm', ['run', 'build'], { cwd: REPO }),
	);
	return await step('Pack the package (npm pack)', async () => {
		fs.mkdirSync(destination, { recursive: true });
		const output = await run(
			'npm',
			['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
			{ cwd: REPO },
		);
		const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
		return path.join(destination, filename);
	});
}

async function provision(versions) {
	say(`n8n cache: ${CACHE}  (set ELOQUA_RULER_CACHE to move it)`);
	for (const version of versions) await ensureN8n(version);
}

module.exports = { provision, packPackage, runtimeEnv, nodeBinary, npmProgress };

if (require.main === module) {
	const wanted = process.argv.slice(2);
	const versions = wanted.includes('all')
		? Object.keys(VERSIONS)
		: (wanted.length ? wanted : [undefined]).map(versionOf);
	const started = Date.now();
	provision(versions)
		.then(() =>
			say(
				`Provisioned n8n ${versions.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
			),
		)
		.catch((error) => {
			process.stderr.write(`${error.stack || error}\n`);
			process.exitCode = 1;
		});
}
