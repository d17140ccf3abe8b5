export interface ChunkLimits {
	/** Most records in one chunk. */
	maxRecords: number;
	/** Most UTF-8 bytes in one chunk's body, brackets and commas included. */
	maxBytes: number;
}

export interface Chunk<T> {
	records: T[];
	/** The JSON array of the records, ready to send. */
	body: string;
	bytes: number;
}

export interface OversizedRecord<T> {
	record: T;
	bytes: number;
}

const BRACKETS_BYTES = 2;

/**
 * Packs records into JSON-array chunks that respect both limits, serialising each record once and
 * holding only the chunk being filled (no whole-run string, no per-record copies kept). A record that
 * alone exceeds the byte limit cannot be sent and is reported through `onOversized`.
 */
export function* chunkJsonArray<T>(
	records: Iterable<T>,
	serialise: (record: T) => string,
	limits: ChunkLimits,
	onOversized: (oversized: OversizedRecord<T>) => void,
): Generator<Chunk<T>> {
	let parts: string[] = [];
	let members: T[] = [];
	let bytes = BRACKETS_BYTES;
	const flush = (): Chunk<T> => {
		const chunk = { records: members, body: `[${parts.join(',')}]`, bytes };
		parts = [];
		members = [];
		bytes = BRACKETS_BYTES;
		return chunk;
	};
	for (const record of records) {
		const json = serialise(record);
		const size = Buffer.byteLength(json, 'utf8');
		if (size + BRACKETS_BYTES > limits.maxBytes) {
			onOversized({ record, bytes: size });
			continue;
		}
		const separator = parts.length ? 1 : 0;
		if (parts.length && (parts.length >= limits.maxRecords || bytes + separator + size > limits.maxBytes)) {
			yield flush();
		}
		bytes += (parts.length ? 1 : 0) + size;
		parts.push(json);
		members.push(record);
	}
	if (parts.length) yield flush();
}
