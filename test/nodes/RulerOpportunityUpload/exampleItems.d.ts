import type { IDataObject } from 'n8n-workflow';

/** The json of each item the named Code node of an example workflow returns. */
export function codeNodeItems(workflow: unknown, nodeName: string): IDataObject[];
