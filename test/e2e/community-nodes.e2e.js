// `npm start` lists the package under Settings → Community Nodes as n8n's own install would: the
// rows it writes are read by the page's REST call, with both nodes and nothing reported missing.
const path = require('path');

const { REPO } = require('../n8n/config');
const { registerPackage } = require('../n8n/register');
const { useN8n } = require('./instance');
const { versionsUnderTest } = require('./versions');

const manifest = require(path.join(REPO, 'package.json'));

describe.each(versionsUnderTest())('n8n %s: Settings → Community Nodes', (version) => {
	const n8n = useN8n(version);

	it('lists nothing before the package is registered, then the package with both nodes', async () => {
		expect(await n8n.api.request('GET', '/rest/community-packages')).toEqual([]);
		await registerPackage(version, n8n.env, n8n.api, manifest.name);
		// Twice, as every `npm start` does: the second run replaces the rows.
		await registerPackage(version, n8n.env, n8n.api, manifest.name);
		const packages = await n8n.api.request('GET', '/rest/community-packages');
		expect(packages).toEqual([
			expect.objectContaining({
				packageName: manifest.name,
				installedVersion: manifest.version,
				authorName: manifest.author.name,
			}),
		]);
		const [listed] = packages;
		expect(listed.failedLoading).toBeFalsy();
		// The nodes' latest version, 1.1; n8n 1.x keeps it in an integer column and reports 1.
		const latest = version.startsWith('1.') ? 1 : 1.1;
		expect(
			listed.installedNodes.map(({ name, type, latestVersion }) => [name, type, latestVersion]),
		).toEqual([
			['Eloqua Opportunity Import', `${manifest.name}.eloquaOpportunityImport`, latest],
			['Ruler Opportunity Upload', `${manifest.name}.rulerOpportunityUpload`, latest],
		]);
	});
});
