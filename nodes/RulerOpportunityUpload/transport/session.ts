import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

/** The credential's hidden fields n8n keeps the login in (declared in the Ruler credential). */
export const SESSION_TOKEN = 'sessionToken';
export const SESSION_EXPIRES_AT = 'sessionExpiresAt';

/** A token is renewed a little before Ruler's lifetime ends: a tenth of it, at most a minute. */
const MAX_MARGIN_MS = 60_000;

/**
 * When a token Ruler said lives `expiresIn` seconds stops being used, as an ISO time; empty when
 * Ruler said nothing usable, and then only a refusal makes n8n log in again.
 */
export function sessionExpiry(expiresIn: unknown, now = Date.now()): string {
	const lifetimeMs = Number(expiresIn) * 1000;
	if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) return '';
	return new Date(now + lifetimeMs - Math.min(MAX_MARGIN_MS, lifetimeMs / 10)).toISOString();
}

/** Sends one request with the given context; `maySend` is asked right before it goes out. */
export type SessionRequest<T> = (
	context: IExecuteFunctions,
	maySend: () => Promise<boolean>,
) => Promise<T>;

/**
 * The login of one run. n8n runs the credential's pre-authentication (the login) only when the
 * token field is empty, or after a 401; it knows nothing of expiry, and only n8n 2.x lets a node
 * add 403 to the statuses that trigger it. So every request of the run is made with one copy of
 * the credential's data, which n8n keeps current (it writes the new token and its expiry into the
 * copy it was given), and a copy with the token emptied makes n8n log in afresh, on every version.
 * The node never handles the token itself.
 */
export class Session {
	/** The fresh login under way, if any: uploads wait for it rather than send the old token. */
	private renewal?: Promise<void>;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentialType: string,
		private data: ICredentialDataDecryptedObject,
		/** With a username and password; a pasted token cannot be renewed. */
		readonly canLogIn: boolean,
	) {}

	/** The token's lifetime has passed: the next upload logs in first. */
	get expired(): boolean {
		if (!this.canLogIn || !this.data[SESSION_TOKEN]) return false;
		const at = Date.parse(String(this.data[SESSION_EXPIRES_AT] ?? ''));
		return Number.isFinite(at) && Date.now() >= at;
	}

	/**
	 * Sends `request` with a fresh login when `freshLogin` asks. Otherwise, right before it goes out
	 * (after its wait for a turn), it waits while a fresh login is under way, then itself logs in
	 * afresh when the token has expired. Requests that go out meanwhile wait for the fresh login,
	 * and then carry the new token.
	 */
	async send<T>(request: SessionRequest<T>, mayStart: () => boolean, freshLogin = false) {
		let endRenewal: (() => void) | undefined;
		if (freshLogin) {
			// Asked after a refusal: the others hold from now, not only once this one's turn comes.
			while (this.renewal) await this.renewal;
			endRenewal = this.beginRenewal();
		}
		const maySend = async () => {
			if (!endRenewal) while (this.renewal) await this.renewal;
			// Nothing is awaited from the check above to here: one request renews, the others wait.
			if (!mayStart()) return false;
			if (!endRenewal && this.expired) endRenewal = this.beginRenewal();
			return true;
		};
		try {
			return await request(
				this.contextWith(() => this.data),
				maySend,
			);
		} finally {
			endRenewal?.();
		}
	}

	/** From now on requests use a copy without the token, so n8n logs in again for the next one. */
	private beginRenewal(): () => void {
		this.data = { ...this.data, [SESSION_TOKEN]: '' };
		let end = () => {};
		this.renewal = new Promise<void>((resolve) => (end = resolve));
		return () => {
			this.renewal = undefined;
			end();
		};
	}

	/**
	 * The execution context, with its authenticated requests made with the run's credential data
	 * (read when each request goes out). Only n8n's helper reads the data: it runs the credential's
	 * pre-authentication and authentication as for any request.
	 */
	private contextWith(data: () => ICredentialDataDecryptedObject): IExecuteFunctions {
		const { context, credentialType } = this;
		const saved = context.getNode().credentials?.[credentialType];
		const httpRequestWithAuthentication = async (type: string, options: IHttpRequestOptions) =>
			await context.helpers.httpRequestWithAuthentication.call(context, type, options, {
				credentialsDecrypted: {
					id: saved?.id ?? '',
					name: saved?.name ?? '',
					type: credentialType,
					data: data(),
				},
			});
		const helpers = Object.create(context.helpers, {
			httpRequestWithAuthentication: { value: httpRequestWithAuthentication },
		}) as IExecuteFunctions['helpers'];
		return Object.create(context, { helpers: { value: helpers } }) as IExecuteFunctions;
	}
}
