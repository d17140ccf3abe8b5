import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class EloquaApi implements ICredentialType {
	name = 'eloquaApi';

	displayName = 'Eloqua API';

	icon: Icon = {
		light: 'file:../nodes/EloquaOpportunityImport/eloqua.svg',
		dark: 'file:../nodes/EloquaOpportunityImport/eloqua.dark.svg',
	};

	documentationUrl =
		'https://docs.oracle.com/en/cloud/saas/marketing/eloqua-develop/Developers/GettingStarted/Authentication/basic-authentication.htm';

	properties: INodeProperties[] = [
		{
			displayName: 'Site Name',
			name: 'siteName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'MyCompany',
			description: 'The company (instance) name you type on the Eloqua login page',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'API.User',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: 'https://login.eloqua.com',
			description:
				'Where Eloqua tells each instance its API address. Change it only for a proxy or a test server: with the default, credentials are sent to login.eloqua.com and to https://*.eloqua.com only.',
		},
	];

	// Eloqua's Basic user is "<Site>\<User>"; the doubled backslash is one literal backslash in the expression.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.siteName + "\\\\" + $credentials.username}}',
				password: '={{$credentials.password}}',
			},
		},
	};

	// Eloqua answers bad credentials with HTTP 200 and the JSON string "Not authenticated.", so the
	// test checks that the answer names the instance's base URL.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.loginUrl.replace(/\\/+$/, "")}}',
			url: '/id',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'urls.base',
					value: undefined,
					message:
						'Eloqua answered "Not authenticated.": check the site name, username and password, that the user is enabled, and that your IP allow-list admits n8n',
				},
			},
		],
	};
}
