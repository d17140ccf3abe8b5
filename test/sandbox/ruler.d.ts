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
	tokenPrefix?: string;
	recordBodies?: boolean;
	seed?: number;
}

/** A recorded request, with the status and Retry-After the emulator answered (not set for faults). */
export interface RulerRequest extends RecordedRequest {
	status?: number;
	retryAfter?: string;
}

export interface StoredOpportunity {
	body: IDataObject;
	writes: number;
}

export interface RulerSandbox extends SandboxServer {
	config: Required<Omit<RulerSandboxOptions, 'sites' | 'recordBodies' | 'seed'>> & {
		sites?: string[];
	};
	state: {
		tokens: Set<string>;
		opportunities: Map<string, StoredOpportunity>;
		writes: number;
	};
	requests: RulerRequest[];
	requestsTo(path: RegExp | string, method?: string): RulerRequest[];
	/** Matches the upload path; its first group is the site ID as sent. */
	uploadPath: RegExp;
	issueToken(): string;
	waitForRequest(path: RegExp, method?: string): Promise<RecordedRequest>;
	expireTokens(): void;
	writesFor(siteId: string, reference: string): number;
	stored(siteId: string, reference: string): IDataObject | undefined;
	credentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
	tokenCredentials(overrides?: IDataObject): ICredentialDataDecryptedObject;
}

export function createRulerSandbox(options?: RulerSandboxOptions): RulerSandbox;
export const IDENTIFIER_KEYS: string[];
