import eloquaCodex from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node.json';
import rulerCodex from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node.json';
import { EloquaApi } from '../../credentials/EloquaApi.credentials';
import { EloquaOAuth2Api } from '../../credentials/EloquaOAuth2Api.credentials';
import { RulerApi } from '../../credentials/RulerApi.credentials';
import { homepage } from '../../package.json';
import { readmeText } from '../harness/readme';

/** The anchors GitHub gives the README's headings (lower case, punctuation dropped, spaces → -). */
function readmeAnchors(): string[] {
	const seen = new Map<string, number>();
	return readmeText()
		.replace(/^```[\s\S]*?^```/gm, '')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => {
			const slug = line
				.replace(/^#+ /, '')
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-');
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			return count ? `${slug}-${count}` : slug;
		});
}

const documentationUrl = (codex: typeof eloquaCodex) =>
	codex.resources.primaryDocumentation.map((doc) => doc.url);

describe("the editor's Docs link", () => {
	const repository = homepage.replace(/#.*$/, '');

	it("reads the README's anchors as GitHub makes them (its own contents links all resolve)", () => {
		const readme = readmeText();
		const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
		expect(links).toContain('what-is-verified-and-against-what');
		expect(readmeAnchors()).toEqual(expect.arrayContaining(links));
	});

	it.each([
		['Eloqua Opportunity Import', eloquaCodex, 'eloqua-opportunity-import'],
		['Ruler Opportunity Upload', rulerCodex, 'ruler-opportunity-upload'],
	])("of %s opens the node's own section of the README", (_, codex, anchor) => {
		expect(readmeAnchors()).toContain(anchor);
		expect(documentationUrl(codex)).toEqual([`${repository}#${anchor}`]);
	});

	it("keeps the vendors' pages on the credentials", () => {
		const vendorPages = [
			new EloquaApi().documentationUrl,
			new EloquaOAuth2Api().documentationUrl,
			new RulerApi().documentationUrl,
		];
		for (const url of vendorPages)
			expect(url).toMatch(/^https:\/\/(docs\.oracle\.com|rulerapi\.com)\//);
		expect(eloquaCodex.resources.credentialDocumentation[0].url).toMatch(
			/^https:\/\/docs\.oracle\.com\//,
		);
		expect(rulerCodex.resources.credentialDocumentation[0].url).toMatch(
			/^https:\/\/rulerapi\.com\//,
		);
	});
});
