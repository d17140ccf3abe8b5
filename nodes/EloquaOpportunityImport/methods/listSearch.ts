import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { DEFINITION_KINDS, definitionKindOf } from '../helpers/definition';
import { EloquaClient } from '../transport/client';

const PAGE_SIZE = 100;

/** Import definitions by name for the definition picker, newest pages on demand. */
export async function searchImportDefinitions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const { parent, collection } =
		DEFINITION_KINDS[
			definitionKindOf(
				this.getNodeParameter('resource', 'opportunity'),
				this.getNodeParameter('definitionType', 'opportunity'),
			)
		];
	const page = await EloquaClient.forNode(this).bulk<{ items?: IDataObject[]; hasMore?: boolean }>({
		method: 'GET',
		path: `${parent}/${collection}`,
		qs: { limit: PAGE_SIZE, offset },
	});
	const wanted = (filter ?? '').toLowerCase();
	const results = (page.items ?? [])
		.map((definition) => ({
			name: `${String(definition.name ?? 'Unnamed')} (${String(definition.uri ?? '')})`,
			value:
				String(definition.uri ?? '')
					.split('/')
					.pop() ?? '',
		}))
		.filter((result) => result.value && result.name.toLowerCase().includes(wanted));
	return { results, paginationToken: page.hasMore ? String(offset + PAGE_SIZE) : undefined };
}
