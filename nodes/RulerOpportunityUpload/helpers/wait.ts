import { pause } from '../../shared/transport/cancellation';
import { isFinal } from '../transport/batch';
import type { SentJob } from './settle';

/** Waits between status reads grow from the first to the last, so short jobs end soon. */
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;
const POLL_GROWTH = 1.5;
/** A job about to end is read again this soon at the earliest. */
const MIN_POLL_MS = 250;

/** How fast a job went between two reads of its status. */
export interface Pace {
	at: number;
	processed: number;
	rowsPerMs?: number;
}

const isOpen = (job: SentJob) => !job.status || !isFinal(job.status);

/** Notes the job's pace after a status read. */
function notePace(job: SentJob, now: number): void {
	const processed = Number(job.status?.processedRows);
	if (!Number.isFinite(processed)) return;
	const before = job.pace;
	const rowsPerMs =
		before && processed > before.processed && now > before.at
			? (processed - before.processed) / (now - before.at)
			: before?.rowsPerMs;
	job.pace = { at: now, processed, rowsPerMs };
}

/**
 * When the job will likely be done: at its own pace so far, or before it showed one, at the pace
 * of the run's other jobs (a job waiting its turn then starts at that pace). Undefined before
 * any job showed a pace.
 */
function expectedInMs(job: SentJob, runPace?: number): number | undefined {
	const total = Number(job.status?.totalRows ?? job.rows.length);
	const rowsPerMs = job.pace?.rowsPerMs ?? runPace;
	if (!rowsPerMs) return undefined;
	return (total - (job.pace?.processed ?? 0)) / rowsPerMs;
}

/**
 * Reads each unfinished job's status until all are final or `maxWaitMs` has passed, pausing 1 s,
 * then 1.5 times longer each time up to 10 s; a pause ends early when a job is expected to be done
 * by then at the pace it (or the run's first job with one) showed. Returns when the execution is cancelled.
 */
export async function waitForJobs(
	jobs: SentJob[],
	read: (job: SentJob) => Promise<void>,
	maxWaitMs: number,
	signal?: AbortSignal,
): Promise<void> {
	const deadline = Date.now() + maxWaitMs;
	let delay = FIRST_POLL_MS;
	for (;;) {
		for (const job of jobs.filter(isOpen)) {
			await read(job);
			notePace(job, Date.now());
		}
		const open = jobs.filter(isOpen);
		const left = deadline - Date.now();
		if (signal?.aborted || left <= 0 || open.length === 0) return;
		const runPace = jobs.find((job) => job.pace?.rowsPerMs)?.pace?.rowsPerMs;
		const soonest = Math.min(...open.map((job) => expectedInMs(job, runPace) ?? Infinity));
		await pause(Math.min(delay, Math.max(MIN_POLL_MS, soonest), left), signal);
		delay = Math.min(delay * POLL_GROWTH, MAX_POLL_MS);
	}
}
