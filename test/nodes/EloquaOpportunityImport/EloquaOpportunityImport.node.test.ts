import type { INodeProperties } from 'n8n-workflow';

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
