export interface Totals {
	suite: string;
	runs: number;
	items: number;
	faults: number;
	violations: number;
	/** Occurrences of known defects, counted apart from the violations until they are fixed. */
	known: number;
	/** Rows written twice where the API documents an upsert by identifier. */
	upserts: number;
	longestRunMs: number;
	statuses: Record<string, number>;
	faultKinds: Record<string, number>;
}

export interface Tally {
	totals: Totals;
	record(run: {
		statuses: string[];
		faults: Record<string, number>;
		violations: number;
		known?: number;
		upserts?: number;
		ms: number;
	}): void;
	save(): void;
}

export function sizeFromEnv(name: string, fallback: number): number;
export function seeds(fallbackCount: number): number[];
export function createTally(suite: string): Tally;
export function readTallies(): Totals[];
export function clearTallies(): void;
export function now(): number;
export const FOLDER: string;
