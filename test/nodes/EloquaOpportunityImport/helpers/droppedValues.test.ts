import { errorOf } from '../../../harness/engine';
import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
	type EloquaSandbox,
} from '../../../harness/eloqua';

const reject = (id: string, field: string, statusCode: string, value: string) => ({
	fieldValues: { OpportunityID: id, [field]: value },
	invalidFields: [field],
	statusCode,
	message: `Sandbox says ${statusCode}.`,
});

/** The rejects the sync answers: a dropped CloseDate (1), an unknown stage (2), a bad identifier (3). */
function answerRejects(sandbox: EloquaSandbox) {
	sandbox.faults.add({
		method: 'GET',
		path: /\/rejects$/,
		status: 200,
		body: {
			items: [
				reject('1', 'CloseDate', 'ELQ-00040', 'soon'),
				reject('2', 'Stage', 'ELQ-00039', 'Nope'),
				reject('3', 'OpportunityID', 'ELQ-00040', '3'),
			],
			hasMore: false,
		},
	});
}

const ITEMS = [
	opportunity(1, { contactEmail: 'ada@example.com' }),
	opportunity(2, { Stage: 'Nope', contactEmail: 'ada@example.com' }),
	opportunity(3, { contactEmail: 'ada@example.com' }),
];

// API-CONTRACT.md, "Outcomes: what a reject means": a reject whose code is ELQ-00040 means the
// record was imported and the named value dropped, unless the value is the identifier's.
describe('rejects that still import the row', () => {
	const env = useEloquaSandbox();

	it('reports an ELQ-00040 row imported with a warning, and links it like any imported row', async () => {
		const { sandbox } = env;
		answerRejects(sandbox);
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({
				linkAfterImport: true,
				linkTo: 'Contact',
				contactField: 'C_EmailAddress',
				linkValue: '={{ $json.contactEmail }}',
			}),
			ITEMS,
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => [item.pairedItem, item.json.status])).toEqual([
			[{ item: 0 }, 'imported'],
		]);
		expect(main[0].json.warnings).toEqual([
			{
				field: 'CloseDate',
				value: 'soon',
				code: 'ELQ-00040',
				message: 'Eloqua imported the row without the value of CloseDate: Sandbox says ELQ-00040.',
			},
		]);
		expect(main[0].json.link).toMatchObject({ status: 'linked', linkedTo: 'ada@example.com' });
		expect(sandbox.state.links).toEqual([
			{ opportunity: '1', target: 'ada@example.com', entityType: 'Contact' },
		]);
		// A reject on the identifier column stays a rejection, whatever its code.
		expect(
			errorOutput.map((item) => [item.pairedItem, errorOf(item).status, errorOf(item).code]),
		).toEqual([
			[{ item: 1 }, 'rejected', 'ELQ-00039'],
			[{ item: 2 }, 'rejected', 'ELQ-00040'],
		]);
	});

	it('takes the codes from the option: empty makes every reject a rejection', async () => {
		const { sandbox } = env;
		answerRejects(sandbox);
		const { main, errorOutput } = await runEloqua(
			sandbox,
			importParameters({}, { importedRejectCodes: '' }),
			ITEMS,
			{ onError: 'continueErrorOutput' },
		);
		expect(main).toEqual([]);
		expect(errorOutput.map((item) => errorOf(item).status)).toEqual([
			'rejected',
			'rejected',
			'rejected',
		]);
	});

	it('accepts other codes listed in the option', async () => {
		const { sandbox } = env;
		answerRejects(sandbox);
		const { main } = await runEloqua(
			sandbox,
			importParameters({}, { importedRejectCodes: ' elq-00040 , ELQ-00039' }),
			ITEMS,
			{ onError: 'continueErrorOutput' },
		);
		expect(main.map((item) => [item.pairedItem, item.json.status, item.json.warnings])).toEqual([
			[{ item: 0 }, 'imported', [expect.objectContaining({ field: 'CloseDate' })]],
			[
				{ item: 1 },
				'imported',
				[expect.objectContaining({ field: 'Stage', value: 'Nope', code: 'ELQ-00039' })],
			],
		]);
	});
});
