import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { SandboxServer } from './kit';

export interface EloquaSandboxOptions {
	site?: string;
	username?: string;
	password?: string;
	stages?: string[];
	pendingPolls?: number;
	activePolls?: number;
	/** How long after it starts a sync with a callbackUrl ends and the sandbox calls that URL. */
	callbackDelayMs?: number;
	baseUrl?: string;
	recordBodies?: boolean;
	countRowsOnly?: boolean;
	seed?: number;
	customFields?: string[][];
	clientId?: string;
	clientSecret?: string;
	/** Internal names served with hasReadOnlyConstraint: true. */
	readOnlyFields?: string[];
	/** Form fields a token refresh must carry ([open]); default none. */
	refreshRequires?: string[];
	/** What `addDefinition` fills in that the admin's body leaves out. */
	adminDefinitionDefaults?: IDataObject;
	/** A row staged twice in one sync: ELQ-00026 (default) or stored twice. */
	duplicateRows?: 'reject' | 'store';
	/** A bad non-identifier value: ELQ-00040 and the record stored without it (default), or refused. */
	fieldRejects?: 'dropField' | 'rejectRow';
	/** How recordIndex counts in a sync of several uploads ([open]). */
	recordIndex?: 'acrossUploads' | 'perUpload';
}

export type EloquaSwitches = Pick<
	EloquaSandboxOptions,
	'adminDefinitionDefaults' | 'duplicateRows' | 'fieldRejects' | 'recordIndex' | 'refreshRequires'
>;

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
	/** Once it has ended: the rows it processed (none when it took no row identities). */
	processed?: IDataObject[];
	/** Set when its definition was deleted while it ran: it ends in error (ELQ-00143). */
	definitionDeleted: boolean;
}

export type LostAnswerKind = 'upload' | 'sync' | 'definition';

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
	/** What GET /opportunities/fields serves. */
	fields: Array<{
		name: string;
		internalName: string;
		statement: string;
		dataType: string;
		hasNotNullConstraint: boolean;
		hasReadOnlyConstraint: boolean;
	}>;
	basicAuthorization: string;
	movePod(): void;
	expireAccessTokens(): void;
	/** The next requests of a kind are processed, then their answer is lost (or replaced by `status`). */
	loseAnswer(kind: LostAnswerKind, options?: { status?: number; times?: number }): void;
	runningSyncs(definition: StoredDefinition): StoredSync[];
	/** Sets switches that every later reset keeps. */
	pin(settings: EloquaSwitches): void;
	credentials(overrides?: IDataObject): ICredentialDataDecryptedObject & { loginUrl: string };
	oauthCredentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
	definitionCount(): number;
	/** The callbacks made for syncs started with a callbackUrl, in the order they were made. */
	callbacks: Array<{ syncUri: string; url: string; status?: number; error?: string }>;
	addDefinition(body: IDataObject, id: number, collection?: string): StoredDefinition;
}

export function createEloquaSandbox(options?: EloquaSandboxOptions): EloquaSandbox;
export const STANDARD_FIELDS: string[][];
