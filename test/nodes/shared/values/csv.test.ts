import { chunkRecords, csvFile } from '../../../../nodes/shared/values/chunking';
import { csvField, csvRecord } from '../../../../nodes/shared/values/csv';

describe('CSV fields (RFC 4180)', () => {
	it.each([
		['plain', 'plain'],
		['', ''],
		[' spaced ', ' spaced '],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['cr\rlf', '"cr\rlf"'],
		['Søn 株式会社', 'Søn 株式会社'],
	])('writes %j as %j', (text, field) => expect(csvField(text)).toBe(field));

	it('joins a record with commas', () => expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",'));
});

describe('chunkRecords as CSV files', () => {
	// Each body is read as it comes: the next chunk fills the same memory.
	const body = (records: string[], maxBytes: number) => {
		const bodies: string[] = [];
		const limits = { maxRecords: 100, maxBytes };
		for (const chunk of chunkRecords(
			records,
			(r) => r,
			limits,
			() => {},
			csvFile('h'),
		))
			bodies.push(chunk.body.toString());
		return bodies;
	};

	it('starts each chunk with the header row and counts it, and every line break, in the limit', () => {
		// 'h\r\n' + 'aa\r\n' + 'bb\r\n' = 11 bytes.
		expect(body(['aa', 'bb', 'cc'], 11)).toEqual(['h\r\naa\r\nbb\r\n', 'h\r\ncc\r\n']);
		expect(body(['aa', 'bb', 'cc'], 10)).toEqual(['h\r\naa\r\n', 'h\r\nbb\r\n', 'h\r\ncc\r\n']);
	});

	it('counts multi-byte characters in bytes', () => {
		const oversized: number[] = [];
		const chunks = [
			...chunkRecords(
				['é', 'éé'],
				(r) => r,
				{ maxRecords: 9, maxBytes: 8 },
				(o) => oversized.push(o.bytes),
				csvFile('h'),
			),
		];
		expect(chunks.map((c) => c.body.toString())).toEqual(['h\r\né\r\n']);
		expect(oversized).toEqual([4]);
	});
});
