import { createEloquaSandbox } from '../sandbox/eloqua';
import { createRulerSandbox } from '../sandbox/ruler';
import { cleanUp, discover, basic, type EloquaTarget } from './eloqua-client';
import { ELOQUA_POINTS } from './eloqua-points';
import type { ContractPoint, Seen } from './point';
import type { RulerTarget } from './ruler-client';
import { RULER_POINTS } from './ruler-points';
import { eloquaLive, printTable, rulerLive, wantTable, type TableRow } from './settings';

// API-CONTRACT.md, one test per point, over HTTP straight to the service (no n8n node). Against the
// sandboxes by default; against a real Eloqua instance / Ruler site when the ELOQUA_CONTRACT_* /
// RULER_CONTRACT_* variables are set. Live, an [open] point passes whatever it sees and prints it.

const run = `n8n-contract-${Date.now().toString(36)}`;

function verdict(point: ContractPoint<unknown>, seen: Seen, live: boolean) {
	if (seen.held === 'not probed') return 'not probed';
	if (point.mark === 'open' && live) return seen.held ? 'as modelled' : 'differs from model';
	return seen.held ? 'held' : 'differs';
}

/** Runs every point as a test, and prints the table afterwards when live (or CONTRACT_TABLE=1). */
function suite<T extends { live: boolean }>(
	title: string,
	points: Array<ContractPoint<T>>,
	target: () => T,
) {
	const rows: TableRow[] = [];
	afterAll(() => {
		if (target()?.live || wantTable()) printTable(title, rows);
	});
	for (const point of points) {
		it(point.name, async () => {
			const t = target();
			const seen = await point.run(t);
			rows.push({
				point: point.name,
				mark: point.mark,
				expected: point.expected,
				seen: seen.seen,
				verdict: verdict(point, seen, t.live),
			});
			// Against the sandbox every point, [open] ones included, must show the modelled answer.
			if (!t.live) expect(seen).toEqual({ held: true, seen: seen.seen });
			else if (point.mark !== 'open' && seen.held !== 'not probed')
				expect(seen).toEqual({ held: true, seen: seen.seen });
		});
	}
}

describe('the Eloqua contract', () => {
	const live = eloquaLive();
	const holder = {} as { target: EloquaTarget };
	if (live) jest.setTimeout(20 * 60_000);
	beforeAll(async () => {
		const sandbox = live
			? undefined
			: await createEloquaSandbox({ pendingPolls: 0, activePolls: 0 }).start();
		holder.target = {
			live: Boolean(live),
			sandbox,
			loginUrl: live?.loginUrl ?? sandbox!.url,
			authorization: live
				? basic(live.site, live.user, live.password)
				: sandbox!.basicAuthorization,
			bulk: '',
			prefix: run,
			stage: live?.stage ?? 'Prospecting',
			pollMs: live ? 3000 : 0,
			maxPolls: live ? 400 : 20,
			oauth: live?.oauth,
			created: [],
		};
		await discover(holder.target);
	});
	afterAll(async () => {
		if (!holder.target) return;
		await cleanUp(holder.target);
		await holder.target.sandbox?.close();
	});
	suite('Eloqua contract', ELOQUA_POINTS, () => holder.target);
});

describe('the Ruler contract', () => {
	const live = rulerLive();
	const holder = {} as { target: RulerTarget };
	if (live) jest.setTimeout(5 * 60_000);
	beforeAll(async () => {
		const sandbox = live ? undefined : await createRulerSandbox({ sites: ['1234'] }).start();
		holder.target = {
			live: Boolean(live),
			sandbox,
			apiUrl: live?.apiUrl ?? sandbox!.url,
			authUrl: live?.authUrl ?? sandbox!.url,
			user: live?.user ?? sandbox!.config.username,
			password: live?.password ?? sandbox!.config.password,
			siteId: live?.siteId ?? '1234',
			stage: live?.stage ?? 'Closed Won',
			prefix: run,
		};
	});
	afterAll(async () => await holder.target?.sandbox?.close());
	suite('Ruler contract', RULER_POINTS, () => holder.target);
});
