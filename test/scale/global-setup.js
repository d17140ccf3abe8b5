// Provisions n8n (the version queue mode runs) and packs the package once, before the suite starts.
// Runs in jest's own process, which Ctrl-C reaches (tests see a copy of `process` whose signal
// listeners never fire): here the run is ended on a signal.
const { DEFAULT_VERSION } = require('../n8n/config');
const { packPackage, provision } = require('../n8n/provision');
const { endRunOnSignals, PACKED } = require('./stack');

module.exports = async () => {
	process.stdout.write('\n');
	endRunOnSignals(process);
	await provision([DEFAULT_VERSION]);
	process.env.SCALE_TARBALL = await packPackage(PACKED);
};
