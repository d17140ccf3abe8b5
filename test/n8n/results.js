'use strict';
// Reads what this package's nodes did to each item out of n8n's run data, and prints it.
const PACKAGE = 'n8n-nodes-eloqua-ruler.';

/** One row per item a node of this package put on its main or error output. */
function itemResults(run, workflow) {
	const runData = run?.data?.resultData?.runData ?? {};
	const ours = workflow.nodes.filter((node) => node.type.startsWith(PACKAGE));
	return ours.flatMap((node) => {
		const outputs = runData[node.name]?.[0]?.data?.main ?? [];
		const row = (output) => (item) => {
			// A failed item's own result is its `error`; on the error output the engine merged the input
			// item's fields (perhaps an earlier node's status) beside it.
			const failure =
				item.json.error && typeof item.json.error === 'object' ? item.json.error : undefined;
			const own = failure ?? item.json;
			return {
				node: node.name,
				output,
				item: item.pairedItem?.item ?? null,
				status: own.status ?? null,
				id: own.opportunityId ?? own.reference ?? null,
				link: own.link?.status ?? null,
				error: failure?.message ?? null,
				json: item.json,
			};
		};
		return [...(outputs[0] ?? []).map(row('main')), ...(outputs[1] ?? []).map(row('error'))];
	});
}

const cut = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function table(rows) {
	const header = ['node', 'output', 'item', 'status', 'link', 'id', 'error'];
	const cells = rows.map((r) => [
		r.node,
		r.output,
		String(r.item),
		String(r.status),
		r.link ?? '',
		String(r.id),
		cut(String(r.error ?? ''), 90),
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (values) =>
		values
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function totals(rows) {
	const counts = {};
	for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
	return (
		Object.entries(counts)
			.map(([status, count]) => `${count} ${status}`)
			.join(', ') || 'no items'
	);
}

module.exports = { itemResults, table, totals };
