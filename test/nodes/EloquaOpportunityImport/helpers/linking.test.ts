import type { INodeExecutionData } from 'n8n-workflow';

import {
	importParameters,
	opportunity,
	runEloqua,
	useEloquaSandbox,
} from '../../../harness/eloqua';
import { errorOf } from '../../../harness/engine';

const pairsAndStatuses = (items: INodeExecutionData[]) =>
	items.map((item) => [item.pairedItem, errorOf(item).message, errorOf(item).status]);

describe('opportunity import with linking right after', () => {
	const env = useEloquaSandbox();
	const parameters = importParameters({
		linkAfterImport: true,
		linkTo: 'Contact',
		contactField: 'C_EmailAddress',
		linkValue: '={{ $json.contactEmail }}',
	});

	it('imports, then links the imported opportunities, with one combined result per item', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			parameters,
			[
				opportunity('L-1', { contactEmail: 'ada@example.com' }),
				opportunity('L-2', { contactEmail: '' }),
				opportunity('L-3', { contactEmail: 'ghost@example.com' }),
				opportunity('L-4', { Stage: 'Unknown', contactEmail: 'ada@example.com' }),
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(
			main.map((item) => [
				item.pairedItem,
				item.json.status,
				(item.json.link as { status: string }).status,
			]),
		).toEqual([
			[{ item: 0 }, 'imported', 'linked'],
			[{ item: 1 }, 'imported', 'skipped'],
		]);
		expect(main[0].json.link).toMatchObject({
			linkType: 'Contact',
			linkedTo: 'ada@example.com',
			sync: { status: 'warning' },
			importDefinitionUri: expect.stringMatching(/^\/opportunities\/contacts\/imports\/\d+$/),
		});
		expect(errorOutput.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[
				{ item: 2 },
				'Item 2 (OpportunityID "L-3"): imported, but not linked: Eloqua rejected the row: ELQ-00085: no contact (or account) in Eloqua matches the value given to link to (field C_EmailAddress = "ghost@example.com")',
			],
			[
				{ item: 3 },
				'Item 3 (OpportunityID "L-4"): Eloqua rejected the row: ELQ-00039: the opportunity stage is not one of the stages configured in Eloqua (field Stage = "Unknown")',
			],
		]);
		expect(errorOf(errorOutput[0])).toMatchObject({
			status: 'imported',
			link: { status: 'rejected', code: 'ELQ-00085' },
		});
		// Only the imported opportunities with a value were sent for linking.
		const linkRows = JSON.parse(
			sandbox.requestsTo(/contacts\/imports\/\d+\/data$/, 'POST')[0].body!,
		);
		expect(linkRows).toEqual([
			{ OpportunityID: 'L-1', C_EmailAddress: 'ada@example.com' },
			{ OpportunityID: 'L-3', C_EmailAddress: 'ghost@example.com' },
		]);
	});
	it('keeps the import of each item when linking after it fails as a whole', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			method: 'POST',
			path: '/pod1/api/bulk/2.0/opportunities/contacts/imports',
			status: 400,
			body: { failures: [{ field: 'fields', constraint: 'Must be valid', value: '' }] },
		});
		const { main, errorOutput } = await runEloqua(
			sandbox,
			parameters,
			[
				opportunity('L-1', { contactEmail: 'ada@example.com' }),
				opportunity('L-2', { contactEmail: '' }),
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(
			main.map((item) => [
				item.pairedItem,
				item.json.status,
				(item.json.link as { status: string }).status,
			]),
		).toEqual([[{ item: 1 }, 'imported', 'skipped']]);
		expect(pairsAndStatuses(errorOutput)).toEqual([
			[
				{ item: 0 },
				'Item 0 (OpportunityID "L-1"): imported, but not linked: Eloqua rejected the request as invalid (HTTP 400)',
				'imported',
			],
		]);
		expect(errorOf(errorOutput[0])).toMatchObject({
			link: { status: 'failed', linkType: 'Contact', linkedTo: 'ada@example.com', httpStatus: 400 },
		});
		expect([...sandbox.state.opportunities.keys()].sort()).toEqual(['l-1', 'l-2']);
	});

	it('says which item was imported but not linked, and why, when its link value breaks a rule', async () => {
		const { sandbox } = env;
		const { main, errorOutput } = await runEloqua(
			sandbox,
			parameters,
			[
				opportunity('L-1', { contactEmail: { address: 'ada@example.com' } }),
				opportunity('L-2', { contactEmail: 'ada@example.com' }),
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(
			main.map((item) => [item.pairedItem, (item.json.link as { status: string }).status]),
		).toEqual([[{ item: 1 }, 'linked']]);
		expect(errorOutput.map((item) => [item.pairedItem, errorOf(item).message])).toEqual([
			[
				{ item: 0 },
				'Item 0 (OpportunityID "L-1"): imported, but not linked: C_EmailAddress must be text, a number or a date, not an object ({"address":"ada@example.com"})',
			],
		]);
		expect(errorOf(errorOutput[0])).toMatchObject({
			status: 'imported',
			link: { status: 'invalid', linkType: 'Contact' },
			description: 'Fix the value in the source data or the mapping, and run again.',
		});
	});
});
