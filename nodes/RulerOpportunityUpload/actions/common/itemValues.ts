import type { IExecuteFunctions } from 'n8n-workflow';

import { ParameterReader } from '../../../shared/items/parameters';
import { errorFields } from '../../../shared/transport/explain';
import type { FieldProblem } from '../../../shared/values/rules';
import type { StageMapping } from '../../../shared/values/stages';
import type { ItemValues } from '../../helpers/checks';
import { fieldLabel } from '../../helpers/schema';

/** Each value the checks read, and where the node keeps it. */
const PARAMETERS: Array<[field: string, path: string, fallback: unknown]> = [
	['siteId', 'siteId', ''],
	['opportunityValue', 'opportunityValue', undefined],
	['opportunityDateTime', 'opportunityDateTime', ''],
	['pipelineStage', 'pipelineStage', ''],
	['currencyCode', 'currencyCode', ''],
	['reference', 'reference', ''],
	['visitorIdentifiers', 'visitorIdentifiers.identifier', []],
	['labels', 'labels', []],
	['additionalDataProperties', 'additionalDataProperties.property', []],
];

/**
 * Reads each item's parameters (each parameter set up once for the run), its stage as Stage
 * Mapping gives it; an expression that fails is a problem of that item only.
 */
export function itemReader(
	context: IExecuteFunctions,
	stages: StageMapping,
): (itemIndex: number) => ItemValues {
	const readers = PARAMETERS.map(
		([field, path, fallback]) => [field, new ParameterReader(context, path, fallback)] as const,
	);
	return (itemIndex) => {
		const values: Record<string, unknown> = {};
		const problems: FieldProblem[] = [];
		for (const [field, reader] of readers) {
			try {
				values[field] = reader.read(itemIndex);
			} catch (error) {
				const { message } = errorFields(error);
				problems.push({ field, message: `${fieldLabel(field)} could not be read: ${message}` });
			}
		}
		values.pipelineStage = stages.apply(values.pipelineStage);
		return { values, problems };
	};
}
