import { sleep } from 'n8n-workflow';
import { useSandbox } from '../../harness/sandbox';
import { createRulerSandbox } from '../ruler';

const VALID = {
	OpportunityValue: 1000,
	OpportunityDateTime: '2024-05-01',
	PipelineStage: 'Closed Won',
	VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: 'ada@example.com' }],
	CurrencyCode: 'GBP',
	Reference: 'S-1',
};

// The emulator is what the node's tests are measured against: it must refuse what Ruler would,
// as API-CONTRACT.md states it. Each test names the contract line it holds the sandbox to.
describe('the Ruler sandbox', () => {
	const env = useSandbox(() => createRulerSandbox(), { pinned: false });

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
		// "Documented success: 201, no body"; [open] a resent Reference updates (the default answer).
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

	it('refuses a decimal OpportunityValue unless switched off, and takes a whole one', async () => {
		// "OpportunityValue (int, required)"; "A decimal JSON number may fail model binding here".
		const token = env.sandbox.issueToken();
		const decimal = JSON.stringify({ ...VALID, OpportunityValue: 1000.5 });
		const int32 = ['The JSON value could not be converted to System.Int32.'];

		expect(await put('/v1/1/opportunity/upload', decimal, token)).toEqual({
			status: 400,
			body: expect.objectContaining({ errors: { OpportunityValue: int32 } }),
		});
		const exponent = JSON.stringify(VALID).replace(
			'"OpportunityValue":1000',
			'"OpportunityValue":1e3',
		);
		expect((await put('/v1/1/opportunity/upload', exponent, token)).body.errors).toEqual({
			OpportunityValue: int32,
		});
		env.sandbox.config.wholeValuesOnly = false;
		expect((await put('/v1/1/opportunity/upload', decimal, token)).status).toBe(201);
	});

	it('answers the open points as switched: unknown stages, resent References, stale tokens', async () => {
		// [open] "whether re-sending a Reference updates or duplicates; whether an unknown
		// PipelineStage is refused or stored silently"; "whether an expired token answers 401 or 403".
		const token = env.sandbox.issueToken();
		const unknown = JSON.stringify({ ...VALID, PipelineStage: 'Dreaming' });
		expect((await put('/v1/1/opportunity/upload', unknown, token)).status).toBe(400);
		env.sandbox.config.unknownStages = 'store';
		expect((await put('/v1/1/opportunity/upload', unknown, token)).status).toBe(201);

		env.sandbox.config.resentReference = 'duplicate';
		await put('/v1/1/opportunity/upload', JSON.stringify(VALID), token);
		await put('/v1/1/opportunity/upload', JSON.stringify(VALID), token);
		expect(env.sandbox.state.opportunities.get('1/S-1')).toMatchObject({ writes: 3, copies: 3 });

		env.sandbox.config.expiredTokenStatus = 403;
		env.sandbox.expireTokens();
		expect((await put('/v1/1/opportunity/upload', JSON.stringify(VALID), token)).status).toBe(403);
		expect((await put('/v1/1/opportunity/upload', JSON.stringify(VALID), 'made-up')).status).toBe(
			401,
		);
	});

	it('stores an upload whose answer is then lost', async () => {
		// "A 503, a reset or a timeout after the request was sent does not mean it was not processed."
		const token = env.sandbox.issueToken();
		env.sandbox.faults.add({ method: 'PUT', path: env.sandbox.uploadPath, dropAnswer: true });
		await expect(put('/v1/1/opportunity/upload', JSON.stringify(VALID), token)).rejects.toThrow();
		expect(env.sandbox.writesFor('1', 'S-1')).toBe(1);
	});

	it('runs a batch job: a CSV form file, 400 with row errors and nothing stored, or 202 then status and failures', async () => {
		// Batch jobs: "validated at once: 400 with row-level errors and nothing stored, or 202 Accepted
		// with a jobId"; status until complete | partialcomplete | failed; failures CSV has RowNumber
		// first and ErrorMessage last. The upload path itself is [open].
		const token = env.sandbox.issueToken();
		const header =
			'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,EmailAddress,Reference';
		const send = async (csv: string) => {
			const form = new FormData();
			form.append('file', new Blob([csv], { type: 'text/csv' }), 'opportunities.csv');
			const response = await fetch(`${env.sandbox.url}/v1/1/opportunity/batch`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}` },
				body: form,
			});
			return { status: response.status, body: (await response.json()) as { jobId: string } };
		};
		const get = async (path: string) => {
			const response = await fetch(`${env.sandbox.url}${path}`, {
				headers: { Authorization: `Bearer ${token}` },
			});
			const text = await response.text();
			return /^[[{]/.test(text) ? JSON.parse(text) : text;
		};

		expect(await send(`${header}\n2999-01-01,GBP,1,Lead,a@example.com,B-0\n`)).toEqual({
			status: 400,
			body: {
				errors: [{ rowNumber: 1, errors: ['OpportunityDateTime: Must not be in the future.'] }],
			},
		});
		expect(env.sandbox.state.writes).toBe(0);
		const accepted = await send(
			`${header}\n2024-05-01,GBP,10.5,Lead,a@example.com,B-1\n2024-05-01,GBP,3,Dreaming,b@example.com,B-2\n`,
		);
		expect(accepted).toEqual({ status: 202, body: { jobId: expect.any(String) } });
		const job = accepted.body.jobId;
		expect(await get(`/v1/1/batch/${job}/status`)).toMatchObject({
			status: 'partialcomplete',
			totalRows: 2,
			successCount: 1,
			failureCount: 1,
		});
		expect(env.sandbox.stored('1', 'B-1')).toMatchObject({ OpportunityValue: 10.5 });
		expect(await get(`/v1/1/opportunity/batch/${job}/failures?format=csv`)).toBe(
			[
				`RowNumber,${header},ErrorMessage`,
				'2,"2024-05-01","GBP","3","Dreaming","b@example.com","B-2","""Dreaming"" is not a pipeline stage."',
			].join('\n'),
		);
		// "JSON gives the row's fields plus errorMessage" (no row number unless switched on).
		expect(await get(`/v1/1/opportunity/batch/${job}/failures?format=json`)).toEqual([
			{
				OpportunityDateTime: '2024-05-01',
				CurrencyCode: 'GBP',
				OpportunityValue: '3',
				PipelineStage: 'Dreaming',
				EmailAddress: 'b@example.com',
				Reference: 'B-2',
				errorMessage: '"Dreaming" is not a pipeline stage.',
			},
		]);
		expect(await get('/v1/1/batch/jobs')).toEqual([
			expect.objectContaining({ jobId: job, status: 'partialcomplete' }),
		]);
	});

	it('processes batch jobs one after another at the configured rate, or fails a whole job', async () => {
		// "processed in the background": pending, then processing with percentageProgress, then done.
		env.sandbox.config.batchRowsPerSecond = 20;
		const token = env.sandbox.issueToken();
		const header =
			'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,EmailAddress,Reference';
		const rows = Array.from({ length: 10 }, (_, i) => `2024-05-01,GBP,1,Lead,r${i}@x.com,R-${i}`);
		const csv = [header, ...rows].join('\r\n');
		const boundary = 'b0';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
		const auth = { Authorization: `Bearer ${token}` };
		const submit = async () => {
			const response = await fetch(`${env.sandbox.url}/v1/1/opportunity/batch`, {
				method: 'POST',
				headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
				body,
			});
			return ((await response.json()) as { jobId: string }).jobId;
		};
		const status = async (job: string) =>
			(await (
				await fetch(`${env.sandbox.url}/v1/1/batch/${job}/status`, { headers: auth })
			).json()) as { status: string; processedRows: number };
		const first = await submit();
		const second = await submit();
		expect((await status(second)).status).toBe('pending');
		await sleep(250);
		const early = await status(first);
		expect(early.status).toBe('processing');
		expect(early.processedRows).toBeGreaterThan(0);
		expect(early.processedRows).toBeLessThan(10);
		env.sandbox.config.jobFailureReason = 'The file could not be read.';
		expect(await status(await submit())).toMatchObject({
			status: 'failed',
			failureReason: 'The file could not be read.',
			processedRows: 0,
		});
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
