// Provisions n8n (the version queue mode runs) and packs the package once, before the suite starts.
const { DEFAULT_VERSION } = require('../n8n/config');
const { packPackage, provision } = require('../n8n/provision');

module.exports = async () => {
	process.stdout.write('\n');
	await provision([DEFAULT_VERSION]);
	process.env.SCALE_TARBALL = await packPackage();
};
