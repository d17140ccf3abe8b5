/** A URL from a credential or an answer, without surrounding spaces or trailing slashes. */
export function trimSlash(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '');
}
