import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class EloquaOAuth2Api implements ICredentialType {
	name = 'eloquaOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Eloqua OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/EloquaOpportunityImport/eloqua.svg',
		dark: 'file:../nodes/EloquaOpportunityImport/eloqua.dark.svg',
	};

	documentationUrl =
		'https://docs.oracle.com/en/cloud/saas/marketing/eloqua-develop/Developers/GettingStarted/Authentication/authenticate-using-oauth.htm';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: 'https://login.eloqua.com',
			description:
				'Where Eloqua authorizes apps and tells each instance its API address. Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["loginUrl"].replace(/\\/+$/, "") + "/auth/oauth2/authorize"}}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["loginUrl"].replace(/\\/+$/, "") + "/auth/oauth2/token"}}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'full',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Eloqua's token endpoint wants the client id and secret as HTTP Basic.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
