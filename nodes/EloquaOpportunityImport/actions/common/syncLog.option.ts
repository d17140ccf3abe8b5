import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Include Sync Log: every item's shared sync summary carries the sync's full log. */
export const syncLogOption: INodeProperties = {
	displayName: 'Include Sync Log',
	name: 'includeSyncLog',
	type: 'boolean',
	default: false,
	description:
		"Whether each item's sync summary carries the sync's full log (counts per Eloqua code). Off: the summary says the sync's URI, status, rows and rejected rows.",
};

export const readIncludeSyncLog = (options: IDataObject): boolean =>
	options.includeSyncLog === true;
