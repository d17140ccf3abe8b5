import { NodeHelpers, type INode, type INodeProperties } from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../../../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';

const { description } = new EloquaOpportunityImport();
const nodeAt = (typeVersion: number, parameters = {}) => ({ typeVersion, parameters }) as INode;
const IMPORT = { resource: 'opportunity', operation: 'import' };
const columnsProperties = () => description.properties.filter((p) => p.name === 'columns');

/** A mapping saved by the editor: each column as a field expression, with the schema it showed. */
function savedMapping(columns: string[]) {
	const schema = ['OpportunityID', 'OpportunityName', 'Amount', 'Stage', 'Currency'].map((id) => ({
		id,
		displayName: id,
		required: id !== 'Currency',
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		removed: !columns.includes(id),
	}));
	const value = Object.fromEntries(columns.map((id) => [id, `={{ $json.${id} }}`]));
	return { mappingMode: 'defineBelow', value, matchingColumns: [], schema };
}

describe('required columns in the mapper', () => {
	const env = useEloquaSandbox();

	it("uses n8n's add mode from version 1.1 and keeps map mode for version 1", () => {
		const modeAt = (version: number) =>
			columnsProperties()
				.filter((p) => NodeHelpers.displayParameter(IMPORT, p, nodeAt(version), description))
				.map((p) => p.typeOptions?.resourceMapper?.mode);
		expect([modeAt(1), modeAt(1.1)]).toEqual([['map'], ['add']]);
		expect(description.defaultVersion).toBe(1.1);
	});

	it('version 1.1: a mapping without a required column does not run, and nothing is sent', async () => {
		const { sandbox } = env;
		const parameters = importParameters({
			columns: savedMapping(['OpportunityID', 'OpportunityName', 'Stage']),
		});

		await expect(
			runEloqua(sandbox, parameters, [opportunity('R1')], { typeVersion: 1.1 }),
		).rejects.toThrow(/node has issues:\n- Column "Amount" is required/);
		expect(sandbox.requests).toHaveLength(0);
		// What the editor shows on the node before any run.
		const issues = NodeHelpers.getNodeParametersIssues(
			description.properties,
			{ ...nodeAt(1.1, parameters), name: 'Eloqua', type: 'eloqua', id: '1', position: [0, 0] },
			description,
		);
		expect(issues?.parameters).toMatchObject({
			'columns.Amount': ['Column "Amount" is required'],
		});
	});

	it('version 1.1: a mapping with every required column runs (an optional one may be left out)', async () => {
		const { sandbox } = env;
		const parameters = importParameters({
			columns: savedMapping(['OpportunityID', 'OpportunityName', 'Amount', 'Stage']),
		});

		const { main, error } = await runEloqua(sandbox, parameters, [opportunity('R2')], {
			typeVersion: 1.1,
		});

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(['imported']);
	});

	it('version 1 (saved workflows): n8n checks nothing, the node runs and its own checks report', async () => {
		const { sandbox } = env;
		const parameters = importParameters({
			columns: savedMapping(['OpportunityID', 'OpportunityName', 'Stage']),
		});

		const { error } = await runEloqua(sandbox, parameters, [opportunity('R3')], { typeVersion: 1 });

		// The node's own check, run time: it names the column (nothing is sent either way).
		expect(error?.name).not.toBe('WorkflowHasIssuesError');
		expect(error?.message).toMatch(/required columns.*Amount/);
	});
});

describe('Validate Only as a switch of its own (Eloqua)', () => {
	const env = useEloquaSandbox();
	const oldOptions = () =>
		description.properties
			.filter((p) => p.name === 'options')
			.flatMap((p) => (p.options as INodeProperties[]).filter((o) => o.name === 'validateOnly'));

	it('is a top-level switch of both imports, shown before Options', () => {
		for (const resource of ['opportunity', 'opportunityContactLink']) {
			const shown = description.properties.filter((p) =>
				NodeHelpers.displayParameter(
					{ resource, operation: 'import' },
					p,
					nodeAt(1.1),
					description,
				),
			);
			const names = shown.map((p) => p.name);
			expect(names).toContain('validateOnly');
			expect(names.indexOf('validateOnly')).toBeLessThan(names.indexOf('options'));
		}
	});

	it('keeps the old option for version 1 nodes only, where saved workflows may have set it', () => {
		const shown = (version: number) =>
			oldOptions().map((o) => NodeHelpers.displayParameter({}, o, nodeAt(version), description));
		// Opportunity → Import and Opportunity Contact Link → Import.
		expect(shown(1)).toEqual([true, true]);
		expect(shown(1.1)).toEqual([false, false]);
	});

	it.each([
		['the switch (version 1.1)', { validateOnly: true }, {}, 1.1],
		['the old option of a saved workflow (version 1)', {}, { validateOnly: true }, 1],
	])('checks and sends nothing when set by %s', async (_, overrides, options, typeVersion) => {
		const { sandbox } = env;

		const { main, error } = await runEloqua(
			sandbox,
			importParameters(overrides, options),
			[opportunity('V1'), opportunity('V2')],
			{ typeVersion },
		);

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(['valid', 'valid']);
		// Only the field list is read (to know the columns); nothing is created or uploaded.
		expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});
});
