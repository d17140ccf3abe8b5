import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { SandboxServer } from './kit';

export interface EloquaSandboxOptions {
	site?: string;
	username?: string;
	password?: string;
	stages?: string[];
	pendingPolls?: number;
	activePolls?: number;
	baseUrl?: string;
	recordBodies?: boolean;
	countRowsOnly?: boolean;
	seed?: number;
	customFields?: string[][];
	clientId?: string;
	clientSecret?: string;
}

export interface StoredDefinition extends IDataObject {
	uri: string;
	id: number;
	fields: Record<string, string>;
}

export interface StoredSync {
	uri: string;
	status: string;
	rejects: IDataObject[];
	logs: IDataObject[];
	definition: StoredDefinition;
	/** The rows the sync processes; null once it has ended. */
	rows: IDataObject[] | null;
}

export interface EloquaSandbox extends SandboxServer {
	config: Required<Omit<EloquaSandboxOptions, 'baseUrl' | 'seed'>> & { baseUrl?: string };
	state: {
		pod: string;
		accessTokens: Set<string>;
		refreshTokens: Set<string>;
		definitions: Map<number, StoredDefinition>;
		syncs: Map<number, StoredSync>;
		opportunities: Map<string, Record<string, string>>;
		writes: number;
		writesByKey: Map<string, number>;
		storageFull: boolean;
		syncOutcome?: 'error' | 'stuck';
		contacts: Set<string>;
		accounts: Set<string>;
		links: Array<{ opportunity: string; target: string; entityType: string }>;
	};
	basicAuthorization: string;
	movePod(): void;
	expireAccessTokens(): void;
	credentials(overrides?: IDataObject): ICredentialDataDecryptedObject & { loginUrl: string };
	oauthCredentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
	definitionCount(): number;
	addDefinition(body: IDataObject, id: number, collection?: string): StoredDefinition;
}

export function createEloquaSandbox(options?: EloquaSandboxOptions): EloquaSandbox;
export const STANDARD_FIELDS: string[][];
