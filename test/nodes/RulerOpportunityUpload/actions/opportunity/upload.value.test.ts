import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { RulerOpportunityUpload } from '../../../../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { errorOf } from '../../../../harness/engine';
import {
	deal,
	fieldsOf,
	runContinuing,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
	type RulerSandbox,
} from '../../../../harness/ruler';

const sentValues = (sandbox: RulerSandbox) =>
	uploadsOf(sandbox).map((r) => {
		const body = JSON.parse(r.body ?? '') as IDataObject;
		return [body.Reference, body.OpportunityValue];
	});

/** The warning an item carries when its value was rounded on its way to Ruler. */
const rounded = (given: number, sent: number) => ({
	field: 'Opportunity Value',
	value: given,
	message: `Opportunity Value ${given} was sent as ${sent}: Ruler documents a whole number, so it was rounded half away from zero. To send decimals, set Value Sent As to Decimal as Given.`,
});

const valueFieldsOf = (json: IDataObject) => ({
	valueGiven: json.valueGiven,
	valueSent: json.valueSent,
	warnings: json.warnings,
});

describe('Opportunity Value: a whole number by default, as the upload page documents an int', () => {
	const env = useRulerSandbox();

	it('rounds half away from zero, sends the whole number and says so on the item', async () => {
		const { sandbox } = env;
		const items = [
			deal('R-0', { value: 1000.5 }),
			deal('R-1', { value: -2.5 }),
			deal('R-2', { value: ' 2.4 ' }),
			deal('R-3', { value: 1000 }),
			deal('R-4', { value: -0.4 }),
		];

		const { main, error } = await runRuler(sandbox, uploadParameters(), items);

		expect(error).toBeUndefined();
		expect(sentValues(sandbox)).toEqual([
			['R-0', 1001],
			['R-1', -3],
			['R-2', 2],
			['R-3', 1000],
			['R-4', 0],
		]);
		expect(uploadsOf(sandbox)[0].body).toMatch(/^\{"OpportunityValue":1001,"OpportunityDateTime"/);
		expect(main.map((item) => [item.json.status, valueFieldsOf(item.json)])).toEqual([
			['uploaded', { valueGiven: 1000.5, valueSent: 1001, warnings: [rounded(1000.5, 1001)] }],
			['uploaded', { valueGiven: -2.5, valueSent: -3, warnings: [rounded(-2.5, -3)] }],
			['uploaded', { valueGiven: 2.4, valueSent: 2, warnings: [rounded(2.4, 2)] }],
			['uploaded', { valueGiven: 1000, valueSent: 1000, warnings: [] }],
			['uploaded', { valueGiven: -0.4, valueSent: 0, warnings: [rounded(-0.4, 0)] }],
		]);
		expect(sandbox.stored('1234', 'R-0')?.OpportunityValue).toBe(1001);
	});

	it('puts the value as given and as sent on a failed item too', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ path: sandbox.uploadPath, status: 500, body: { message: 'Oops.' } });

		const { main } = await runContinuing(sandbox, [deal('F-0', { value: '99.5' })]);

		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "F-0"): Ruler had an internal error (HTTP 500)',
		);
		expect(fieldsOf(main[0])).toMatchObject({
			status: 'failed',
			valueGiven: 99.5,
			valueSent: 100,
			warnings: [rounded(99.5, 100)],
		});
		expect(sentValues(sandbox)).toEqual([['F-0', 100]]);
	});

	it('Validate Only shows the rounded value in the body and on the item, and sends nothing', async () => {
		const { sandbox } = env;

		const { main } = await runRuler(sandbox, uploadParameters({}, { validateOnly: true }), [
			deal('O-0', { value: 1234.56 }),
		]);

		expect(main[0].json).toEqual({
			status: 'valid',
			dealKey: 'O-0',
			reference: 'O-0',
			siteId: '1234',
			valueGiven: 1234.56,
			valueSent: 1235,
			warnings: [rounded(1234.56, 1235)],
			body: {
				OpportunityValue: 1235,
				OpportunityDateTime: '2024-05-01',
				PipelineStage: 'Closed Won',
				VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: 'o-0@example.com' }],
				CurrencyCode: 'GBP',
				Reference: 'O-0',
			},
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	it('sends decimals as given only when Value Sent As says so, without a warning', async () => {
		const { sandbox } = env;
		const parameters = uploadParameters({}, { roundValue: false });

		// The contract's model: the int field refuses a decimal, and the item says why.
		const refused = await runContinuing(sandbox, [deal('D-0', { value: 1000.5 })], {
			roundValue: false,
		});
		// A Ruler that takes decimals stores it as given.
		sandbox.config.wholeValuesOnly = false;
		const taken = await runRuler(sandbox, parameters, [deal('D-1', { value: 1000.5 })]);

		expect(sentValues(sandbox)).toEqual([
			['D-0', 1000.5],
			['D-1', 1000.5],
		]);
		expect(fieldsOf(refused.main[0])).toMatchObject({
			status: 'rejected',
			httpStatus: 400,
			valueGiven: 1000.5,
			valueSent: 1000.5,
			warnings: [],
			response: {
				errors: { OpportunityValue: ['The JSON value could not be converted to System.Int32.'] },
			},
		});
		expect(taken.main[0].json).toMatchObject({
			status: 'uploaded',
			valueGiven: 1000.5,
			valueSent: 1000.5,
			warnings: [],
		});
		expect(sandbox.stored('1234', 'D-1')?.OpportunityValue).toBe(1000.5);
	});
});

