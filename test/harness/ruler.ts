import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RulerApi } from '../../credentials/RulerApi.credentials';
import { RulerOpportunityUpload } from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';
import { createRulerSandbox, type RulerSandbox, type RulerSandboxOptions } from '../sandbox/ruler';
import { runNode, type RunNodeOptions } from './engine';
import { useSandbox } from './sandbox';

export type { RulerSandbox };

/** Starts a Ruler sandbox for the tests of one file, reset before each test. */
export function useRulerSandbox(options: RulerSandboxOptions = {}) {
	return useSandbox(() => createRulerSandbox(options));
}

/** Parameters that map each item's own fields, as a user would with expressions. */
export function uploadParameters(
	overrides: IDataObject = {},
	options: IDataObject = {},
): IDataObject {
	return {
		siteId: '={{ $json.siteId }}',
		opportunityValue: '={{ $json.value }}',
		opportunityDateTime: '={{ $json.date }}',
		pipelineStage: '={{ $json.stage }}',
		currencyCode: '={{ $json.currency }}',
		reference: '={{ $json.reference }}',
		visitorIdentifiers: {
			identifier: [
				{ key: 'EmailAddress', value: '={{ $json.email }}' },
				{ key: 'CookieValue', value: '={{ $json.cookie }}' },
			],
		},
		options,
		...overrides,
	};
}

/** An opportunity as a CRM trigger would hand it over. */
export function deal(reference: string, overrides: IDataObject = {}): IDataObject {
	return {
		siteId: '1234',
		value: 1000,
		date: '2024-05-01',
		stage: 'Closed Won',
		currency: 'GBP',
		reference,
		email: `${reference.toLowerCase()}@example.com`,
		cookie: '',
		...overrides,
	};
}

/** `count` opportunities, referenced D-0, D-1, … */
export const deals = (count: number) => Array.from({ length: count }, (_, i) => deal(`D-${i}`));

export async function runRuler(
	sandbox: RulerSandbox,
	parameters: IDataObject,
	items: IDataObject[],
	extra: Partial<RunNodeOptions> = {},
) {
	return await runNode({
		nodeType: new RulerOpportunityUpload(),
		parameters,
		items,
		credentialTypes: { rulerApi: new RulerApi() },
		credentials: { rulerApi: sandbox.credentials() },
		...extra,
	});
}

/** The uploads the sandbox received, in order of arrival. */
export const uploadsOf = (sandbox: RulerSandbox) => sandbox.requestsTo(sandbox.uploadPath, 'PUT');

/** An item's fields: a failure's `error` without its message, or a success's json. */
export function fieldsOf(item: INodeExecutionData): IDataObject {
	if (typeof item.json.error !== 'object') return item.json;
	const fields = { ...(item.json.error as IDataObject) };
	delete fields.message;
	return fields;
}

/** Runs with "Continue (using regular output)", so failed items come out beside the uploaded ones. */
export async function runContinuing(
	sandbox: RulerSandbox,
	items: IDataObject[],
	options: IDataObject = {},
) {
	return await runRuler(sandbox, uploadParameters({}, options), items, {
		onError: 'continueRegularOutput',
	});
}
