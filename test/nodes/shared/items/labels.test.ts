import { itemLabel } from '../../../../nodes/shared/items/labels';

describe('itemLabel', () => {
	it('names an item by its index, and by its key when the key is known', () => {
		expect(itemLabel(3)).toBe('Item 3');
		expect(itemLabel(3, 'OpportunityID', 'A-1')).toBe('Item 3 (OpportunityID "A-1")');
		expect(itemLabel(0, 'Id', 0)).toBe('Item 0 (Id 0)');
		expect(itemLabel(7, 'Id', 1234)).toBe('Item 7 (Id 1234)');
	});

	it.each([undefined, null, '', '   '])('leaves out a key whose value is %p', (value) => {
		expect(itemLabel(2, 'OpportunityID', value)).toBe('Item 2');
	});

	it('leaves out a key value without a key name', () => {
		expect(itemLabel(2, undefined, 'A-1')).toBe('Item 2');
		expect(itemLabel(2, '', 'A-1')).toBe('Item 2');
	});

	it('quotes and clips a long key value', () => {
		expect(itemLabel(1, 'Name', 'n'.repeat(60))).toBe(`Item 1 (Name "${'n'.repeat(40)}…")`);
		expect(itemLabel(1, 'Name', 'say "hi"')).toBe('Item 1 (Name "say \\"hi\\"")');
	});
});
