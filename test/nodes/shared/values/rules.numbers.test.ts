import {
	decimalText,
	dropsDigits,
	fitDecimal,
	RULE_MESSAGES,
} from '../../../../nodes/shared/values/rules';

const ELOQUA = { integerDigits: 15, decimals: 4 };

describe('the number rule: plain decimal text within a field’s digits', () => {
	it.each([
		[1000, '1000'],
		[0.1 + 0.2, '0.30000000000000004'],
		[1e21, '1000000000000000000000'],
		[-1.5e-7, '-0.00000015'],
		[1.25e-5, '0.0000125'],
		[123456789.125, '123456789.125'],
		[-0, '0'],
		[' 12.50 ', '12.50'],
		['-.5', '-.5'],
	])('writes %p as %p', (value, text) => {
		expect(decimalText(value)).toBe(text);
	});

	it.each(['1e21', '1,000', '$5', '', Infinity, NaN])('refuses %p', (value) => {
		expect(decimalText(value)).toBeUndefined();
	});

	it.each([
		['1000.50', '1000.50', false],
		['0.30000000000000004', '0.3', true],
		['1.23455', '1.2346', true],
		['-1.23455', '-1.2346', true],
		['1.99999', '2', true],
		['-0.00004', '0', true],
		['2.500000', '2.5', false],
		['999999999999999.9999', '999999999999999.9999', false],
		['000999999999999999', '000999999999999999', false],
	])('fits %p to 15 integer digits and 4 decimals as %p', (decimal, sent, rounded) => {
		expect(fitDecimal(decimal, ELOQUA)).toBe(sent);
		expect(dropsDigits(decimal, ELOQUA.decimals)).toBe(rounded);
	});

	it.each(['1000000000000000', '-1000000000000000.5', '999999999999999.99995'])(
		'refuses %p: more than 15 digits before the point, before or after rounding',
		(decimal) => {
			expect(fitDecimal(decimal, ELOQUA)).toBeUndefined();
		},
	);

	it('says the rule in its messages', () => {
		expect(RULE_MESSAGES.integerDigits(ELOQUA, 1e21)).toBe(
			'must have at most 15 digits before the decimal point (and 4 after), got 1e+21',
		);
		expect(RULE_MESSAGES.rounded(ELOQUA, '1.2346')).toBe(
			'has more than 4 decimals; sent rounded to 1.2346',
		);
	});
});
