import { randomUUID } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { sendOnce, type ApiContext, type HttpResult } from '../../shared/transport/http';
import { withRetries, type RetryPolicy } from '../../shared/transport/retry';
import {
	CREDENTIAL_TYPE,
	decideRetry,
	shortReason,
	type Endpoints,
	type UploadOutcome,
} from './client';

/**
 * [open] Ruler's batch page does not show the upload's address; its sibling addresses suggest this
 * one. It is kept here alone so that a live probe that finds another needs one change.
 */
export const BATCH_UPLOAD_PATH = 'opportunity/batch';

/** The addresses of a site's batch jobs. */
export function batchUrls(endpoints: Endpoints, siteId: string) {
	const site = `${endpoints.apiUrl}/v1/${encodeURIComponent(siteId)}`;
	const job = (jobId: string) => encodeURIComponent(jobId);
	return {
		upload: `${site}/${BATCH_UPLOAD_PATH}`,
		status: (jobId: string) => `${site}/batch/${job(jobId)}/status`,
		failures: (jobId: string) => `${site}/opportunity/batch/${job(jobId)}/failures`,
		jobs: `${site}/batch/jobs`,
	};
}

export interface BatchRequestSettings {
	policy: RetryPolicy;
	timeoutMs: number;
	signal?: AbortSignal;
}

/** A CSV file as the one part of a multipart/form-data body. */
export function multipartFile(csv: string, fileName: string) {
	const boundary = `n8n-ruler-${randomUUID()}`;
	const head =
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
		'Content-Type: text/csv\r\n\r\n';
	return {
		body: Buffer.from(`${head}${csv}\r\n--${boundary}--\r\n`, 'utf8'),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/**
 * Sends one request, retrying what is temporary. A job sent whose answer was lost may have been
 * created, so an upload is never sent again then (`resendUnknown` off); reads always may be.
 */
export async function batchRequest(
	context: ApiContext,
	options: IHttpRequestOptions,
	settings: BatchRequestSettings,
	resendUnknown: boolean,
): Promise<UploadOutcome> {
	const reasons: string[] = [];
	const attempt = async (): Promise<HttpResult> => {
		const result = await sendOnce(
			context,
			CREDENTIAL_TYPE,
			{ timeout: settings.timeoutMs, ...options },
			settings.signal,
		);
		reasons.push(shortReason(result));
		return result;
	};
	const decide = (result: HttpResult) => decideRetry(result, resendUnknown);
	const outcome = await withRetries(attempt, decide, settings.policy, settings.signal);
	return { ...outcome, retriedAfter: reasons.slice(0, -1) };
}

/** An answer's body, parsed when it is JSON text; undefined for no answer. */
export function answerBody(result: HttpResult): unknown {
	if (result.kind !== 'response') return undefined;
	if (typeof result.body !== 'string') return result.body;
	try {
		return JSON.parse(result.body) as unknown;
	} catch {
		return result.body;
	}
}

/** The body of a 2xx answer, or undefined. */
export function okBody({ result }: UploadOutcome): unknown {
	const ok = result.kind === 'response' && result.status >= 200 && result.status < 300;
	return ok ? answerBody(result) : undefined;
}

/** A job's status fields as Ruler names them ("status, totalRows, processedRows, …"). */
export interface JobStatus extends IDataObject {
	jobId: string;
	status: string;
	totalRows?: number;
	processedRows?: number;
	percentageProgress?: number;
	successCount?: number;
	failureCount?: number;
	failureReason?: string;
}

/** The statuses after which a job changes no more. */
export const FINAL_STATUSES = new Set(['complete', 'partialcomplete', 'failed']);

export function isFinal(status: JobStatus): boolean {
	return FINAL_STATUSES.has(status.status.toLowerCase());
}
