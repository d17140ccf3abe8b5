import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A blank cell leaves the stored value alone unless the user chose otherwise. */
export const DEFAULT_UPDATE_RULE = 'ifNewIsNotNull';

/**
 * What a blank cell does to the value stored in Eloqua: the `updateRule` of a definition the node
 * creates. Named `updateRule` so workflows saved with the former Update Rule option keep their choice.
 */
export function emptyValuesOption(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Empty Values',
		name: 'updateRule',
		type: 'options',
		options: [
			{
				name: "Clear Eloqua's Value",
				value: 'always',
				description: "A blank cell clears Eloqua's value; every other value replaces it",
			},
			{
				name: "Leave Eloqua's Value Unchanged",
				value: 'ifNewIsNotNull',
				description: "A blank cell keeps Eloqua's value; every other value replaces it",
			},
			{
				name: 'Only Fill Empty Eloqua Values',
				value: 'ifExistingIsNull',
				description: 'A value is written only where Eloqua has none; nothing is overwritten',
			},
			{
				name: "Use Each Field's Rule",
				value: 'useFieldRule',
				description: "Each field's own update rule in Eloqua decides",
			},
		],
		default: DEFAULT_UPDATE_RULE,
		description:
			"What an empty, missing or null value does to the value stored in Eloqua (the definition's update rule). Every row carries every column, so this decides it.",
		...extra,
	};
}

/** The update rule the Empty Values option chose, or the default. */
export function readUpdateRule(options: IDataObject): string {
	return typeof options.updateRule === 'string' && options.updateRule
		? options.updateRule
		: DEFAULT_UPDATE_RULE;
}
