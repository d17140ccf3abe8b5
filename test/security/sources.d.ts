/**
 * The given files, and every source file under the given folders (relative paths), with their text.
 * `optional` paths are read only when they exist (built output, say).
 */
export function sourceFiles(
	paths: string[],
	optional?: string[],
): Array<{ path: string; text: string }>;
