import type { IDataObject, INode } from 'n8n-workflow';

import {
	stageAndSync,
	type StagingRow,
} from '../../nodes/EloquaOpportunityImport/import/lifecycle';
import type {
	BulkRequest,
	EloquaClient,
} from '../../nodes/EloquaOpportunityImport/transport/client';

/** A client that answers like Eloqua and records the order of calls. */
function recordingClient() {
	const calls: string[] = [];
	let syncs = 0;
	const client = {
		signal: undefined,
		nodeForErrors: () => ({ name: 'Eloqua' }) as INode,
		async bulk(request: BulkRequest): Promise<IDataObject> {
			if (request.path.endsWith('/data')) {
				calls.push(`upload ${JSON.parse(String(request.body)).length}`);
				return {};
			}
			if (request.method === 'POST' && request.path === '/syncs') {
				calls.push('sync');
				return { uri: `/syncs/${++syncs}`, status: 'pending' };
			}
			if (request.path.endsWith('/logs')) return { items: [] };
			calls.push('wait');
			return { status: 'success' };
		},
	};
	return { client: client as unknown as EloquaClient, calls };
}

const rows = (n: number): StagingRow[] =>
	Array.from({ length: n }, (_, i) => ({
		itemIndex: i,
		key: String(i),
		identifier: String(i),
		values: { id: String(i), pad: 'x'.repeat(10) },
	}));

const plan = (client: EloquaClient, syncEvery: { uploads: number; bytes: number }) => ({
	client,
	definitionUri: '/opportunities/imports/1',
	key: [{ column: 'id', caseSensitive: true }],
	toRow: (values: IDataObject) => values as Record<string, string>,
	limits: { maxRecords: 2, maxBytes: 1000 },
	waitForSync: true,
	poll: { intervalMs: 1, maxWaitMs: 1000 },
	syncEvery,
});

describe('when the life cycle syncs before uploading more', () => {
	it('syncs and waits after the upload limit per sync, then goes on with the same definition', async () => {
		const { client, calls } = recordingClient();
		const { outcomes } = await stageAndSync(plan(client, { uploads: 2, bytes: Infinity }), rows(9));
		expect(calls).toEqual([
			'upload 2',
			'upload 2',
			'sync',
			'wait',
			'upload 2',
			'upload 2',
			'sync',
			'wait',
			'upload 1',
			'sync',
			'wait',
		]);
		expect(outcomes.map((o) => o.status)).toEqual(Array(9).fill('done'));
	});

	it('syncs once the staged bytes reach the limit (Eloqua asks for about every 250 MB)', async () => {
		const { client, calls } = recordingClient();
		await stageAndSync(plan(client, { uploads: 500, bytes: 100 }), rows(6));
		// Each upload of two rows is about 60 bytes: the second one crosses 100.
		expect(calls).toEqual(['upload 2', 'upload 2', 'sync', 'wait', 'upload 2', 'sync', 'wait']);
	});
});
