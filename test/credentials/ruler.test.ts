import { NodeHelpers, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { RulerApi } from '../../credentials/RulerApi.credentials';
import { testCredential } from '../harness/credential-test';
import { useRulerSandbox } from '../harness/ruler';

const type = new RulerApi();

/** The fields the credential form shows for this data: those without display rules, or whose rules match. */
const shown = (data: ICredentialDataDecryptedObject) =>
	type.properties.filter(
		(p) =>
			p.type !== 'hidden' &&
			(!p.displayOptions || NodeHelpers.displayParameter(data, p, null, null)),
	);

/** As n8n's credential form decides whether Save is enabled: every shown required text field is filled. */
const saveEnabled = (data: ICredentialDataDecryptedObject) =>
	shown(data).every((p) => p.required !== true || !!data[p.name]);

const requiredShown = (data: ICredentialDataDecryptedObject) =>
	shown(data)
		.filter((p) => p.required === true)
		.map((p) => p.name);

describe('Ruler credential form: the fields of the chosen method are required', () => {
	it('Username and Password: both required, the token not', () => {
		expect(requiredShown({ authMethod: 'password' })).toEqual(['username', 'password']);
		expect(saveEnabled({ authMethod: 'password', username: '', password: '' })).toBe(false);
		expect(saveEnabled({ authMethod: 'password', username: 'api@example.com', password: '' })).toBe(
			false,
		);
		expect(
			saveEnabled({ authMethod: 'password', username: 'api@example.com', password: 'pw' }),
		).toBe(true);
	});

	it('Access Token: the token required, the username and password not', () => {
		expect(requiredShown({ authMethod: 'accessToken' })).toEqual(['accessToken']);
		expect(saveEnabled({ authMethod: 'accessToken', accessToken: '' })).toBe(false);
		expect(saveEnabled({ authMethod: 'accessToken', accessToken: 'token' })).toBe(true);
	});
});

describe('Ruler credential test', () => {
	const env = useRulerSandbox();

	it('logs in with a username and password', async () => {
		const { sandbox } = env;
		expect(await testCredential(type, sandbox.credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requestsTo('/v1/login', 'POST')).toHaveLength(1);
	});

	it('checks a pasted access token', async () => {
		const { sandbox } = env;
		expect(await testCredential(type, sandbox.tokenCredentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it('says which part is wrong when the login is refused', async () => {
		const { sandbox } = env;
		const result = await testCredential(type, sandbox.credentials({ password: 'wrong' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Ruler login failed \(HTTP 400\): check the username/);
	});
});
