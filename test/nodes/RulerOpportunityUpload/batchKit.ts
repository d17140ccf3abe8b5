import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { errorOf } from '../../harness/engine';
import { uploadParameters, type RulerSandbox } from '../../harness/ruler';
import { n8nLogger } from './n8nLogger';

/** The batch upload's address as the node sends it (API-CONTRACT "Batch jobs": [open], a guess). */
export const BATCH_PATH = /^\/v1\/[^/]+\/opportunity\/batch$/;
export const STATUS_PATH = /^\/v1\/[^/]+\/batch\/[^/]+\/status$/;
export const FAILURES_PATH = /^\/v1\/[^/]+\/opportunity\/batch\/[^/]+\/failures$/;

export const CSV_HEADER =
	'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,RaId,EmailAddress,PhoneNumber,PayloadValue,Reference,AdditionalDataProperties';

/** Upload in Batch with each item's own fields, waiting as given. */
export function batchParameters(overrides: IDataObject = {}, options: IDataObject = {}) {
	return uploadParameters({ operation: 'uploadBatch', ...overrides }, options);
}

export const batchUploadsOf = (sandbox: RulerSandbox) => sandbox.requestsTo(BATCH_PATH, 'POST');

/**
 * The CSV of one batch upload, after checking the multipart body is exactly one file part
 * ("the file as a form file part") under the boundary its Content-Type names.
 */
export function csvOf(request: { headers: IDataObject; body?: string }): string {
	const type = String(request.headers['content-type']);
	const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(type)?.[1];
	if (!boundary) throw new Error(`not a multipart body: ${type}`);
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="opportunities.csv"\r\nContent-Type: text/csv\r\n\r\n`;
	const tail = `\r\n--${boundary}--\r\n`;
	const body = request.body ?? '';
	if (!body.startsWith(head) || !body.endsWith(tail)) throw new Error(`unexpected body: ${body}`);
	return body.slice(head.length, -tail.length);
}

/** A data row of the default CSV header, for a deal made by the harness's `deal()`. */
export const dealRow = (reference: string, value = '1000', stage = 'Closed Won') =>
	`2024-05-01,GBP,${value},${stage},,${reference.toLowerCase()}@example.com,,,${reference},`;

export const csvText = (...rows: string[]) => [CSV_HEADER, ...rows].map((l) => `${l}\r\n`).join('');

/** Each output item as [paired item, status, message or jobId/rowNumber]. */
export function summary(items: INodeExecutionData[]) {
	return items.map((item) => {
		const error = errorOf(item);
		const fields = error.status ? error : item.json;
		return [
			(item.pairedItem as { item: number }).item,
			fields.status,
			error.message ?? `${String(fields.jobId)}#${String(fields.rowNumber)}`,
		];
	});
}

/** What the node wrote to n8n's log at info level while `run` ran. */
export async function infoLogged<T>(
	run: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
	const spy = jest.spyOn(n8nLogger(), 'info');
	try {
		const result = await run();
		return { result, lines: spy.mock.calls.map(([message]) => String(message)) };
	} finally {
		spy.mockRestore();
	}
}
