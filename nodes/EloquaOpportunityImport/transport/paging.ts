import type { IDataObject } from 'n8n-workflow';

import type { EloquaClient } from './client';

/** Eloqua pages lists with `limit` (at most 1000) and `offset`, answering `items` and `hasMore`. */
const MAX_PAGE = 1000;

/** Reads a Bulk API list page by page until it ends or `wanted` items are in. */
export async function readPages(
	client: EloquaClient,
	path: string,
	wanted = Infinity,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (let offset = 0; items.length < wanted; ) {
		const limit = Math.min(MAX_PAGE, wanted - items.length);
		const page = await client.bulk<{ items?: IDataObject[]; hasMore?: boolean }>({
			method: 'GET',
			path,
			qs: { ...qs, limit, offset },
		});
		const pageItems = page.items ?? [];
		items.push(...pageItems);
		offset += pageItems.length;
		if (!page.hasMore || pageItems.length === 0) break;
	}
	return items.slice(0, wanted);
}
