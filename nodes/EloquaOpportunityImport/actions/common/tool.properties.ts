import type { INodeProperties } from 'n8n-workflow';

import { TOOL_MAX_WAIT_MINUTES, toolDescription, toolNotice } from '../../../shared/items/tool';

const IMPORT_TOOL = `Imports sales opportunities (deals) into Oracle Eloqua. One call imports the deal given in its arguments and returns one result for it.
Latency: 10 seconds to a few minutes, because Eloqua processes imports in batches; call it once per deal and wait for the answer.
Result: "status" is "imported" once Eloqua confirmed the deal. "staged" means Eloqua had not finished within the wait: the deal is queued, do not send it again. Any other status comes with a "message" naming the field and the rule it broke: correct that value and call again.
Value rules:
- Amount: a plain number with a dot for decimals and no currency symbol or thousands separators (1250.50, not "1,250.50" or "$1250").
- Currency: the three-letter ISO 4217 code (USD, EUR, GBP).
- Stage: spelled exactly as set up in Eloqua, in the same case; never translate or invent a stage.
- Dates: yyyy-MM-dd (or yyyy-MM-dd HH:mm:ss); a created date is today or earlier, never in the future.
- Opportunity ID: the deal's ID in the CRM, unchanged.`;

const OTHER_TOOL =
	'Runs the chosen Eloqua Bulk API action: linking imported opportunities to contacts, or managing import definitions and syncs. Use it only when the user asks for that action; it does not import deals.';

const isImport = { resource: ['opportunity'], operation: ['import'] };

/** What the node shows and reads only when an AI Agent uses it as a tool. */
export const toolProperties: INodeProperties[] = [
	toolDescription(IMPORT_TOOL, isImport),
	toolDescription(OTHER_TOOL, { resource: ['opportunityContactLink', 'importDefinition', 'sync'] }),
	toolNotice(
		'toolWaitNotice',
		`As a tool the node waits at most ${TOOL_MAX_WAIT_MINUTES} minutes for Eloqua's sync unless Max Wait (Minutes) is set in the options; deals not done by then come out as "staged" with the sync's URI. Wait for Sync and Link to Contacts are settings the model cannot change.`,
		isImport,
	),
];