describe('Value Sent As in workflows saved with the old "Round Value to Integer" switch', () => {
	const env = useRulerSandbox();
	const node = new RulerOpportunityUpload();
	const opened = (options: IDataObject) =>
		NodeHelpers.getNodeParameters(
			node.description.properties,
			uploadParameters({}, options) as INodeParameters,
			true,
			false,
			{ typeVersion: 1 },
			node.description,
		)?.options;

	it('is a choice of Whole Number (the default) or Decimal as Given, kept under the old name', () => {
		const option = (
			node.description.properties.find((p) => p.name === 'options')
				?.options as unknown as IDataObject[]
		).find((o) => o.name === 'roundValue');
		expect(option).toMatchObject({
			displayName: 'Value Sent As',
			type: 'options',
			default: true,
			options: [
				expect.objectContaining({ name: 'Decimal as Given', value: false }),
				expect.objectContaining({ name: 'Whole Number', value: true }),
			],
		});
		expect(opened({ roundValue: false })).toEqual({ roundValue: false });
		expect(opened({ roundValue: true })).toEqual({ roundValue: true });
	});

	it.each([
		['switched on', { roundValue: true }, 1001],
		['switched off: decimals as before', { roundValue: false }, 1000.5],
		['never set: the new default', {}, 1001],
	])('old switch %s', async (_, options, sent) => {
		const { sandbox } = env;

		await runRuler(sandbox, uploadParameters({}, options), [deal('S-0', { value: 1000.5 })]);

		expect(sentValues(sandbox)).toEqual([['S-0', sent]]);
	});
});

describe('an Opportunity Value nobody set is missing, never an upload of 0', () => {
	const env = useRulerSandbox();
	const node = new RulerOpportunityUpload();
	const withoutValue = () => {
		const parameters = uploadParameters();
		delete parameters.opportunityValue;
		return parameters;
	};
	/** The problems n8n's editor shows on the node (⚠) for these saved parameters. */
	const editorIssues = (saved: IDataObject) => {
		const parameters = NodeHelpers.getNodeParameters(
			node.description.properties,
			saved as INodeParameters,
			true,
			false,
			{ typeVersion: 1 },
			node.description,
		) as INodeParameters;
		const issues = NodeHelpers.getNodeParametersIssues(
			node.description.properties,
			{
				id: 'ruler',
				name: 'Ruler',
				type: 'n8n-nodes-eloqua-ruler.rulerOpportunityUpload',
				typeVersion: 1,
				position: [0, 0],
				parameters,
			},
			node.description,
		);
		return Object.keys(issues?.parameters ?? {});
	};

	// n8n checks required parameters before it runs a workflow, in every mode: a value nobody set
	// stops the run before any item is read, naming the node and the parameter, like any setup error.
	it.each([
		['Validate Only', { validateOnly: true }],
		['an upload', {}],
	])('%s does not run, and says the value is required; nothing is sent', async (_, options) => {
		const { sandbox } = env;

		await expect(
			runRuler(sandbox, { ...withoutValue(), options }, [deal('N-0')], {
				onError: 'continueRegularOutput',
			}),
		).rejects.toThrow(
			`The 'Node Under Test' node has issues:\n- Parameter "Opportunity Value" is required.`,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('an expression that gives nothing makes that item invalid, naming it; never a 0', async () => {
		const { sandbox } = env;

		const { main, error } = await runRuler(
			sandbox,
			uploadParameters({ opportunityValue: '={{ $json.amount }}' }, { validateOnly: true }),
			[deal('N-1')],
			{ onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "N-1"): Opportunity Value is required and must not be empty',
		);
		expect(fieldsOf(main[0])).toMatchObject({
			status: 'invalid',
			invalidFields: ['Opportunity Value'],
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	it('the editor flags it on the node until a value is set, and 0 typed in counts as set', () => {
		expect(editorIssues(withoutValue())).toEqual(['opportunityValue']);
		expect(editorIssues({ ...withoutValue(), opportunityValue: '0' })).toEqual([]);
		expect(editorIssues(uploadParameters())).toEqual([]);
	});

	it.each([
		['0 typed into the field', '0', 0],
		['0 saved as a number', 0, 0],
		['a number saved by the old number field', 1500, 1500],
		['a number typed into the field', '1500.4', 1500],
		['an expression', '={{ $json.value }}', 1000],
	])('a value set explicitly is sent: %s', async (_, opportunityValue, sent) => {
		const { sandbox } = env;

		const { main, error } = await runRuler(sandbox, { ...withoutValue(), opportunityValue }, [
			deal('E-0'),
		]);

		expect(error).toBeUndefined();
		expect(main[0].json.status).toBe('uploaded');
		expect(sentValues(sandbox)).toEqual([['E-0', sent]]);
	});
});
