import type { IDataObject } from 'n8n-workflow';

import { itemLabel } from '../../shared/items/labels';
import { failed, invalidFieldLabels, succeeded, type ItemResult } from '../../shared/items/results';
import { redactBody } from '../../shared/transport/explain';
import type { FieldProblem } from '../../shared/values/rules';
import { isDataError, type UploadOutcome } from '../transport/client';
import type { Failure } from '../transport/statuses';
import { opportunityBody } from './body';
import { fieldLabel, type Opportunity } from './schema';

/** "Item 3" or "Item 3 (reference "D-1")": how every message names an item. */
const labelOf = (itemIndex: number, reference: unknown) =>
	itemLabel(itemIndex, 'reference', reference);

export function invalidResult(
	itemIndex: number,
	reference: unknown,
	problems: FieldProblem[],
): ItemResult {
	const key = (reference as IDataObject[string]) ?? null;
	const fields: IDataObject = {
		status: 'invalid',
		dealKey: key,
		reference: key,
		invalidFields: invalidFieldLabels(
			problems.map((p) => p.field),
			fieldLabel,
		),
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

/**
 * The value as read and as sent, on every result of an item that was read. A value that was changed
 * on its way (rounded) is said in `warnings`, so a rounded deal amount is never a silent change.
 */
function valueFields({ value, valueGiven }: Opportunity): IDataObject {
	const warnings =
		value === valueGiven
			? []
			: [
					{
						field: 'Opportunity Value',
						value: valueGiven,
						message: `Opportunity Value ${valueGiven} was sent as ${value}: Ruler documents a whole number, so it was rounded half away from zero. To send decimals, set Value Sent As to Decimal as Given.`,
					},
				];
	return { valueGiven, valueSent: value, warnings };
}

/** Validate Only: what would be sent. */
export function validResult(itemIndex: number, opportunity: Opportunity): ItemResult {
	return succeeded(itemIndex, {
		status: 'valid',
		dealKey: opportunity.reference,
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		...valueFields(opportunity),
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
		dealKey: opportunity.reference,
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		...valueFields(opportunity),
		httpStatus: result.kind === 'response' ? result.status : null,
		response: result.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome.attempts,
		retriedAfter: outcome.retriedAfter,
	});
}

/** Answers that refuse the opportunity's values: fixing the data, not resending, helps. */
const REFUSES_THE_DATA = new Set([400, 413, 422]);

/**
 * `rejected` when Ruler refused the values, `failed` when the upload did not go through (a login or
 * a credential that stops the run is never about the values).
 */
function failureStatus(failure: Failure, outcome?: UploadOutcome): string {
	const result = outcome?.result;
	if (failure.fatal || result?.kind !== 'response') return 'failed';
	return REFUSES_THE_DATA.has(result.status) || isDataError(result) ? 'rejected' : 'failed';
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
		status: failureStatus(failure, outcome),
		dealKey: opportunity.reference,
		reference: opportunity.reference,
		siteId: opportunity.siteId,
		...valueFields(opportunity),
		httpStatus: outcome ? (failure.httpStatus ?? null) : null,
		response: result?.kind === 'response' ? (redactBody(result.body) as IDataObject) : null,
		attempts: outcome?.attempts ?? 0,
		retriedAfter: outcome?.retriedAfter ?? [],
	};
	const label = labelOf(itemIndex, opportunity.reference);
	return failed(itemIndex, fields, `${label}: ${failure.message}`, failure.description);
}
