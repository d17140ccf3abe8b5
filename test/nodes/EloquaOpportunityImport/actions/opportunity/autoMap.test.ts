import { NodeHelpers, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../../../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { errorOf, NODE_NAME, type NodeRun } from '../../../../harness/engine';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../../harness/eloqua';

// Columns → Map Automatically: input fields are sent when their names equal column names. The
// standard names and the required statements are API-CONTRACT.md's "Required statements" line;
// custom fields (Region1, DealScore1, RenewalDate1) come from `GET /opportunities/fields` (its
// Endpoints row).

const hintsOf = (run: NodeRun) => run.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? [];

describe('Map Automatically in the editor', () => {
	const description = new EloquaOpportunityImport().description;
	const notice = (name: string) =>
		description.properties.find((property) => property.name === name) as INodeProperties;
	// The check the editor runs for every parameter (n8n-workflow's displayParameterPath).
	const shown = (name: string, parameters: IDataObject) =>
		NodeHelpers.displayParameterPath(
			{ resource: 'opportunity', operation: 'import', ...parameters },
			notice(name),
			'',
			{ typeVersion: 1 },
			description,
		);
	const auto = { mappingMode: 'autoMapInputData', value: null };
	const manual = { mappingMode: 'defineBelow', value: {} };

	it('names the columns to use, only in Map Automatically, for the chosen kind of definition', () => {
		expect(notice('autoMapNewNotice').displayName).toBe(
			'Name the input fields exactly as the columns (case and spaces count): OpportunityID, OpportunityName, Amount and Stage are required; AccountName, CreatedDate, CloseDate, Currency, ForecastToCloseDate, Territory, Owner and PrimaryCampaignId are optional, and custom fields go by their Eloqua internal name. Input fields with other names are not sent; the run lists them in a hint.',
		);
		expect(notice('autoMapExistingNotice').displayName).toBe(
			"Name the input fields exactly as the definition's columns (case and spaces count); Map Each Column Manually lists them. Input fields with other names are not sent; the run lists them in a hint.",
		);
		const cases = [
			[{ definitionMode: 'create', columns: auto }, true, false],
			[{ definitionMode: 'existing', columns: auto }, false, true],
			[{ definitionMode: 'create', columns: manual }, false, false],
			[{ definitionMode: 'existing', columns: manual }, false, false],
		] as const;
		for (const [parameters, newShown, existingShown] of cases) {
			expect([
				shown('autoMapNewNotice', parameters),
				shown('autoMapExistingNotice', parameters),
			]).toEqual([newShown, existingShown]);
		}
	});
});

describe('Map Automatically with required columns missing', () => {
	const env = useEloquaSandbox();
	// A CRM's field names, one letter, space or underscore away from Eloqua's.
	const crmDeal = (id: number): IDataObject => ({
		'Opportunity ID': `D-${id}`,
		opportunity_name: `Deal ${id}`,
		Amount: 100,
		stage: 'Prospecting',
	});
	const message =
		'The node is not set up: Columns → Map Automatically: no input field is named `OpportunityID`, `OpportunityName` or `Stage`; found `Opportunity ID` — did you mean `OpportunityID`? found `opportunity_name` — did you mean `OpportunityName`? found `stage` — did you mean `Stage`?';

	it('stops with one setup error naming the input fields that almost match, before any row is sent', async () => {
		const { sandbox } = env;
		const run = await runEloqua(sandbox, importParameters(), [crmDeal(1), crmDeal(2)]);
		expect(run.main).toEqual([]);
		expect(run.error?.message).toBe(message);
		expect((run.error as { description?: string }).description).toBe(
			'Map Automatically sends each input field whose name equals a column name, letter for letter. Eloqua needs `OpportunityID`, `OpportunityName`, `Amount` and `Stage` in every row. Rename the input fields (for example with an Edit Fields node before this one), or choose Map Each Column Manually.',
		);
		expect(run.error?.context?.itemIndex).toBeUndefined();
		expect(sandbox.requestsTo('/pod1/api/bulk/2.0/opportunities/imports', 'POST')).toEqual([]);
	});

	it('under Continue (using error output) gives every deal the setup error, with its own fields', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters(),
			[crmDeal(1), crmDeal(2)],
			{ onError: 'continueErrorOutput' },
		);
		expect(main).toEqual([]);
		expect(
			errorOutput.map((item) => [
				item.json['Opportunity ID'],
				errorOf(item).message,
				errorOf(item).code,
			]),
		).toEqual([
			['D-1', message, 'nodeNotSetUp'],
			['D-2', message, 'nodeNotSetUp'],
		]);
	});

	it("names an existing definition's own columns", async () => {
		const { sandbox } = env;
		sandbox.addDefinition(
			{
				name: 'CRM sync',
				fields: {
					Id: '{{Opportunity.Id}}',
					Name: '{{Opportunity.Field(Name)}}',
					Value: '{{Opportunity.Field(Amount)}}',
					Phase: '{{Opportunity.Field(Stage)}}',
				},
			},
			31,
		);
		const { error } = await runEloqua(
			sandbox,
			importParameters({
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'id', value: '31' },
			}),
			[{ ID: 'D-1', Name: 'Deal', Value: 1, Stage: 'Prospecting' }],
		);
		expect(error?.message).toBe(
			'The node is not set up: Columns → Map Automatically: no input field is named `Id` or `Phase`; found `ID` — did you mean `Id`?',
		);
		expect(sandbox.requestsTo(/\/data$/, 'POST')).toEqual([]);
	});

	it('leaves a column only some items lack to the per-item checks', async () => {
		const { sandbox } = env;
		const { main, errorOutput, error } = await runEloqua(
			sandbox,
			importParameters(),
			[opportunity(1), opportunity(2, { Stage: undefined })],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.status)).toEqual(['imported']);
		expect(errorOutput.map((item) => errorOf(item).message)).toEqual([
			'Item 1 (OpportunityID "2"): Stage is required and must not be empty',
		]);
	});
});

