import { sleep } from 'n8n-workflow';

import {
	deal,
	deals,
	fieldsOf,
	runContinuing,
	runRuler,
	uploadParameters,
	uploadsOf,
	useRulerSandbox,
} from '../../../../harness/ruler';
import { errorOf } from '../../../../harness/engine';

describe('delivery: concurrency, retries and what is not retried', () => {
	const env = useRulerSandbox();

	it('never has more requests in flight than the concurrency option, and starts with the first item alone', async () => {
		const { sandbox } = env;
		sandbox.config.latencyMs = 40;

		const { main } = await runContinuing(sandbox, deals(12), { concurrency: 3 });

		expect(main.map((item) => item.json.status)).toEqual(Array(12).fill('uploaded'));
		expect(sandbox.stats.maxInFlight).toBe(3);
		const sent = uploadsOf(sandbox).map((r) => JSON.parse(r.body ?? '').Reference);
		expect(sent[0]).toBe('D-0');
		expect([...sent].sort()).toEqual(
			deals(12)
				.map((d) => d.reference)
				.sort(),
		);
		expect(uploadsOf(sandbox)[1].at - uploadsOf(sandbox)[0].at).toBeGreaterThanOrEqual(40);
	});

	it('sends at most 4 at a time by default', async () => {
		const { sandbox } = env;
		sandbox.config.latencyMs = 40;

		await runContinuing(sandbox, deals(10));

		expect(uploadsOf(sandbox)).toHaveLength(10);
		expect(sandbox.stats.maxInFlight).toBe(4);
	});

	it('waits as long as Retry-After says before sending again after a 429', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { message: 'Slow down' },
		});

		const { main } = await runContinuing(sandbox, [deal('W-0')]);

		const [first, second] = uploadsOf(sandbox);
		expect(uploadsOf(sandbox)).toHaveLength(2);
		expect(first.fault).toBe(429);
		expect(second.status).toBe(201);
		expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
		expect(second.at - first.at).toBeLessThan(1500);
		expect(main[0].json).toEqual({
			status: 'uploaded',
			dealKey: 'W-0',
			reference: 'W-0',
			siteId: '1234',
			valueGiven: 1000,
			valueSent: 1000,
			warnings: [],
			httpStatus: 201,
			response: null,
			attempts: 2,
			retriedAfter: ['HTTP 429'],
		});
	});

	it('keeps to a rate limit: every 429 is followed by a wait of at least its Retry-After, and each item is stored once', async () => {
		const { sandbox } = env;
		sandbox.config.ratePerSecond = 3;

		const { main } = await runContinuing(sandbox, deals(6), { concurrency: 3 });

		expect(main.map((item) => item.json.status)).toEqual(Array(6).fill('uploaded'));
		const limited = uploadsOf(sandbox).filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		for (const refused of limited) {
			const reference = JSON.parse(refused.body ?? '').Reference;
			const next = uploadsOf(sandbox).find(
				(r) =>
					r.at >= refused.at && r !== refused && JSON.parse(r.body ?? '').Reference === reference,
			);
			expect(next).toBeDefined();
			expect((next?.at ?? 0) - refused.at).toBeGreaterThanOrEqual(
				Number(refused.retryAfter) * 1000 - 1,
			);
		}
		expect(deals(6).map((d) => sandbox.writesFor('1234', String(d.reference)))).toEqual(
			Array(6).fill(1),
		);
	});

	it('pauses every parallel upload when one gets a 429 with Retry-After', async () => {
		const { sandbox } = env;
		// Uploads take 100 ms; D-1's first attempt is refused at once, asking for 500 ms.
		sandbox.config.latencyMs = 100;
		let refused = false;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			times: Infinity,
			pick: (request) => {
				if (refused || JSON.parse(request.body ?? '{}').Reference !== 'D-1') return undefined;
				refused = true;
				return { status: 429, headers: { 'Retry-After': '0.5' } };
			},
		});

		const { main } = await runContinuing(sandbox, deals(6), { concurrency: 3 });

		expect(main.map((item) => item.json.status)).toEqual(Array(6).fill('uploaded'));
		const sent = uploadsOf(sandbox);
		const limitedAt = sent.find((r) => r.fault === 429)?.at ?? 0;
		// D-2 and D-3 left with D-1. Every later upload, D-1's retry included, waits the 500 ms,
		// although the lanes of D-2 and D-3 were free 100 ms after they arrived.
		const later = sent.filter(
			(r) => !['D-0', 'D-2', 'D-3'].includes(JSON.parse(r.body ?? '{}').Reference),
		);
		expect(later).toHaveLength(4);
		for (const request of later.slice(1))
			expect(request.at - limitedAt).toBeGreaterThanOrEqual(490);
	});

	it('starts at most Max Requests per Second uploads a second: set under the limit, no 429', async () => {
		const { sandbox } = env;
		sandbox.config.ratePerSecond = 5;

		// Just under the limit: paced exactly at it, a start that is a little late next to one a
		// little early can still meet a 429 now and then (then it waits and is sent again).
		const { main } = await runContinuing(sandbox, deals(8), {
			concurrency: 4,
			requestsPerSecond: 4,
		});

		expect(main.map((item) => item.json.status)).toEqual(Array(8).fill('uploaded'));
		const sent = uploadsOf(sandbox);
		expect(sent.filter((r) => r.status === 429)).toEqual([]);
		// 4 a second: each upload starts 1 s after the one four before it. Arrivals vary by up to
		// ~150 ms around the start (n8n's request set-up), so allow that much.
		for (let i = 4; i < sent.length; i++) {
			expect(sent[i].at - sent[i - 4].at).toBeGreaterThanOrEqual(800);
		}
	});

	it('retries 502, 503 and 504, and a reset connection', async () => {
		const { sandbox } = env;
		const now = { 'Retry-After': '0' };
		sandbox.faults
			.add({ path: sandbox.uploadPath, reset: true })
			.add({ path: sandbox.uploadPath, status: 502, headers: now })
			.add({ path: sandbox.uploadPath, status: 503, headers: now })
			.add({ path: sandbox.uploadPath, status: 504, headers: now });

		const { main } = await runContinuing(sandbox, [deal('S-0')]);

		expect(uploadsOf(sandbox).map((r) => r.fault ?? r.status)).toEqual([
			'reset',
			502,
			503,
			504,
			201,
		]);
		expect(main[0].json).toMatchObject({
			status: 'uploaded',
			attempts: 5,
			retriedAfter: ['ECONNRESET', 'HTTP 502', 'HTTP 503', 'HTTP 504'],
		});
	});

	it('gives up after Max Retries and says so', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			status: 503,
			headers: { 'Retry-After': '0' },
			times: Infinity,
		});

		const { main } = await runContinuing(sandbox, [deal('G-0')], { maxRetries: 2 });

		expect(uploadsOf(sandbox)).toHaveLength(3);
		expect(main).toEqual([
			{
				json: {
					error: {
						message: 'Item 0 (reference "G-0"): Ruler is unavailable (HTTP 503)',
						status: 'failed',
						dealKey: 'G-0',
						reference: 'G-0',
						siteId: '1234',
						valueGiven: 1000,
						valueSent: 1000,
						warnings: [],
						httpStatus: 503,
						response: null,
						attempts: 3,
						retriedAfter: ['HTTP 503', 'HTTP 503'],
						description:
							'Ruler may be overloaded or under maintenance. Run the item again later. Gave up after 3 attempts.',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('does not wait when Retry-After asks for more than a minute', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			status: 429,
			headers: { 'Retry-After': '3600' },
		});

		const { main } = await runContinuing(sandbox, [deal('L-0')]);

		expect(uploadsOf(sandbox)).toHaveLength(1);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "L-0"): Ruler is limiting the request rate (HTTP 429)',
		);
		expect(fieldsOf(main[0]).description).toBe(
			'Set Max Requests per Second in the options just under your Ruler rate limit, lower Concurrency, or raise Max Retries. Ruler asked to wait 3600 s before trying again, longer than the node waits (60 s).',
		);
	});

	it('does not retry a 503 whose body says the data is invalid', async () => {
		const { sandbox } = env;
		sandbox.faults.add({
			path: sandbox.uploadPath,
			status: 503,
			body: 'Invalid Visitor Id',
			times: Infinity,
		});

		const { main } = await runContinuing(sandbox, [deal('B-0')]);

		expect(uploadsOf(sandbox)).toHaveLength(1);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "B-0"): Ruler rejected the data (HTTP 503: Invalid Visitor Id)',
		);
		expect(fieldsOf(main[0])).toMatchObject({ status: 'rejected', httpStatus: 503, attempts: 1 });
	});

	it('does not retry other 4xx answers, and says what Ruler refused and why in the message', async () => {
		const { sandbox } = env;

		const { main } = await runContinuing(sandbox, [deal('Q-0', { stage: 'closed won' })]);

		expect(uploadsOf(sandbox)).toHaveLength(1);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "Q-0"): Ruler rejected the opportunity as invalid (HTTP 400): PipelineStage: "closed won" is not a pipeline stage of this site.',
		);
		expect(fieldsOf(main[0])).toMatchObject({
			status: 'rejected',
			httpStatus: 400,
			attempts: 1,
			response: {
				title: 'One or more validation errors occurred.',
				status: 400,
				errors: { PipelineStage: ['"closed won" is not a pipeline stage of this site.'] },
			},
		});
		// What to do stays in the description; the reason, already in the message, is not repeated.
		expect(fieldsOf(main[0]).description).toBe(
			"A value does not meet Ruler's rules: check that the pipeline stage exists in Ruler with exactly this spelling and case, and the identifiers, date and currency.",
		);
	});

	it('shortens a long reason in the message and gives all of it in the description', async () => {
		const { sandbox } = env;
		const reason = `Labels: ${'x'.repeat(300)} is too long.`;
		sandbox.faults.add({ path: sandbox.uploadPath, status: 422, body: { message: reason } });

		const { main } = await runContinuing(sandbox, [deal('L-0')]);

		expect(errorOf(main[0]).message).toBe(
			`Item 0 (reference "L-0"): Ruler could not process the opportunity (HTTP 422): ${reason.slice(0, 200)}…`,
		);
		expect(fieldsOf(main[0]).description).toBe(
			`A value is well-formed but not acceptable to Ruler: fix the value the message names in the source data, and run again. Ruler said: ${reason}`,
		);
	});

	it('does not retry a 404 for a site Ruler does not know, and says to check the Site ID', async () => {
		const { sandbox } = env;
		sandbox.config.sites = ['1234'];

		const { main } = await runContinuing(sandbox, [deal('H-0', { siteId: '4321' })]);

		expect(uploadsOf(sandbox).map((r) => `${r.path} ${r.status}`)).toEqual([
			'/v1/4321/opportunity/upload 404',
		]);
		expect(errorOf(main[0]).message).toBe(
			'Item 0 (reference "H-0"): Ruler did not find the site or the upload address (HTTP 404)',
		);
		expect(fieldsOf(main[0]).description).toBe(
			'Check the Site ID, and the API URL in the credential (normally https://rest.rulerapi.com). Ruler said: Site 4321 was not found.',
		);
	});

	it('resends after a timeout, which can store the opportunity twice (visible in attempts)', async () => {
		const { sandbox } = env;
		sandbox.faults.add({ path: sandbox.uploadPath, delayMs: 150 });

		const { main } = await runContinuing(sandbox, [deal('T-0')], { timeout: 100 });

		expect(main[0].json).toMatchObject({
			status: 'uploaded',
			attempts: 2,
			retriedAfter: ['ECONNABORTED'],
		});
		expect(uploadsOf(sandbox)).toHaveLength(2);
		expect(sandbox.writesFor('1234', 'T-0')).toBe(2);
	});

	it('does not resend after a timeout when Retry When the Outcome Is Unknown is off, but still retries a 503', async () => {
		const { sandbox } = env;
		sandbox.faults
			.add({ path: /^\/v1\/1234\//, delayMs: 150 })
			.add({ path: /^\/v1\/5678\//, status: 503, headers: { 'Retry-After': '0' } });

		const { main } = await runContinuing(sandbox, [deal('U-0'), deal('U-1', { siteId: '5678' })], {
			timeout: 100,
			retryUnknownOutcome: false,
		});

		expect(
			main.map((item) => [item.pairedItem, fieldsOf(item).status, fieldsOf(item).attempts]),
		).toEqual([
			[{ item: 1 }, 'uploaded', 2],
			[{ item: 0 }, 'failed', 1],
		]);
		expect(errorOf(main[1]).message).toBe(
			'Item 0 (reference "U-0"): Ruler did not answer within 100 ms (ECONNABORTED)',
		);
		expect(fieldsOf(main[1]).description).toBe(
			'Ruler may have stored the opportunity anyway. Raise Timeout in the options; check in Ruler before you run the item again, as whether the same reference sent again updates it or adds a second one is not documented. It was not sent again because "Retry When the Outcome Is Unknown" is off.',
		);
	});

	it('stops promptly when the execution is cancelled, abandoning the request in flight', async () => {
		const { sandbox } = env;
		sandbox.config.latencyMs = 400;
		const firstUpload = sandbox.waitForRequest(sandbox.uploadPath, 'PUT');
		let cancelledAt = 0;
		const cancelWhen = firstUpload.then(() => (cancelledAt = Date.now()));

		const { main, error } = await runRuler(sandbox, uploadParameters(), deals(10), { cancelWhen });

		expect(Date.now() - cancelledAt).toBeLessThan(300);
		expect(uploadsOf(sandbox)).toHaveLength(1);
		expect(main).toEqual([]);
		expect(error?.message).toBe('The execution was cancelled');
		expect(error?.description).toBe(
			'0 of 10 items were uploaded before it stopped; the others were not checked, not sent or their outcome is unknown.',
		);
		// The abandoned request still arrives: its outcome was unknown to the node, as the description says.
		await sleep(450);
		expect(sandbox.writesFor('1234', 'D-0')).toBe(1);
	});

	it('sends nothing more once cancelled while uploads wait for their turn', async () => {
		const { sandbox } = env;
		// 2 a second: after the first two, the others wait in line when the execution is cancelled.
		const secondUpload = new Promise<void>((resolve) => {
			sandbox.afterRequest({ path: sandbox.uploadPath, method: 'PUT', nth: 2 }, resolve);
		});
		const { error } = await runRuler(
			sandbox,
			uploadParameters({}, { concurrency: 4, requestsPerSecond: 2 }),
			deals(6),
			{ cancelWhen: secondUpload },
		);

		expect(error?.message).toBe('The execution was cancelled');
		await sleep(1200);
		// Well after the next turn (1 s after the first): D-2 and later were never sent.
		expect(uploadsOf(sandbox).map((r) => JSON.parse(r.body ?? '').Reference)).toEqual([
			'D-0',
			'D-1',
		]);
	});

	it('refuses a Max Requests per Second that is negative, not a number, or below 0.01, naming the option', async () => {
		const { sandbox } = env;
		for (const value of [-1, 'fast', 0.001]) {
			const { error } = await runRuler(
				sandbox,
				uploadParameters({}, { requestsPerSecond: value }),
				deals(1),
			);
			expect(error?.message).toMatch(
				/^The node is not set up: Options → Max Requests per Second must be 0 \(no limit\) or at least 0\.01, got /,
			);
		}
		// Set to continue, every item reports it (a retry branch still gets every deal), said as
		// a setup mistake rather than as a fault of each deal.
		const { main } = await runContinuing(sandbox, deals(2), { requestsPerSecond: -1 });
		const message =
			'The node is not set up: Options → Max Requests per Second must be 0 (no limit) or at least 0.01, got -1';
		expect(
			main.map((item) => [fieldsOf(item).status, fieldsOf(item).code, errorOf(item).message]),
		).toEqual([
			['failed', 'nodeNotSetUp', message],
			['failed', 'nodeNotSetUp', message],
		]);
		expect(uploadsOf(sandbox)).toEqual([]);
	});
});
