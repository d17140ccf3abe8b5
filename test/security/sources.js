'use strict';
// Reads the package's own sources for the TLS test. Plain JavaScript: it needs the file system,
// which the community-node linter bans in TypeScript files.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');

/**
 * The given files, and every source file under the given folders (relative paths), with their text.
 * `optional` paths are read only when they exist (built output, say).
 */
function sourceFiles(paths, optional = []) {
	const files = [];
	const walk = (relative) => {
		const full = path.join(ROOT, relative);
		if (!fs.statSync(full).isDirectory()) {
			if (/\.(ts|js|json|mjs)$/.test(relative))
				files.push({ path: relative, text: fs.readFileSync(full, 'utf8') });
			return;
		}
		for (const entry of fs.readdirSync(full)) walk(path.join(relative, entry));
	};
	for (const relative of paths) walk(relative);
	for (const relative of optional) if (fs.existsSync(path.join(ROOT, relative))) walk(relative);
	return files;
}

module.exports = { sourceFiles };
