import { seededRandom } from '../sandbox/kit';

/** Seeded choices for fault schedules: the same seed gives the same schedule. */
export interface Dice {
	chance(probability: number): boolean;
	/** A whole number from `min` to `max`, both included. */
	int(min: number, max: number): number;
	pick<T>(list: readonly T[]): T;
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
}

export function dice(seed: number): Dice {
	const next = seededRandom(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		chance: (probability) => next() < probability,
		int,
		pick: (list) => list[int(0, list.length - 1)],
		weighted(entries) {
			const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [value, weight] of entries) {
				roll -= weight;
				if (roll < 0) return value;
			}
			return entries[entries.length - 1][0];
		},
	};
}

/** A stable number for a text, to seed per-request choices independently of arrival order. */
export function hashSeed(...parts: Array<string | number>): number {
	let hash = 2166136261;
	for (const char of parts.join('\u0000')) {
		hash ^= char.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 16777619);
	}
	return hash >>> 0;
}
