import type { IDataObject } from 'n8n-workflow';

import { EloquaApi } from '../../credentials/EloquaApi.credentials';
import { EloquaOAuth2Api } from '../../credentials/EloquaOAuth2Api.credentials';
import { EloquaOpportunityImport } from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { BASE_URLS } from '../../nodes/EloquaOpportunityImport/transport/baseUrl';
import { createEloquaSandbox } from '../sandbox/eloqua';
import { loadOptionsContext, runNode, type RunNodeOptions } from './engine';
import { useSandbox } from './sandbox';

export type EloquaSandbox = ReturnType<typeof createEloquaSandbox>;

/**
 * Starts an Eloqua sandbox for the tests of one file, reset before each test; each test starts as a
 * fresh n8n process would, with no base URL remembered from an earlier one.
 */
export function useEloquaSandbox(options: Parameters<typeof createEloquaSandbox>[0] = {}) {
	beforeEach(() => BASE_URLS.clear());
	return useSandbox(() => createEloquaSandbox(options));
}

/** Parameters for a fast opportunity import: short polls so syncs end in milliseconds. */
export function importParameters(
	overrides: IDataObject = {},
	options: IDataObject = {},
): IDataObject {
	return {
		resource: 'opportunity',
		operation: 'import',
		definitionMode: 'create',
		columns: { mappingMode: 'autoMapInputData', value: null },
		waitForSync: true,
		options: { pollIntervalSeconds: 0.01, ...options },
		...overrides,
	};
}

const credentialTypes = () => ({
	eloquaApi: new EloquaApi(),
	eloquaOAuth2Api: new EloquaOAuth2Api(),
	oAuth2Api: { name: 'oAuth2Api', displayName: 'OAuth2', properties: [] },
});

/** What the node's methods see while the editor loads definitions and columns. */
export function eloquaEditor(sandbox: EloquaSandbox, parameters: IDataObject) {
	return loadOptionsContext({
		nodeType: new EloquaOpportunityImport(),
		parameters: {
			authentication: 'basicAuth',
			resource: 'opportunity',
			operation: 'import',
			...parameters,
		},
		credentialTypes: credentialTypes(),
		credentials: { eloquaApi: sandbox.credentials(), eloquaOAuth2Api: sandbox.oauthCredentials() },
	});
}

export async function runEloqua(
	sandbox: EloquaSandbox,
	parameters: IDataObject,
	items: IDataObject[],
	extra: Partial<RunNodeOptions> = {},
) {
	return await runNode({
		nodeType: new EloquaOpportunityImport(),
		parameters,
		items,
		credentialTypes: credentialTypes(),
		credentials: { eloquaApi: sandbox.credentials(), eloquaOAuth2Api: sandbox.oauthCredentials() },
		...extra,
	});
}

/** An opportunity row as a CRM trigger would hand it over. */
export function opportunity(id: number | string, overrides: IDataObject = {}): IDataObject {
	return {
		OpportunityID: String(id),
		OpportunityName: `Deal ${id}`,
		AccountName: 'ABC',
		Amount: 1000,
		Stage: 'Prospecting',
		Currency: 'USD',
		...overrides,
	};
}
