import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The client n8n builds from a credential's resolved data to show the login page and swap the code. */
export function oauth2Client(
	data: ICredentialDataDecryptedObject,
	redirectUri: string,
): {
	code: {
		getUri(): string;
		getToken(callbackUrl: string): Promise<{ accessToken: string }>;
	};
};
