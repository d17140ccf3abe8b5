export interface ChunkLimits {
	/** Most records in one chunk. */
	maxRecords: number;
	/** Most UTF-8 bytes in one chunk's body, brackets and commas included. */
	maxBytes: number;
}

export interface Chunk<T> {
	records: T[];
	/**
	 * The JSON array of the records, as UTF-8 bytes ready to send. Valid until the next chunk is
	 * asked for: the same memory is filled again (one buffer for a whole run, however large).
	 */
	body: Buffer;
	bytes: number;
}

export interface OversizedRecord<T> {
	record: T;
	bytes: number;
}

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]
const FIRST_CAPACITY = 64 * 1024;

/**
 * Packs records into JSON-array chunks that respect both limits. Each record is serialised once and
 * written straight into one growing, reused buffer: no per-record copies are kept and no whole-run
 * or whole-chunk string is built. A record that alone exceeds the byte limit cannot be sent and is
 * reported through `onOversized`.
 */
export function* chunkJsonArray<T>(
	records: Iterable<T>,
	serialise: (record: T) => string,
	limits: ChunkLimits,
	onOversized: (oversized: OversizedRecord<T>) => void,
): Generator<Chunk<T>> {
	let buffer = Buffer.allocUnsafe(Math.min(limits.maxBytes, FIRST_CAPACITY));
	let length = 0;
	let members: T[] = [];
	const reserve = (bytes: number) => {
		if (length + bytes <= buffer.length) return;
		const grown = Buffer.allocUnsafe(
			Math.min(limits.maxBytes, Math.max(buffer.length * 2, length + bytes)),
		);
		buffer.copy(grown, 0, 0, length);
		buffer = grown;
	};
	const flush = (): Chunk<T> => {
		buffer[length++] = CLOSE;
		const chunk = { records: members, body: buffer.subarray(0, length), bytes: length };
		members = [];
		length = 0;
		return chunk;
	};
	for (const record of records) {
		const json = serialise(record);
		const size = Buffer.byteLength(json, 'utf8');
		if (size + 2 > limits.maxBytes) {
			onOversized({ record, bytes: size });
			continue;
		}
		// The open and close brackets, every comma, and this record must fit.
		if (
			members.length &&
			(members.length >= limits.maxRecords || length + 1 + size + 1 > limits.maxBytes)
		) {
			yield flush();
		}
		reserve(size + 2);
		buffer[length++] = members.length ? COMMA : OPEN;
		length += buffer.write(json, length, 'utf8');
		members.push(record);
	}
	if (members.length) yield flush();
}
