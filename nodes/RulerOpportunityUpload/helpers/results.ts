import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, succeeded, type ItemResult } from '../../shared/items/results';
import { redactBody } from '../../shared/transport/explain';
import type { FieldProblem } from '../../shared/values/rules';
import type { UploadOutcome } from '../transport/client';
import type { Failure } from '../transport/statuses';
import { opportunityBody } from './body';
import type { Opportunity } from './schema';

/** "Item 3" or "Item 3 (reference "D-1")": how every message names an item. */
const labelOf = (itemIndex: number, reference: unknown) =>
	itemLabel(itemIndex, 'reference', reference);

export function invalidResult(
	itemIndex: number,
	reference: unknown,
	problems: FieldProblem[],
): ItemResult {
	const fields: IDataObject = {
		status: 'invalid',
		reference: (reference as IDataObject[string]) ?? null,
		field: problems[0].field,
		attempts: 0,
	};
	const message = `${labelOf(itemIndex, reference)}: ${problems.map((p) => p.message).join('; ')}`;
	return failed(
		itemIndex,
		fields,
		message,
		'Fix the value in the source data or in the node, and run again.',
	);
}

/** Validate Only: what would be sent. */
export function validResult(itemIndex: number, opportunity: Opportunity): ItemResult {
	return succeeded(itemIndex, {
		status: 'valid',
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		body: opportunityBody(opportunity) as unknown as IDataObject,
	});
}

export function uploadedResult(
	itemIndex: number,
	opportunity: Opportunity,
	outcome: UploadOutcome,
): ItemResult {
	const { result } = outcome;
	return succeeded(itemIndex, {
		status: 'uploaded',
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		httpStatus: result.kind === 'response' ? result.status : null,
		response: result.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome.attempts,
		retriedAfter: outcome.retriedAfter,
	});
}

/** A failed upload; without an outcome, the item was never sent. */
export function failedResult(
	itemIndex: number,
	opportunity: Opportunity,
	failure: Failure,
	outcome?: UploadOutcome,
): ItemResult {
	const { result } = outcome ?? {};
	const fields: IDataObject = {
		status: 'failed',
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		httpStatus: outcome ? (failure.httpStatus ?? null) : null,
		response: result?.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome?.attempts ?? 0,
		retriedAfter: outcome?.retriedAfter ?? [],
	};
	const label = labelOf(itemIndex, opportunity.reference);
	return failed(itemIndex, fields, `${label}: ${failure.message}`, failure.description);
}
