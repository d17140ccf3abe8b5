import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The chosen operation's subtitle: its action ("Import opportunities", "Get the status of a sync"),
 * or the text `subtitles` gives under "resource:operation", where `{name}` stands for the value of
 * the parameter `name` ("Upload to site {siteId}"). An expression without braces or functions: it
 * runs in every n8n version's editor.
 */
export function actionSubtitle(
	properties: INodeProperties[],
	subtitles: Record<string, string> = {},
): string {
	const actions = properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => {
				const key = `${String(property.displayOptions?.show?.resource?.[0])}:${String(option.value)}`;
				return { key, text: subtitles[key] ?? String(option.action) };
			}),
		);
	const keys = JSON.stringify(actions.map((a) => a.key));
	const texts = actions
		.map(({ text }) =>
			JSON.stringify(text).replace(/\{(\w+)\}/g, (_, name) => `" + $parameter["${name}"] + "`),
		)
		.join(', ');
	return `={{ [${texts}][${keys}.indexOf($parameter["resource"] + ":" + $parameter["operation"])] || "" }}`;
}
