import { preview } from '../values/text';

/** "Item 3", or "Item 3 (OpportunityID "A-1")" when the item's key is known: how every message names an item. */
export function itemLabel(itemIndex: number, keyName?: string, keyValue?: unknown): string {
	const known =
		keyName && keyValue !== undefined && keyValue !== null && String(keyValue).trim() !== '';
	return known ? `Item ${itemIndex} (${keyName} ${preview(keyValue)})` : `Item ${itemIndex}`;
}
