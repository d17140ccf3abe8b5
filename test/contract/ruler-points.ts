import { exchange, held, notProbed, type ContractPoint } from './point';
import {
	login,
	opportunity,
	postBatch,
	put,
	reference,
	said,
	type RulerTarget,
} from './ruler-client';

type Point = ContractPoint<RulerTarget>;

/** The points of API-CONTRACT.md's Ruler part, in its order; one test each. */
export const RULER_POINTS: Point[] = [
	{
		name: 'Single upload: tokens from a form-encoded POST /v1/login',
		mark: 'doc',
		expected: '200 {access_token, expires_in, …}',
		async run(t) {
			const answer = await login(t);
			const keys = Object.keys(answer.json ?? {}).sort();
			return held(
				answer.status === 200 &&
					typeof answer.json?.access_token === 'string' &&
					'expires_in' in answer.json,
				`${answer.status} keys ${keys.join(', ')}`,
			);
		},
	},
	{
		name: 'Single upload: a valid opportunity is stored, 201 and no body',
		mark: 'doc',
		expected: '201, empty body',
		async run(t) {
			const answer = await put(t, opportunity(t));
			return held(answer.status === 201 && answer.text === '', said(answer));
		},
	},
	{
		name: 'Single upload: a required field missing is refused (error body shape is open)',
		mark: 'doc',
		expected: '400',
		async run(t) {
			const answer = await put(t, opportunity(t, { Reference: '' }));
			return held(answer.status === 400, said(answer));
		},
	},
	{
		name: '[open] Single upload: a decimal OpportunityValue',
		mark: 'open',
		expected: 'refused, 400 (sandbox)',
		async run(t) {
			const answer = await put(t, opportunity(t, { OpportunityValue: 1.5 }));
			return held(answer.status === 400, said(answer));
		},
	},
	{
		name: '[open] Single upload: the same Reference sent twice',
		mark: 'open',
		expected: 'both 201; one opportunity, updated (sandbox)',
		async run(t) {
			const body = opportunity(t);
			const first = await put(t, body);
			const second = await put(t, { ...body, OpportunityValue: 2 });
			const copies = t.sandbox?.state.opportunities.get(`${t.siteId}/${body.Reference}`)?.copies;
			const where = t.live
				? `; check ${body.Reference} in Ruler: one or two opportunities`
				: `; ${copies} stored`;
			return held(
				first.status === 201 && second.status === 201 && (t.live || copies === 1),
				`${first.status}, ${second.status}${where}`,
			);
		},
	},
	{
		name: '[open] Single upload: an unknown PipelineStage',
		mark: 'open',
		expected: 'refused, 400 (sandbox)',
		async run(t) {
			const answer = await put(t, opportunity(t, { PipelineStage: `${t.prefix}-no-such-stage` }));
			return held(answer.status === 400, said(answer));
		},
	},
	{
		name: '[open] Single upload: a stale token — 401 or 403',
		mark: 'open',
		expected: '401 (sandbox)',
		async run(t) {
			if (t.sandbox) {
				const stale = t.sandbox.issueToken();
				t.sandbox.expireTokens();
				t.token = undefined;
				return held((await put(t, opportunity(t), stale)).status === 401, 'expired token: 401');
			}
			// An expiry cannot be waited for here; an unknown token is the nearest answer.
			const answer = await put(t, opportunity(t), `${reference(t)}-not-a-token`);
			return held([401, 403].includes(answer.status), `unknown token: ${said(answer)}`);
		},
	},
	{
		name: '[open] Batch jobs: the upload path POST /v1/{siteId}/opportunity/batch',
		mark: 'open',
		expected:
			'the path exists: a future-dated row gets 400 with row-level errors, nothing stored (sandbox)',
		async run(t) {
			const csv = [
				'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,EmailAddress,Reference',
				`2999-01-01,GBP,1,${t.stage},${t.prefix}@example.invalid,${reference(t)}`,
				'',
			].join('\n');
			const answer = await postBatch(t, csv);
			if (answer.status === 202)
				return held(false, `${said(answer)} — a job was accepted; its row was dated 2999`);
			return held(answer.status === 400, said(answer));
		},
	},
	{
		name: 'Batch jobs: a valid CSV is accepted (202 jobId) and its status ends complete',
		mark: 'doc',
		expected: '202 {jobId}; status → complete',
		async run(t) {
			if (!t.sandbox) return notProbed('the upload path is unverified; see the batch path probe');
			const csv = [
				'OpportunityDateTime,CurrencyCode,OpportunityValue,PipelineStage,EmailAddress,Reference',
				`2024-05-01,GBP,1.5,${t.stage},${t.prefix}@example.invalid,${reference(t)}`,
				'',
			].join('\n');
			const answer = await postBatch(t, csv);
			const status = async () =>
				(
					await exchange(
						`${t.apiUrl}/v1/${t.siteId}/batch/${answer.json?.jobId}/status`,
						{ headers: { authorization: `Bearer ${t.token}` } },
						{ live: t.live },
					)
				).json as { status: string };
			const seen = [(await status()).status, (await status()).status];
			return held(
				answer.status === 202 && seen[1] === 'complete',
				`${answer.status}; ${seen.join(' → ')}`,
			);
		},
	},
];
