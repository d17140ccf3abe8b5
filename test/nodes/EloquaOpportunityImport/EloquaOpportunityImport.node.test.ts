import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';

const { properties } = new EloquaOpportunityImport().description;

/** Every text a user reads about the account link: the Link To choice and the field it matches. */
function accountTexts(): string[] {
	const linkTo = properties.filter((p) => p.name === 'linkTo');
	const accountChoices = linkTo.flatMap((p) =>
		(p.options as Array<{ value?: unknown; description?: string }>)
			.filter((o) => o.value === 'Account')
			.map((o) => o.description ?? ''),
	);
	const fields = properties
		.filter((p: INodeProperties) => p.name === 'accountField')
		.map((p) => p.description ?? '');
	return [...accountChoices, ...fields];
}

describe('what the node says it does not know', () => {
	it('marks the account linkage statement as unverified wherever it is offered', () => {
		const texts = accountTexts();
		// The link options appear for the linkage import and for linking after an import.
		expect(texts.length).toBeGreaterThanOrEqual(4);
		for (const text of texts) expect(text).toMatch(/unverified/i);
	});
});

describe('the actions panel', () => {
	/** The actions in the order n8n's actions panel lists them: by resource, then by operation. */
	function actionsInPanelOrder(): Array<string | undefined> {
		const resource = properties.find((p) => p.name === 'resource')!;
		return (resource.options as INodePropertyOptions[]).flatMap((option) =>
			properties
				.filter(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(option.value),
				)
				.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.action)),
		);
	}

	it('lists the everyday actions first and the definition and sync admin actions after them', () => {
		const actions = actionsInPanelOrder();
		expect(actions.slice(0, 2)).toEqual([
			'Import opportunities',
			'Link opportunities to contacts or accounts',
		]);
		expect(actions.slice(2)).toHaveLength(9);
	});

	it('keeps resources in alphabetical order too, so that any sorted list starts with Opportunity', () => {
		const names = (
			properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
		).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names[0]).toBe('Opportunity');
	});
});

describe('Custom API Call', () => {
	// n8n 1.123.81 and 2.41.1 (LoadNodesAndCredentials.injectCustomApiCallOptions) add a "Custom API
	// Call" choice only to a node whose defaultVersion is unset or equals its version. This node cannot
	// serve one (its Eloqua address is found per run), so it must not be offered.
	it('is not added by n8n: the node is versioned, with 1.1 as its default', () => {
		const { version, defaultVersion } = new EloquaOpportunityImport().description;
		expect(version).toEqual([1, 1.1]);
		expect(defaultVersion).toBe(1.1);
		expect(defaultVersion === undefined || defaultVersion === version).toBe(false);
	});
});
