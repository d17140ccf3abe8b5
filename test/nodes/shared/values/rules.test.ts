import {
	currencyText,
	FirstUse,
	isBlank,
	numberText,
	RULE_MESSAGES,
} from '../../../../nodes/shared/values/rules';

describe('numberText', () => {
	it.each([
		['1000', '1000'],
		['1000.50', '1000.50'],
		['  42 ', '42'],
		['-3', '-3'],
		['.5', '.5'],
		['5.', '5.'],
		['0007', '0007'],
	])('sends %p as %p', (text, sent) => {
		expect(numberText(text)).toBe(sent);
	});

	it.each([
		'',
		'   ',
		'1,000',
		'1 000',
		'$5',
		'5 USD',
		'1e3',
		'+5',
		'-',
		'.',
		'1.2.3',
		'NaN',
		'Infinity',
		'０１',
	])('refuses %p', (text) => {
		expect(numberText(text)).toBeUndefined();
	});
});

describe('currencyText', () => {
	it.each([
		['USD', 'USD'],
		['eur', 'EUR'],
		[' gBp ', 'GBP'],
	])('sends %p as %p', (text, sent) => {
		expect(currencyText(text)).toBe(sent);
	});

	it.each(['', 'US', 'USDX', 'U$D', '€', '12A', 'ÄÖÜ', 'U S'])('refuses %p', (text) => {
		expect(currencyText(text)).toBeUndefined();
	});
});

describe('isBlank', () => {
	it.each([undefined, '', ' ', '\t\n '])('calls %p blank', (text) => {
		expect(isBlank(text)).toBe(true);
	});

	it.each(['0', ' a ', 'null'])('calls %p not blank', (text) => {
		expect(isBlank(text)).toBe(false);
	});
});

describe('FirstUse', () => {
	it('names the first item that used a key, for every later use of it', () => {
		const used = new FirstUse();
		expect(used.claim('A-1', 0)).toBeUndefined();
		expect(used.claim('B-2', 1)).toBeUndefined();
		expect(used.claim('A-1', 3)).toBe(0);
		// A repeat does not take the key over: the next repeat still points at the first item.
		expect(used.claim('A-1', 5)).toBe(0);
		expect(used.claim('B-2', 6)).toBe(1);
	});

	it('compares keys exactly and keeps each run apart', () => {
		const run = new FirstUse();
		expect(run.claim('a-1', 0)).toBeUndefined();
		expect(run.claim('A-1', 1)).toBeUndefined();
		expect(run.claim('a-1 ', 2)).toBeUndefined();
		expect(new FirstUse().claim('a-1', 7)).toBeUndefined();
	});
});

describe('RULE_MESSAGES', () => {
	it('says each rule after the field name, quoting what was given', () => {
		expect(`Amount ${RULE_MESSAGES.number('1,000')}`).toBe(
			'Amount must be a number like 1000 or 1000.50 (no thousands separators or currency symbols), got "1,000"',
		);
		expect(`Currency ${RULE_MESSAGES.currency('US')}`).toBe(
			'Currency must be a three-letter ISO 4217 currency code such as USD, EUR or GBP, got "US"',
		);
		expect(`CloseDate ${RULE_MESSAGES.date('soon')}`).toBe(
			'CloseDate must be a date such as 2024-05-01 or 2024-05-01 13:15:00, got "soon"',
		);
		expect(`OpportunityID ${RULE_MESSAGES.required}`).toBe(
			'OpportunityID is required and must not be empty',
		);
		expect(
			RULE_MESSAGES.repeated('OpportunityID "A-1"', 2, 'each opportunity is sent once per run'),
		).toBe(
			'OpportunityID "A-1" was already used by item 2; each opportunity is sent once per run, so this item was not sent',
		);
	});

	it('shows values that are not text as JSON, and clips long ones', () => {
		expect(RULE_MESSAGES.number({ value: 1 })).toMatch(/, got \{"value":1\}$/);
		expect(RULE_MESSAGES.number(true)).toMatch(/, got true$/);
		expect(RULE_MESSAGES.date('x'.repeat(100))).toMatch(new RegExp(`, got "${'x'.repeat(40)}…"$`));
	});
});
