import type { IDataObject } from 'n8n-workflow';

import type { EloquaClient } from '../transport/client';

export interface Reject {
	recordIndex?: number;
	fieldValues: IDataObject;
	invalidFields: string[];
	statusCode: string;
	message: string;
}

const PAGE_SIZE = 1000;

function readReject(entry: IDataObject): Reject {
	const fieldValues = entry.fieldValues;
	return {
		recordIndex: typeof entry.recordIndex === 'number' ? entry.recordIndex : undefined,
		fieldValues: fieldValues && typeof fieldValues === 'object' ? (fieldValues as IDataObject) : {},
		invalidFields: Array.isArray(entry.invalidFields) ? entry.invalidFields.map(String) : [],
		statusCode: String(entry.statusCode ?? ''),
		message: String(entry.message ?? ''),
	};
}

/** Every reject of a sync, paged 1000 at a time. */
export async function readRejects(client: EloquaClient, syncUri: string): Promise<Reject[]> {
	const rejects: Reject[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const page = await client.bulk<{ items?: IDataObject[]; hasMore?: boolean }>({
			method: 'GET',
			path: `${syncUri}/rejects`,
			qs: { limit: PAGE_SIZE, offset },
		});
		const items = page.items ?? [];
		rejects.push(...items.map(readReject));
		if (!page.hasMore || items.length === 0) return rejects;
	}
}

/** A row as it was staged in a sync, in upload order. */
export interface StagedRow {
	itemIndex: number;
	/** The identifier value as sent. */
	identifier: string;
}

export interface RejectMatching {
	identifierColumn: string;
	caseSensitive: boolean;
}

/**
 * Maps rejects back to the items that caused them: by the identifier value Eloqua echoes in
 * `fieldValues` (identifiers are unique within a run), and by `recordIndex` (1-based, counted across
 * the sync's uploads) only when the identifier is missing or unknown. Returns the rejects per item
 * index, and the rejects that matched no item.
 */
export function mapRejectsToItems(
	rejects: Reject[],
	staged: StagedRow[],
	matching: RejectMatching,
): { byItem: Map<number, Reject[]>; unmatched: Reject[] } {
	const normalise = (value: string) => (matching.caseSensitive ? value : value.toLowerCase());
	const byIdentifier = new Map(staged.map((row) => [normalise(row.identifier), row.itemIndex]));
	const byItem = new Map<number, Reject[]>();
	const unmatched: Reject[] = [];
	for (const reject of rejects) {
		const echoed = reject.fieldValues[matching.identifierColumn];
		let itemIndex = typeof echoed === 'string' || typeof echoed === 'number' ? byIdentifier.get(normalise(String(echoed))) : undefined;
		if (itemIndex === undefined && reject.recordIndex !== undefined) {
			itemIndex = staged[reject.recordIndex - 1]?.itemIndex;
		}
		if (itemIndex === undefined) {
			unmatched.push(reject);
			continue;
		}
		byItem.set(itemIndex, [...(byItem.get(itemIndex) ?? []), reject]);
	}
	return { byItem, unmatched };
}
