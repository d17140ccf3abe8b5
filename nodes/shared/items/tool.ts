import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How long a node an AI Agent calls waits for the vendor by default: the model and the chat wait too. */
export const TOOL_MAX_WAIT_MINUTES = 2;

/** n8n runs a node that an AI Agent calls as a tool under its type name with "Tool" appended. */
export const isTool = (context: IExecuteFunctions): boolean =>
	context.getNode().type.endsWith('Tool');

/** Shown only when the node is an AI Agent's tool (n8n's `@tool` display condition). */
const inToolMode = (show: IDisplayOptions['show'] = {}): IDisplayOptions => ({
	show: { ...show, '@tool': [true] },
});

/**
 * The description the agent's model reads before it calls the tool. n8n adds a generic one
 * ("Import opportunities in Eloqua") only to a node without a `toolDescription` parameter, so this
 * default replaces it; the user can still edit it on the node.
 */
export function toolDescription(text: string, show?: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 8 },
		displayOptions: inToolMode(show),
		description:
			'What the AI model reads about this tool: what one call does, how long it takes and the rules its values must follow',
	};
}

/** A notice shown only in tool mode. */
export function toolNotice(name: string, text: string, show?: IDisplayOptions['show']) {
	const notice: INodeProperties = {
		displayName: text,
		name,
		type: 'notice',
		default: '',
		displayOptions: inToolMode(show),
	};
	return notice;
}
