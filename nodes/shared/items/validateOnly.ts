import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Validate Only as a switch of its own, shown with an operation's main parameters. `sent` says what a
 * valid item reports as what would be sent.
 */
export function validateOnlyProperty(
	service: string,
	sent: string,
	show?: IDisplayOptions['show'],
): INodeProperties {
	return {
		displayName: 'Validate Only',
		name: 'validateOnly',
		type: 'boolean',
		default: false,
		...(show ? { displayOptions: { show } } : {}),
		description: `Whether to check every item and report it as valid (with ${sent} that would be sent) or invalid, without sending anything to ${service}. A safe first run.`,
	};
}

/**
 * The option Validate Only had before it became a switch: still in Options for nodes of version 1,
 * where a saved workflow may have set it, and hidden from newer nodes.
 */
export const legacyValidateOnlyOption: INodeProperties = {
	displayName: 'Validate Only (Old Setting)',
	name: 'validateOnly',
	type: 'boolean',
	default: false,
	displayOptions: { show: { '@version': [1] } },
	description:
		'Whether to validate only, as the Validate Only switch does; kept for workflows saved before the switch existed. Either one on validates only.',
};

/** Whether the run only checks the items: the switch, or the option a saved workflow may still set. */
export function readValidateOnly(context: IExecuteFunctions, options: IDataObject): boolean {
	return (
		context.getNodeParameter('validateOnly', 0, false) === true || options.validateOnly === true
	);
}
