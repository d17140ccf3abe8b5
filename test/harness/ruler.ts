import type { IDataObject } from 'n8n-workflow';

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
