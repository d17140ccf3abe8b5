// Provisions every n8n version under test and packs the package once, before any suite starts.
const { packPackage, provision } = require('../n8n/provision');
const { versionsUnderTest } = require('./versions');

module.exports = async () => {
	process.stdout.write('\n');
	await provision(versionsUnderTest());
	process.env.E2E_TARBALL = await packPackage();
};
