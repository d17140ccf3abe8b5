import type { StatusExplanations } from '../../shared/transport/explain';

/** What each status documented for the Bulk API means here, and what the user can do about it. */
export const ELOQUA_STATUS: StatusExplanations = {
	400: {
		message: 'Eloqua rejected the request as invalid (HTTP 400)',
		description:
			"A field, value or definition setting does not meet Eloqua's rules (listed below). After 500 uploads without a sync Eloqua also answers 400; the node syncs before that, so this usually means a bad column or value.",
	},
	401: {
		message: 'Eloqua did not accept the credentials (HTTP 401)',
		description:
			'Check the credential: site name, username, password, or reconnect OAuth2. The node already looked up the instance address again in case it moved.',
	},
	403: {
		message: 'Eloqua refused access (HTTP 403)',
		description:
			'The user lacks the permission for bulk imports of opportunities, or the service is not enabled for your site. Ask your Eloqua administrator to grant "Advanced Users – Marketing" API access and enable opportunities.',
	},
	404: {
		message: 'Eloqua did not find the resource, or the upload was over 32 MB (HTTP 404)',
		description:
			'The import definition or sync may have been deleted (check the ID), or an upload exceeded Eloqua\'s 32 MB limit: lower "Max Upload Size (MB)" in Options.',
	},
	409: {
		message: 'Eloqua reported a conflict (HTTP 409)',
		description:
			'The definition is busy: a sync on it is still pending or active. Wait for it to end, or use a new definition.',
	},
	410: {
		message: 'The resource is no longer available in Eloqua (HTTP 410)',
		description:
			'The definition or sync expired or was deleted. Create a new definition and run again.',
	},
	412: {
		message: 'Eloqua cannot delete it because something depends on it (HTTP 412)',
		description:
			'Another definition or sync still uses this resource. Delete unused import definitions first (they also block deleting fields).',
	},
	413: {
		message: "Eloqua's staging storage is full (HTTP 413)",
		description:
			'Too much data is staged and not yet synced (ELQ-00136). Sync or clear staged data on old definitions, send smaller batches, and try again later.',
	},
	429: {
		message: 'Eloqua is limiting the request rate (HTTP 429)',
		description:
			'The node retried with growing pauses and gave up. Run fewer imports at once (Eloqua allows about 2000 import syncs per hour per instance) and try again later.',
	},
	500: {
		message: 'Eloqua had an internal error (HTTP 500)',
		description:
			"This is on Eloqua's side. Try again later; if it keeps happening, contact Oracle support with the time of the run.",
	},
	502: {
		message: "Eloqua's gateway failed (HTTP 502)",
		description: 'The node retried and gave up. Eloqua may be under maintenance; try again later.',
	},
	503: {
		message: 'Eloqua timed out processing the request (HTTP 503)',
		description:
			'The node retried with growing pauses and gave up. Try again later, or send smaller uploads.',
	},
};

/** Plain words for the sync codes a user meets most. */
export const ELQ_CODES: Record<string, string> = {
	'ELQ-00039': 'the opportunity stage is not one of the stages configured in Eloqua',
	'ELQ-00084':
		'the opportunity does not exist in Eloqua yet (import the opportunity first, then link it)',
	'ELQ-00085': 'no contact (or account) in Eloqua matches the value given to link to',
	'ELQ-00122': 'the rows failed validation, so the sync did not proceed',
	'ELQ-00136': "Eloqua's staging storage is full",
	'ELQ-00143': 'the import definition was deleted while its sync was running',
	'ELQ-00146': 'Eloqua had a temporary error; retry in about an hour',
};
