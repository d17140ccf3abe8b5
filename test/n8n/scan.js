'use strict';
// n8n's community-package scanner, run before publishing: the same lint n8n runs on a published
// package, on the source (as the provenance leg reads it) and on the packed tarball (as installed).
// The scanner is installed once into the cache folder outside the repo, never into the package.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const { CACHE, REPO } = require('./config');
const { packPackage } = require('./provision');
const { step, run, say } = require('./steps');

const SCANNER = { name: '@n8n/scan-community-package', version: '0.32.0' };
const scannerDir = path.join(CACHE, `scanner-${SCANNER.version}`);
const marker = path.join(scannerDir, '.provisioned');
/** What the scanner lints in a tarball: compiled code and the manifest (its own tarball leg). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

async function ensureScanner() {
	const id = `${SCANNER.name}@${SCANNER.version}`;
	await step(`${id} (installed once into the cache folder)`, async ({ skip }) => {
		if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === id) return skip(scannerDir);
		fs.mkdirSync(scannerDir, { recursive: true });
		fs.writeFileSync(path.join(scannerDir, 'package.json'), JSON.stringify({ private: true }));
		// Its ESLint plugin has an install script that insists on pnpm; nothing needs it to run.
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', id], {
			cwd: scannerDir,
		});
		fs.writeFileSync(marker, id);
	});
}

async function loadScanner() {
	const entry = path.join(scannerDir, 'node_modules', SCANNER.name, 'scanner', 'scanner.mjs');
	return await import(pathToFileURL(entry).href);
}

/** Runs one leg; resolves with whether it passed, printing ESLint's findings when it did not. */
async function scanLeg(label, scanner, dir, patterns) {
	const result = await step(`Scan the ${label}`, () => scanner.analyzePackage(dir, patterns));
	if (result.passed) return true;
	say(`✗ The ${label} fails n8n's community-package scan: ${result.message}`);
	if (result.details) say(result.details);
	return false;
}

async function main() {
	await ensureScanner();
	const scanner = await loadScanner();
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'eloqua-ruler-scan-'));
	try {
		const tarball = await packPackage(unpacked);
		await run('tar', ['-xzf', tarball, '-C', unpacked]);
		const source = await scanLeg('source', scanner, REPO, scanner.SOURCE_FILE_PATTERNS);
		const packed = await scanLeg(
			'packed tarball',
			scanner,
			path.join(unpacked, 'package'),
			TARBALL_PATTERNS,
		);
		if (!source || !packed) process.exitCode = 1;
		else say("Both legs of n8n's community-package scan passed.");
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
