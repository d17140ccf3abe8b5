import { chunkJsonArray } from '../../../../nodes/shared/values/chunking';

const collect = (records: unknown[], maxRecords: number, maxBytes: number) => {
	const oversized: unknown[] = [];
	// Each chunk's body is only valid until the next one is asked for: keep a copy as text.
	const chunks = [];
	for (const chunk of chunkJsonArray(
		records,
		(r) => JSON.stringify(r),
		{ maxRecords, maxBytes },
		({ record }) => oversized.push(record),
	)) {
		chunks.push({ ...chunk, body: chunk.body.toString('utf8') });
	}
	return { chunks, oversized };
};

describe('chunkJsonArray', () => {
	it('builds valid JSON arrays whose byte size is exact and within the limit', () => {
		const records = Array.from({ length: 100 }, (_, i) => ({ id: i, name: 'é'.repeat(i % 7) }));
		const { chunks } = collect(records, 1000, 300);
		for (const chunk of chunks) {
			expect(chunk.bytes).toBe(Buffer.byteLength(chunk.body, 'utf8'));
			expect(chunk.bytes).toBeLessThanOrEqual(300);
			expect(JSON.parse(chunk.body)).toEqual(chunk.records);
		}
		expect(chunks.flatMap((c) => c.records)).toEqual(records);
	});

	it('counts UTF-8 bytes, not characters', () => {
		const { chunks } = collect([{ v: '€€€' }, { v: '€€€' }], 10, 30);
		expect(chunks.map((c) => c.records.length)).toEqual([1, 1]);
		expect(chunks[0].bytes).toBe(Buffer.byteLength('[{"v":"€€€"}]'));
	});

	it('respects the record limit', () => {
		const { chunks } = collect([1, 2, 3, 4, 5], 2, 1000);
		expect(chunks.map((c) => c.body)).toEqual(['[1,2]', '[3,4]', '[5]']);
	});

	it('fills a chunk exactly up to the byte limit', () => {
		// "[1,2]" is 5 bytes: a 5-byte limit holds both, a 4-byte limit only one each.
		expect(collect([1, 2], 10, 5).chunks.map((c) => c.body)).toEqual(['[1,2]']);
		expect(collect([1, 2], 10, 4).chunks.map((c) => c.body)).toEqual(['[1]', '[2]']);
	});

	it('reports a record that cannot fit any chunk and keeps going', () => {
		const { chunks, oversized } = collect(['a', 'x'.repeat(50), 'b'], 10, 20);
		expect(oversized).toEqual(['x'.repeat(50)]);
		expect(chunks.map((c) => c.body)).toEqual(['["a","b"]']);
	});

	it('reuses one buffer: a body stays valid only until the next chunk', () => {
		const chunks = chunkJsonArray(
			['aa', 'bb'],
			(r) => JSON.stringify(r),
			{ maxRecords: 1, maxBytes: 100 },
			() => {},
		);
		const first = chunks.next().value!;
		expect(first.body.toString()).toBe('["aa"]');
		const second = chunks.next().value!;
		expect(second.body.toString()).toBe('["bb"]');
		// The first body's memory now holds the second chunk.
		expect(first.body.toString()).toBe('["bb"]');
	});

	it('grows its buffer up to the byte limit for large chunks', () => {
		const records = Array.from({ length: 5000 }, (_, i) => ({ i, pad: 'x'.repeat(50) }));
		const { chunks } = collect(records, 10_000, 200_000);
		expect(chunks.flatMap((c) => JSON.parse(c.body))).toEqual(records);
		expect(chunks.every((c) => c.bytes <= 200_000)).toBe(true);
	});

	it('yields nothing for no records', () => {
		expect(collect([], 10, 10).chunks).toEqual([]);
	});
});
