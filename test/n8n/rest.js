'use strict';
// A small client for n8n's internal REST API (the one the editor uses), with the owner's session.
const { randomUUID } = require('crypto');

const { OWNER } = require('./config');

class N8nApi {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookies = new Map();
		// 2.x binds a session to the browser id it logged in with.
		this.browserId = randomUUID();
	}

	/** Sends a request with the session's cookies; resolves with the status and the body text. */
	async raw(method, path, body) {
		const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId, cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
		}
		return { response, text: await response.text() };
	}

	async request(method, path, body) {
		const { response, text } = await this.raw(method, path, body);
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!response.ok) {
			const error = new Error(
				`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`,
			);
			error.status = response.status;
			throw error;
		}
		return json && 'data' in json ? json.data : json;
	}

	/** Creates the owner on a fresh instance, or logs in if there is one already. */
	async signIn(owner = OWNER) {
		const settings = await this.request('GET', '/rest/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', owner);
		} else {
			await this.request('POST', '/rest/login', {
				emailOrLdapLoginId: owner.email,
				email: owner.email,
				password: owner.password,
			});
		}
		return this;
	}

	/** n8n's "Test" button of the credential dialog: the stored credential, with the form's data over it. */
	async testCredential({ id, name, type, data }) {
		return await this.request('POST', '/rest/credentials/test', {
			credentials: { id, name, type, data },
		});
	}

	async createCredential({ name, type, data }) {
		return await this.request('POST', '/rest/credentials', { name, type, data });
	}

	/**
	 * The "Connect my account" flow of an OAuth2 credential, with the provider's consent answered by
	 * `code`: n8n then exchanges the code for tokens using the credential's client id and secret.
	 * Resolves with the page n8n shows at the end of the flow.
	 */
	async connectOAuth2(credentialId, code) {
		const authUrl = await this.request(
			'GET',
			`/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
		);
		const state = new URL(authUrl).searchParams.get('state');
		const { text } = await this.raw(
			'GET',
			`/rest/oauth2-credential/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
		);
		return { authUrl, page: text };
	}

	async createWorkflow(workflow) {
		return await this.request('POST', '/rest/workflows', workflow);
	}

	/** Publishes a version of the workflow (2.x names the version): its triggers (webhooks) go live. */
	async activateWorkflow(id, versionId) {
		return await this.request('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, {
			versionId,
		});
	}

	/** Execution summaries (id, workflowId, mode, status, startedAt, stoppedAt), newest first. */
	async executions(filter = {}, limit = 250) {
		const query = new URLSearchParams({ filter: JSON.stringify(filter), limit: String(limit) });
		return await this.request('GET', `/rest/executions?${query}`);
	}

	/** One execution with its run data (n8n sends `data` serialised with `flatted`). */
	async execution(id) {
		return await this.request('GET', `/rest/executions/${encodeURIComponent(id)}`);
	}

	async nodeTypes() {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes() {
		return await this.request('GET', '/types/credentials.json');
	}
}

module.exports = { N8nApi };
