'use strict';
// Where the contract suite points: the sandboxes (default), or a real Eloqua instance / Ruler site
// named by environment variables. Plain JavaScript: the community-node linter bans `process` in
// TypeScript files.

const env = (name) => (process.env[name] || '').trim() || undefined;

/** The live Eloqua settings, or undefined when the four required variables are not all set. */
function eloquaLive() {
	const loginUrl = env('ELOQUA_CONTRACT_LOGIN_URL');
	const site = env('ELOQUA_CONTRACT_SITE');
	const user = env('ELOQUA_CONTRACT_USER');
	const password = env('ELOQUA_CONTRACT_PASSWORD');
	if (!loginUrl || !site || !user || !password) return undefined;
	return {
		loginUrl,
		site,
		user,
		password,
		stage: env('ELOQUA_CONTRACT_STAGE') || 'Prospecting',
		oauth: env('ELOQUA_CONTRACT_REFRESH_TOKEN')
			? {
					clientId: env('ELOQUA_CONTRACT_CLIENT_ID'),
					clientSecret: env('ELOQUA_CONTRACT_CLIENT_SECRET'),
					refreshToken: env('ELOQUA_CONTRACT_REFRESH_TOKEN'),
					tokenUrl:
						env('ELOQUA_CONTRACT_TOKEN_URL') || `${loginUrl.replace(/\/+$/, '')}/auth/oauth2/token`,
				}
			: undefined,
	};
}

/** The live Ruler settings, or undefined when user, password and site ID are not all set. */
function rulerLive() {
	const user = env('RULER_CONTRACT_USER');
	const password = env('RULER_CONTRACT_PASSWORD');
	const siteId = env('RULER_CONTRACT_SITE_ID');
	if (!user || !password || !siteId) return undefined;
	return {
		user,
		password,
		siteId,
		apiUrl: env('RULER_CONTRACT_API_URL') || 'https://rest.rulerapi.com',
		authUrl: env('RULER_CONTRACT_AUTH_URL') || 'https://authapi.rulerapi.com',
		stage: env('RULER_CONTRACT_STAGE') || 'Closed Won',
	};
}

/** Whether the slow live probes run (501 uploads, a 32 MB upload). */
const slowProbes = () => env('CONTRACT_SLOW') === '1';

/** Prints the table of what was expected and seen (live runs, or CONTRACT_TABLE=1). */
function printTable(title, rows) {
	if (!rows.length) return;
	const headings = ['point', 'mark', 'expected', 'seen', 'verdict'];
	const cells = rows.map((r) => [r.point, r.mark, r.expected, r.seen, r.verdict]);
	const widths = headings.map((h, i) =>
		Math.min(60, Math.max(h.length, ...cells.map((c) => String(c[i]).length))),
	);
	const line = (values) =>
		values.map((v, i) => String(v).slice(0, widths[i]).padEnd(widths[i])).join(' | ');
	const out = [
		'',
		title,
		line(headings),
		widths.map((w) => '-'.repeat(w)).join('-|-'),
		...cells.map(line),
		'',
	];
	process.stdout.write(`${out.join('\n')}\n`);
}

const wantTable = () => env('CONTRACT_TABLE') === '1';

module.exports = { eloquaLive, rulerLive, slowProbes, printTable, wantTable };
