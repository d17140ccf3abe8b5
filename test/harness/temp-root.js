'use strict';
// One temporary folder per `jest` run, for n8n's user folders (see setup-env.js): made before the
// first test file and removed after the last, so that runs leave nothing in the temp directory.
const fs = require('fs');
const os = require('os');
const path = require('path');

const VARIABLE = 'N8N_TEST_TEMP_ROOT';

async function createTempRoot() {
	process.env[VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-test-run-'));
}

async function removeTempRoot() {
	const root = process.env[VARIABLE];
	if (root) fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { VARIABLE, createTempRoot, removeTempRoot };
