export interface UntrustedServer {
	url: string;
	seen: { connections: number; requests: string[] };
	reset(): void;
	/** A GET from a client that trusts this certificate: proves the server answers. */
	trustedGet(pathname: string): Promise<number>;
	close(): Promise<void>;
}

/** An HTTPS server whose certificate nobody trusts (self-signed, made for this run). */
export function startUntrustedServer(): Promise<UntrustedServer>;
