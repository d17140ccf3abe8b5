// n8n-core reads these at import time; without them it writes into the home folder.
// Kept in plain JS: the community-node linter bans `process` in TypeScript files.
const fs = require('fs');
const path = require('path');

const { VARIABLE } = require('./temp-root');

// Each test file gets its own user folder inside the run's temporary folder (made and removed by
// the global setup and teardown); the workers inherit its name from the process that started them.
const root = process.env[VARIABLE];
if (!root) throw new Error(`${VARIABLE} is not set: run the tests through jest.config.js`);
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(root, 'user-'));
process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
