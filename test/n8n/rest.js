'use strict';
// A small client for n8n's internal REST API (the one the editor uses), with the owner's session.
const { randomUUID } = require('crypto');

const { OWNER } = require('./config');

class N8nApi {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
		// 2.x binds a session to the browser id it logged in with.
		this.browserId = randomUUID();
	}

	async request(method, path, body) {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId, cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!response.ok) {
			const error = new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
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
			await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
		}
		return this;
	}

	/** n8n's "Test" button of the credential dialog. */
	async testCredential({ name, type, data }) {
		return await this.request('POST', '/rest/credentials/test', { credentials: { name, type, data } });
	}

	async nodeTypes() {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes() {
		return await this.request('GET', '/types/credentials.json');
	}
}

module.exports = { N8nApi };
