import { NodeHelpers, type INode, type INodeProperties } from 'n8n-workflow';

import { RulerOpportunityUpload } from '../../../../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../../../../harness/ruler';

const { description } = new RulerOpportunityUpload();
const top = (name: string) => description.properties.find((p) => p.name === name)!;
const oldOption = () =>
	(top('options').options as INodeProperties[]).find((o) => o.name === 'validateOnly')!;
const nodeAt = (typeVersion: number) => ({ typeVersion, parameters: {} }) as INode;

describe('Validate Only as a switch of its own (Ruler)', () => {
	const env = useRulerSandbox();

	it('is a top-level switch, shown before Options', () => {
		const names = description.properties.map((p) => p.name);
		expect(top('validateOnly')).toMatchObject({ type: 'boolean', default: false });
		expect(names.indexOf('validateOnly')).toBeLessThan(names.indexOf('options'));
	});

	it('keeps the old option for version 1 nodes only, where saved workflows may have set it', () => {
		const shown = (version: number) =>
			NodeHelpers.displayParameter({}, oldOption(), nodeAt(version), description);
		expect([shown(1), shown(1.1)]).toEqual([true, false]);
	});

	it.each([
		['the switch (version 1.1)', { validateOnly: true }, {}, 1.1],
		['the old option of a saved workflow (version 1)', {}, { validateOnly: true }, 1],
	])('checks and sends nothing when set by %s', async (_, overrides, options, typeVersion) => {
		const { sandbox } = env;

		const { main, error } = await runRuler(
			sandbox,
			uploadParameters(overrides, options),
			[deal('V-0'), deal('V-1')],
			{ typeVersion },
		);

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(['valid', 'valid']);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('uploads when neither is on', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(
			sandbox,
			uploadParameters({ validateOnly: false }),
			[deal('U-0')],
			{
				typeVersion: 1.1,
			},
		);

		expect(main.map((item) => item.json.status)).toEqual(['uploaded']);
	});
});
