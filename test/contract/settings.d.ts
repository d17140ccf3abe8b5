export interface EloquaLiveSettings {
	loginUrl: string;
	site: string;
	user: string;
	password: string;
	/** A stage that exists on the instance (ELOQUA_CONTRACT_STAGE, default Prospecting). */
	stage: string;
	/** Only with ELOQUA_CONTRACT_REFRESH_TOKEN (and client ID/secret): the refresh-body probe. */
	oauth?: { clientId?: string; clientSecret?: string; refreshToken: string; tokenUrl: string };
}

export interface RulerLiveSettings {
	user: string;
	password: string;
	siteId: string;
	apiUrl: string;
	authUrl: string;
	stage: string;
}

export interface TableRow {
	point: string;
	mark: string;
	expected: string;
	seen: string;
	verdict: string;
}

export function eloquaLive(): EloquaLiveSettings | undefined;
export function rulerLive(): RulerLiveSettings | undefined;
export function slowProbes(): boolean;
export function printTable(title: string, rows: TableRow[]): void;
export function wantTable(): boolean;
