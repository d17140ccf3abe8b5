import fc from 'fast-check';

/** A cell as the test knows it: sure to pass its column's rule (with the text expected), sure to fail it, or anything. */
export type Cell = { kind: 'good' | 'bad' | 'wild'; value: unknown; sent?: unknown };

export const good = (value: unknown, sent?: unknown): Cell => ({ kind: 'good', value, sent });
export const bad = (value: unknown): Cell => ({ kind: 'bad', value });
export const wild = (value: unknown): Cell => ({ kind: 'wild', value });

/** About 1 MB of UTF-8 text (two-byte characters), shared so that runs stay quick. */
export const MEGABYTE_TEXT = 'é'.repeat(500_000);

/** Text with no unpaired surrogates, from any plane, trimmed non-empty. */
export const someText = fc
	.string({ unit: 'binary', minLength: 1, maxLength: 12 })
	.filter((text) => text.trim() !== '' && text.trim() !== 'null' && text.trim() !== 'undefined');

/** A string that cannot be encoded as UTF-8: a lone half of a surrogate pair. */
export const brokenText = fc
	.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }))
	.map(([text, code]) => `${text}${String.fromCharCode(code)}`);

/** An object with own `__proto__` and `constructor` keys, as JSON.parse makes them. */
export const prototypeKeys = fc
	.constantFrom(
		'{"__proto__":{"polluted":true}}',
		'{"constructor":{"prototype":{"polluted":true}}}',
		'{"__proto__":null,"a":1}',
	)
	.map((json) => JSON.parse(json) as unknown);

/** Anything an expression or a CRM field could hand over, including the awkward. */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.double(),
	fc.integer(),
	fc.constantFrom(
		null,
		undefined,
		true,
		false,
		'',
		' ',
		'null',
		'undefined',
		'NaN',
		'1e3',
		'0x10',
		'1,000',
		'12.5.6',
		'-',
		Number.NaN,
		Infinity,
		-0,
	),
	fc.constantFrom(MEGABYTE_TEXT),
	brokenText,
	prototypeKeys,
	fc.array(fc.integer(), { maxLength: 3 }),
	fc.object({ maxDepth: 2, maxKeys: 3 }),
	fc.date({ noInvalidDate: false }),
);

/** Numbers a number column accepts, as numbers or as numeric text, with the text sent. */
export const goodNumber: fc.Arbitrary<Cell> = fc.oneof(
	fc.integer({ min: -1e9, max: 1e9 }).map((n) => good(n, String(n))),
	fc.integer({ min: 0, max: 1e6 }).map((n) => good(`${n}.50`, `${n}.50`)),
	fc.integer({ min: 0, max: 1e6 }).map((n) => good(` ${n} `, String(n))),
);

export const badNumber: fc.Arbitrary<Cell> = fc
	.constantFrom('12,5', '1 000', '$100', 'ten', '1e3', '0x10', '--1', '1.2.3', Infinity, Number.NaN)
	.map(bad);

/** Date forms a date column accepts, each naming 1 May 2024 (in several notations) or an instant. */
export const goodDate: fc.Arbitrary<Cell> = fc
	.constantFrom<unknown>(
		'2024-05-01',
		'2024-05-01 13:15',
		'2017-10-05 1:15',
		'2024-05-01 13:15:30',
		'2024-05-01T13:15:00Z',
		'2024-05-01T13:15:00.123+02:00',
		'2024/05/01',
		'5/1/2024',
		'5/1/2024 1:15 PM',
		'1.5.2024',
		'Wed, 01 May 2024 13:15:00 GMT',
		'Wed, 01 May 2024 13:15:00 +0200',
		1714569300000,
		1714569300,
		'1714569300',
		'2024-05-01T24:00:00Z',
		'2024-02-29',
	)
	.map((value) => good(value));

export const badDate: fc.Arbitrary<Cell> = fc
	.constantFrom(
		'2024-02-30',
		'2023-02-29',
		'2024-13-01',
		'2024-05-32',
		'yesterday',
		'31/31/2024',
		'2024-05-01 25:00',
		'May the 4th',
	)
	.map(bad);

/** Workflow time zones, including the edges of the day. */
export const zones = fc.constantFrom(
	'UTC',
	'America/New_York',
	'Asia/Kolkata',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
);
