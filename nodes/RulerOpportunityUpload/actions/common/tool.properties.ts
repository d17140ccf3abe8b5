import type { INodeProperties } from 'n8n-workflow';

import { toolDescription } from '../../../shared/items/tool';

const UPLOAD_TOOL = `Uploads one sales opportunity (deal) to Ruler Analytics, which credits the marketing that brought the visitor. One call sends the deal given in its arguments and returns one result for it.
Latency: about a second; longer only when Ruler asks to slow down.
Result: "status" is "uploaded" once Ruler accepted the deal. Any other status comes with a "message" saying which value Ruler or the node refused and why: correct that value and call again; a deal already uploaded needs no second call.
Value rules:
- Opportunity Value: a plain number with a dot for decimals and no currency symbol or thousands separators (1250.50, not "1,250.50" or "£1250").
- Currency Code: the three-letter ISO 4217 code (GBP, EUR, USD).
- Pipeline Stage: spelled exactly as set up in Ruler, in the same case; never translate or invent a stage.
- Opportunity Date: yyyy-MM-dd, today or earlier, never in the future.
- Reference: the deal's ID in the CRM, unchanged.
- Visitor: the email address (or phone number) of the person behind the deal.`;

/** What the node shows and reads only when an AI Agent uses it as a tool. */
export const toolProperties: INodeProperties[] = [
	toolDescription(UPLOAD_TOOL, { resource: ['opportunity'], operation: ['upload'] }),
];
