import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Checks a URI (from Eloqua or from the user) before it becomes part of a request path: only
 * `/<collection>/<digits>` under known segments, so nothing can add `../`, a query or a fragment.
 * A bare number is read as an ID in the collection.
 */
export function checkedUri(node: INode, uri: unknown, collection: string, parent = ''): string {
	const text = String(uri ?? '').trim();
	if (/^\d+$/.test(text)) return `${parent}/${collection}/${text}`;
	const pattern = new RegExp(`^${parent.replace(/\//g, '\\/')}/${collection}/\\d+$`);
	if (pattern.test(text)) return text;
	throw new NodeOperationError(
		node,
		`"${text.slice(0, 80)}" is not a valid ${collection} URI or ID`,
		{ description: `Use a number, or a URI such as ${parent}/${collection}/123.` },
	);
}
