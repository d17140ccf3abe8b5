/** The given files, and every source file under the given folders (relative paths), with their text. */
export function sourceFiles(paths: string[]): Array<{ path: string; text: string }>;