describe('input fields that match no column', () => {
	const env = useEloquaSandbox();

	it('are reported once per run in an execution hint, with near misses, and not sent', async () => {
		const { sandbox } = env;
		const run = await runEloqua(sandbox, importParameters(), [
			opportunity(1, { 'Account Name': 'ABC', notes: 'call back' }),
			opportunity(2, { 'Account Name': 'ABC', notes: 'x', owner_email: 'a@b.c' }),
			opportunity(3, { notes: 'y' }),
		]);
		expect(run.main.map((item) => item.json.status)).toEqual(['imported', 'imported', 'imported']);
		expect(hintsOf(run)).toEqual([
			{
				message:
					'Map Automatically did not send 3 input fields that match no column: `Account Name` (did you mean `AccountName`?), `notes`, `owner_email`.',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		const [rows] = sandbox.requestsTo(/\/data$/, 'POST').map((r) => JSON.parse(r.body!));
		expect(Object.keys(rows[0])).not.toContain('notes');
	});

	it('are reported in a run that only validates, as information when none is a near miss', async () => {
		const { sandbox } = env;
		const run = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), [
			opportunity(1, { notes: 'x' }),
		]);
		expect(run.main.map((item) => item.json.status)).toEqual(['valid']);
		expect(hintsOf(run)).toEqual([
			{
				message: 'Map Automatically did not send an input field that matches no column: `notes`.',
				type: 'info',
				location: 'outputPane',
			},
		]);
	});

	it('list ten names and count the rest; no hint when every field is a column', async () => {
		const { sandbox } = env;
		const extra = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x${i}`, i]));
		const many = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), [
			opportunity(1, extra),
		]);
		expect(hintsOf(many).map((hint) => hint.message)).toEqual([
			'Map Automatically did not send 12 input fields that match no column: `x0`, `x1`, `x2`, `x3`, `x4`, `x5`, `x6`, `x7`, `x8`, `x9` and 2 more.',
		]);
		const none = await runEloqua(sandbox, importParameters({}, { validateOnly: true }), [
			opportunity(1),
		]);
		expect(hintsOf(none)).toEqual([]);
	});
});
