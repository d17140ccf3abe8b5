'use strict';
// The deals each execution posts: its own ids (the batch tag in every id), a varying count, and the
// two bad deals of the examples (a stage Eloqua does not know, an amount that is not a number), with
// what each node must report for every deal.
const CONTACTS = ['ada@example.com', 'grace@example.com'];

/** Execution n of the run: even ones import into Eloqua, odd ones run the Eloqua-then-Ruler pipeline. */
const kindOf = (n) => (n % 2 === 0 ? 'eloqua' : 'pipeline');

function batch(n) {
	const tag = `S${String(n).padStart(2, '0')}`;
	const good = 3 + (n % 4);
	const deals = [];
	for (let i = 1; i <= good; i++) {
		// The second deal's stage is known to Eloqua but is no Ruler pipeline stage: Ruler refuses it.
		const stage = i === 2 ? 'Qualification' : i % 2 ? 'Proposal' : 'Closed Won';
		deals.push({
			dealId: `${tag}-${i}`,
			dealName: `${tag} deal ${i}`,
			company: `Company ${tag}`,
			amount: 1000 * n + i,
			currency: 'USD',
			stage,
			closeDate: '2026-12-15',
			region: 'EMEA',
			contactEmail: CONTACTS[i % 2],
		});
	}
	deals.push({
		dealId: `${tag}-R`,
		dealName: `${tag} unknown stage`,
		company: `Company ${tag}`,
		amount: 500,
		currency: 'GBP',
		stage: 'Negotiation',
		closeDate: '2026-12-01',
		region: 'EMEA',
		contactEmail: 'alan@example.com',
	});
	deals.push({
		dealId: `${tag}-I`,
		dealName: `${tag} bad amount`,
		company: `Company ${tag}`,
		amount: 'TBD',
		currency: 'USD',
		stage: 'Prospecting',
		closeDate: '2027-02-15',
		region: 'NA',
		contactEmail: 'barbara@example.com',
	});
	return { n, tag, kind: kindOf(n), deals };
}

const ELOQUA_NODE = {
	eloqua: 'Import into Eloqua',
	pipeline: 'Import into Eloqua and link contacts',
};
const RULER_NODE = 'Upload to Ruler';

/**
 * What the batch's run must show, per node and deal id: [output, status]. Failed items take the
 * error output (n8n 2.x). Also the rows each sandbox must receive and keep.
 */
function expected({ kind, deals }) {
	const good = deals.filter((deal) => !deal.dealId.endsWith('-R') && !deal.dealId.endsWith('-I'));
	const [rejected, invalid] = deals.slice(-2);
	const eloqua = Object.fromEntries([
		...good.map((deal) => [deal.dealId, ['main', 'imported']]),
		[rejected.dealId, ['error', 'rejected']],
		[invalid.dealId, ['error', 'invalid']],
	]);
	const nodes = { [ELOQUA_NODE[kind]]: eloqua };
	const result = {
		nodes,
		/** Rows uploaded to Eloqua (the invalid one is never sent) and rows Eloqua keeps. */
		eloquaSent: [...good, rejected].map((deal) => deal.dealId),
		eloquaKept: good.map((deal) => deal.dealId),
		linked: kind === 'pipeline' ? good.map((deal) => deal.dealId) : [],
		rulerSent: [],
		rulerKept: [],
	};
	if (kind === 'pipeline') {
		nodes[RULER_NODE] = Object.fromEntries(
			good.map((deal) => [
				deal.dealId,
				deal.stage === 'Qualification' ? ['error', 'rejected'] : ['main', 'uploaded'],
			]),
		);
		result.rulerSent = good.map((deal) => deal.dealId);
		result.rulerKept = good
			.filter((deal) => deal.stage !== 'Qualification')
			.map((deal) => deal.dealId);
	}
	return result;
}

module.exports = { batch, expected, ELOQUA_NODE, RULER_NODE };
