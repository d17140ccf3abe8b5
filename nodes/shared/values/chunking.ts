export interface ChunkLimits {
	/** Most records in one chunk. */
	maxRecords: number;
	/** Most UTF-8 bytes in one chunk's body, its framing (brackets, commas, header row) included. */
	maxBytes: number;
}

export interface Chunk<T> {
	records: T[];
	/**
	 * The records in their framing (a JSON array, a CSV file), as UTF-8 bytes ready to send. Valid until the next chunk is
	 * asked for: the same memory is filled again (one buffer for a whole run, however large).
	 */
	body: Buffer;
	bytes: number;
}

export interface OversizedRecord<T> {
	record: T;
	bytes: number;
}

/** What goes around and between the serialised records of one chunk. */
export interface Framing {
	head: string;
	separator: string;
	tail: string;
}

export const JSON_ARRAY: Framing = { head: '[', separator: ',', tail: ']' };

/** A CSV file: the header row first, every record ended by CRLF (RFC 4180). */
export const csvFile = (headerRow: string): Framing => ({
	head: `${headerRow}\r\n`,
	separator: '\r\n',
	tail: '\r\n',
});

const FIRST_CAPACITY = 64 * 1024;

/**
 * Packs records into chunks that respect both limits, each chunk framed (a JSON array by default,
 * or a CSV file with its header row). Each record is serialised once and written straight into one
 * growing, reused buffer: no per-record copies are kept and no whole-run or whole-chunk string is
 * built. A record that alone exceeds the byte limit cannot be sent and is reported through
 * `onOversized`.
 */
export function* chunkRecords<T>(
	records: Iterable<T>,
	serialise: (record: T) => string,
	limits: ChunkLimits,
	onOversized: (oversized: OversizedRecord<T>) => void,
	framing: Framing = JSON_ARRAY,
): Generator<Chunk<T>> {
	const headBytes = Buffer.byteLength(framing.head, 'utf8');
	const separatorBytes = Buffer.byteLength(framing.separator, 'utf8');
	const tailBytes = Buffer.byteLength(framing.tail, 'utf8');
	let buffer = Buffer.allocUnsafe(Math.min(limits.maxBytes, FIRST_CAPACITY));
	let length = 0;
	let members: T[] = [];
	const reserve = (bytes: number) => {
		if (length + bytes <= buffer.length) return;
		const grown = Buffer.allocUnsafe(
			Math.max(Math.min(limits.maxBytes, buffer.length * 2), length + bytes),
		);
		buffer.copy(grown, 0, 0, length);
		buffer = grown;
	};
	const flush = (): Chunk<T> => {
		length += buffer.write(framing.tail, length, 'utf8');
		const chunk = { records: members, body: buffer.subarray(0, length), bytes: length };
		members = [];
		length = 0;
		return chunk;
	};
	for (const record of records) {
		const text = serialise(record);
		const size = Buffer.byteLength(text, 'utf8');
		if (headBytes + size + tailBytes > limits.maxBytes) {
			onOversized({ record, bytes: size });
			continue;
		}
		// The framing, every separator, and this record must fit.
		if (
			members.length &&
			(members.length >= limits.maxRecords ||
				length + separatorBytes + size + tailBytes > limits.maxBytes)
		) {
			yield flush();
		}
		const before = members.length ? separatorBytes : headBytes;
		reserve(before + size + tailBytes);
		length += buffer.write(members.length ? framing.separator : framing.head, length, 'utf8');
		length += buffer.write(text, length, 'utf8');
		members.push(record);
	}
	if (members.length) yield flush();
}

/** Packs records into JSON-array chunks (see `chunkRecords`). */
export const chunkJsonArray = <T>(
	records: Iterable<T>,
	serialise: (record: T) => string,
	limits: ChunkLimits,
	onOversized: (oversized: OversizedRecord<T>) => void,
): Generator<Chunk<T>> => chunkRecords(records, serialise, limits, onOversized, JSON_ARRAY);
