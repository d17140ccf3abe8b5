import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { RecordedRequest, SandboxServer } from './kit';

export interface RulerSandboxOptions {
	username?: string;
	password?: string;
	stages?: string[];
	sites?: string[];
	latencyMs?: number;
	ratePerSecond?: number;
	expiresIn?: number;
	/** A token stops working `expiresIn` seconds after it was issued (default false). */
	tokensExpire?: boolean;
	tokenPrefix?: string;
	recordBodies?: boolean;
	seed?: number;
	/** Refuse a decimal OpportunityValue (default true: the endpoint documents an int). */
	wholeValuesOnly?: boolean;
	/** [open] Refuse a stage the site lacks (default), or store it silently. */
	unknownStages?: 'refuse' | 'store';
	/** [open] A Reference sent again updates the stored opportunity (default), or adds another. */
	resentReference?: 'update' | 'duplicate';
	/** [open] How a stale token is answered (default 401). */
	expiredTokenStatus?: 401 | 403;
	/** Batch rows processed per second, jobs one after another (default 0: processed when read). */
	batchRowsPerSecond?: number;
	/** Every new batch job fails as a whole with this `failureReason` (default: none). */
	jobFailureReason?: string;
	/** [open] The JSON failures carry `rowNumber` (default false: only the CSV has RowNumber). */
	jsonRowNumbers?: boolean;
}

export type RulerSwitches = Pick<
	RulerSandboxOptions,
	'wholeValuesOnly' | 'unknownStages' | 'resentReference' | 'expiredTokenStatus'
>;

/** A recorded request, with the status and Retry-After the emulator answered (not set for faults). */
export interface RulerRequest extends RecordedRequest {
	status?: number;
	retryAfter?: string;
}

export interface StoredOpportunity {
	body: IDataObject;
	writes: number;
	/** How many opportunities the Reference stands for (more than 1 when resending duplicates). */
	copies: number;
}

export interface BatchJob {
	jobId: string;
	siteId: string;
	processed: number;
	failureReason?: string;
}

export interface RulerSandbox extends SandboxServer {
	config: Required<Omit<RulerSandboxOptions, 'sites' | 'recordBodies' | 'seed'>> & {
		sites?: string[];
	};
	state: {
		tokens: Set<string>;
		opportunities: Map<string, StoredOpportunity>;
		writes: number;
		expiredTokens: Set<string>;
		batchJobs: Map<string, BatchJob>;
	};
	requests: RulerRequest[];
	requestsTo(path: RegExp | string, method?: string): RulerRequest[];
	/** Matches the upload path; its first group is the site ID as sent. */
	uploadPath: RegExp;
	issueToken(): string;
	waitForRequest(path: RegExp, method?: string): Promise<RecordedRequest>;
	expireTokens(): void;
	/** Sets switches that every later reset keeps. */
	pin(settings: RulerSwitches): void;
	writesFor(siteId: string, reference: string): number;
	stored(siteId: string, reference: string): IDataObject | undefined;
	credentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
	tokenCredentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
}

export function createRulerSandbox(options?: RulerSandboxOptions): RulerSandbox;
export const IDENTIFIER_KEYS: string[];
