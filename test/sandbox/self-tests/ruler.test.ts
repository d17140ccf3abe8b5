import { useRulerSandbox } from '../harness/ruler';

const VALID = {
	OpportunityValue: 1000,
	OpportunityDateTime: '2024-05-01',
	PipelineStage: 'Closed Won',
	VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: 'ada@example.com' }],
	CurrencyCode: 'GBP',
	Reference: 'S-1',
};

// The emulator is what the node's tests are measured against: it must refuse what Ruler would.
describe('the Ruler sandbox', () => {
	const env = useRulerSandbox();

	async function put(path: string, body: string, token?: string) {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (token) headers.Authorization = `Bearer ${token}`;
		const response = await fetch(`${env.sandbox.url}${path}`, { method: 'PUT', headers, body });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	}

	it('answers the token check: 400 for an empty opportunity with a valid token, 401 without one', async () => {
		const token = env.sandbox.issueToken();

		expect((await put('/v1/0/opportunity/upload', '{}', token)).status).toBe(400);
		expect((await put('/v1/0/opportunity/upload', '{}')).status).toBe(401);
		expect((await put('/v1/0/opportunity/upload', '{}', 'made-up')).status).toBe(401);
		env.sandbox.expireTokens();
		expect((await put('/v1/0/opportunity/upload', '{}', token)).status).toBe(401);
	});

	it('stores a valid opportunity with 201 and no body, counting every write', async () => {
		const token = env.sandbox.issueToken();

		expect(await put('/v1/1234/opportunity/upload', JSON.stringify(VALID), token)).toEqual({
			status: 201,
			body: undefined,
		});
		expect(await put('/v1/1234/opportunity/upload', JSON.stringify(VALID), token)).toEqual({
			status: 201,
			body: undefined,
		});
		expect(env.sandbox.writesFor('1234', 'S-1')).toBe(2);
		expect(env.sandbox.stored('1234', 'S-1')).toEqual(VALID);
	});

	it('refuses with 400 naming each field that breaks a documented rule', async () => {
		const token = env.sandbox.issueToken();
		const body = {
			OpportunityValue: '1000',
			OpportunityDateTime: '2999-01-01',
			PipelineStage: 'closed won',
			VisitorIdentifierOptions: [{ Key: 'Email', Value: 'ada@example.com' }],
			CurrencyCode: 'gbp',
			Reference: '',
			Labels: 'Enterprise',
			AdditionalDataProperties: [{ Name: 'Owner' }],
		};

		expect(await put('/v1/1234/opportunity/upload', JSON.stringify(body), token)).toEqual({
			status: 400,
			body: {
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: {
					OpportunityValue: ['Must be a number.'],
					OpportunityDateTime: ['Must not be in the future.'],
					PipelineStage: ['"closed won" is not a pipeline stage of this site.'],
					VisitorIdentifierOptions: [
						'Key must be one of EmailAddress, PhoneNumber, RaId, PayloadValue, CookieValue.',
					],
					CurrencyCode: ['Must be an ISO 4217 code.'],
					Reference: ['Is required.'],
					Labels: ['Must be an array of strings.'],
					AdditionalDataProperties: ['Every property needs a Name and a string Value.'],
				},
			},
		});
		expect(env.sandbox.state.writes).toBe(0);
	});

	it('accepts both documented date forms and refuses others', async () => {
		const token = env.sandbox.issueToken();
		const withDate = (date: string, reference: string) =>
			JSON.stringify({ ...VALID, OpportunityDateTime: date, Reference: reference });

		expect(
			(await put('/v1/1/opportunity/upload', withDate('2024-05-01T13:15:00', 'a'), token)).status,
		).toBe(201);
		expect(
			(await put('/v1/1/opportunity/upload', withDate('2024-05-01 13:15', 'b'), token)).status,
		).toBe(400);
		expect((await put('/v1/1/opportunity/upload', withDate('2024-02-30', 'c'), token)).status).toBe(
			400,
		);
	});

	it('limits the rate with 429 and a Retry-After of the time until a slot frees', async () => {
		const token = env.sandbox.issueToken();
		env.sandbox.config.ratePerSecond = 1;

		expect((await put('/v1/1/opportunity/upload', JSON.stringify(VALID), token)).status).toBe(201);
		const limited = await fetch(`${env.sandbox.url}/v1/1/opportunity/upload`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(VALID),
		});

		expect(limited.status).toBe(429);
		const wait = Number(limited.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(1);
	});

	it('takes settings and stale tokens over HTTP, for runs in a real n8n', async () => {
		const token = env.sandbox.issueToken();
		const control = async (path: string, body?: unknown) =>
			(
				await fetch(`${env.sandbox.url}/__sandbox/${path}`, {
					method: 'POST',
					body: JSON.stringify(body ?? {}),
				})
			).status;

		expect(await control('config', { latencyMs: 5, ratePerSecond: 2 })).toBe(204);
		expect(env.sandbox.config).toMatchObject({ latencyMs: 5, ratePerSecond: 2 });
		expect(await control('expire-tokens')).toBe(204);
		expect((await put('/v1/0/opportunity/upload', '{}', token)).status).toBe(401);
	});
});
