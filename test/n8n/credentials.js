'use strict';
// Ready-made n8n credentials that point at the running sandboxes, with fixed ids the example
// workflows refer to. A service adds its entries here when its sandbox lands.
const CREDENTIALS = {
	eloqua: (sandbox) => [
		{
			id: 'EloquaSandboxBasic',
			name: 'Eloqua sandbox (Basic)',
			type: 'eloquaApi',
			data: sandbox.credentials(),
		},
		{
			id: 'EloquaSandboxOAuth',
			name: 'Eloqua sandbox (OAuth2)',
			type: 'eloquaOAuth2Api',
			data: sandbox.oauthCredentials(),
		},
	],
	ruler: (sandbox) => [
		{
			id: 'RulerSandboxLogin',
			name: 'Ruler sandbox (login)',
			type: 'rulerApi',
			data: sandbox.credentials(),
		},
		{
			id: 'RulerSandboxToken',
			name: 'Ruler sandbox (token)',
			type: 'rulerApi',
			data: sandbox.tokenCredentials(),
		},
	],
};

/** The same credentials with a wrong secret, for checks that a bad secret fails clearly. */
const BAD_SECRETS = {
	eloquaApi: { password: 'wrong password' },
	eloquaOAuth2Api: {
		clientSecret: 'wrong-secret',
		oauthTokenData: { access_token: 'expired', refresh_token: 'revoked', token_type: 'bearer' },
	},
	rulerApi: { password: 'wrong password', accessToken: 'wrong-token' },
};

/** The code each OAuth2 sandbox accepts as the user's consent in the "Connect my account" flow. */
const CONSENT_CODES = { eloquaOAuth2Api: 'valid-code' };

/** Every credential for the running sandboxes (`servers` by service name). */
function sandboxCredentials(servers) {
	return Object.entries(servers).flatMap(([name, server]) =>
		CREDENTIALS[name] ? CREDENTIALS[name](server) : [],
	);
}

function withBadSecret(credential) {
	return { ...credential, data: { ...credential.data, ...BAD_SECRETS[credential.type] } };
}

module.exports = { sandboxCredentials, withBadSecret, CONSENT_CODES };
