import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { DEFINITION_KINDS, definitionKindOf, type DefinitionKind } from '../helpers/definition';
import { EloquaClient } from '../transport/client';

const PAGE_SIZE = 100;

const KIND_NAMES: Record<DefinitionKind, string> = {
	opportunity: 'opportunity import definition',
	contactLink: 'opportunity contact link import definition',
};

/**
 * The list's only entry when nothing was found: why, and what to do. Its value is empty, so picking
 * it leaves the definition unset.
 */
function nothingFound(
	kind: DefinitionKind,
	resource: unknown,
	filter: string,
): INodeListSearchItems {
	const create =
		resource === 'opportunity'
			? 'set Import Definition to "Create One for This Run" to let the node create one, or create one in Eloqua'
			: 'create one with Import Definition → Create, or in Eloqua';
	const name = filter
		? `No ${KIND_NAMES[kind]} has "${filter}" in its name: clear the search to see them all, or ${create}.`
		: `No ${KIND_NAMES[kind]}s on this Eloqua instance: ${create}. Expected some? Check which Eloqua user the credential signs in as.`;
	return { name, value: '' };
}

/** Import definitions by name for the definition picker, newest pages on demand. */
export async function searchImportDefinitions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const resource = this.getNodeParameter('resource', 'opportunity');
	const kind = definitionKindOf(resource, this.getNodeParameter('definitionType', 'opportunity'));
	const { parent, collection } = DEFINITION_KINDS[kind];
	const client = EloquaClient.forNode(this);
	const wanted = (filter ?? '').trim();
	let offset = Number(paginationToken ?? 0) || 0;
	// A page none of whose definitions match would end the list: read on until one does.
	for (;;) {
		const page = await client.bulk<{ items?: IDataObject[]; hasMore?: boolean }>({
			method: 'GET',
			path: `${parent}/${collection}`,
			qs: { limit: PAGE_SIZE, offset },
		});
		const results = (page.items ?? [])
			.map((definition) => ({
				name: `${String(definition.name ?? 'Unnamed')} (${String(definition.uri ?? '')})`,
				value:
					String(definition.uri ?? '')
						.split('/')
						.pop() ?? '',
			}))
			.filter((result) => result.value && result.name.toLowerCase().includes(wanted.toLowerCase()));
		offset += PAGE_SIZE;
		const more = page.hasMore ? String(offset) : undefined;
		if (results.length > 0) return { results, paginationToken: more };
		if (!more) return { results: paginationToken ? [] : [nothingFound(kind, resource, wanted)] };
	}
}
