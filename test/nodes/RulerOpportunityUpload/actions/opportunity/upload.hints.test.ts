import type { INodeProperties } from 'n8n-workflow';

import { RulerOpportunityUpload } from '../../../../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { errorOf } from '../../../../harness/engine';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../../../../harness/ruler';

const field = (name: string) =>
	new RulerOpportunityUpload().description.properties.find(
		(p) => p.name === name,
	) as INodeProperties;

describe('the hints next to the fields say the rule the node checks, and the usual fix', () => {
	const env = useRulerSandbox();

	it('Site ID: letters, digits, - and _, in plain words, and where to get it', () => {
		const { hint, description } = field('siteId');
		expect(hint).toBe(
			'Only letters, digits, - and _ (no spaces or slashes): it becomes part of the upload address',
		);
		expect(description).toMatch(/ask Ruler support for the site ID of the user in the credential/);
	});

	it('Site ID: what the hint allows is sent, what it does not is refused', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(
			sandbox,
			uploadParameters({}, { validateOnly: true }),
			[deal('S-0', { siteId: 'eu-site_2' }), deal('S-1', { siteId: 'eu site/2' })],
			{ onError: 'continueRegularOutput' },
		);

		expect(main[0].json).toMatchObject({ status: 'valid', siteId: 'eu-site_2' });
		expect(errorOf(main[1]).message).toBe(
			'Item 1 (reference "S-1"): Site ID may only contain letters, digits, "-" and "_" (it becomes part of the request address), got "eu site/2"',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Opportunity Date: "not in the future" next to the field, with the time zone fix', () => {
		expect(field('opportunityDateTime').hint).toBe(
			"Must not be in the future. If today's deals are refused as future, check the workflow's time zone (Workflow Settings) or give the time with its offset, e.g. 2024-05-01T09:30:00+02:00.",
		);
	});

	it('Opportunity Value: a number, and how to send a deal with no value yet', () => {
		expect(field('opportunityValue')).toMatchObject({
			type: 'string',
			required: true,
			default: '',
			placeholder: '1000',
			hint: 'A number like 1000 or 1000.50, usually an expression reading the deal amount. Type 0 for a deal with no value yet.',
		});
	});
});
