// The n8n versions the suites run against: all supported ones, or the one USE_N8N names.
const { VERSIONS, versionOf } = require('../n8n/config');

function versionsUnderTest() {
	return process.env.USE_N8N ? [versionOf(process.env.USE_N8N)] : Object.keys(VERSIONS);
}

module.exports = { versionsUnderTest };
