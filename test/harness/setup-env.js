// n8n-core reads these at import time; without them it writes into the home folder.
// Kept in plain JS: the community-node linter bans `process` in TypeScript files.
const fs = require('fs');
const os = require('os');
const path = require('path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-test-user-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
