/** The file part of a multipart/form-data body, or undefined. */
export function filePart(contentType: unknown, body: string): string | undefined;
/** RFC 4180 rows of cells, empty rows left out. */
export function parseCsv(text: string): string[][];
export const COLUMNS: string[];
