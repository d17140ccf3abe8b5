import type { RulerSandbox } from '../sandbox/ruler';
import { exchange, type Answer } from './point';
import { BATCH_UPLOAD_PATH as NODE_BATCH_PATH } from '../../nodes/RulerOpportunityUpload/transport/batch';

/** A Ruler site to probe: the sandbox, or a live one named by the environment. */
export interface RulerTarget {
	live: boolean;
	sandbox?: RulerSandbox;
	apiUrl: string;
	authUrl: string;
	user: string;
	password: string;
	siteId: string;
	stage: string;
	/** Every Reference the suite sends starts with it: `n8n-contract-<run>`. */
	prefix: string;
	token?: string;
}

/** [open] "its siblings suggest POST /v1/{siteId}/opportunity/batch": the node's one constant. */
export const BATCH_UPLOAD_PATH = (siteId: string) =>
	`/v1/${encodeURIComponent(siteId)}/${NODE_BATCH_PATH}`;

export async function login(t: RulerTarget) {
	return await exchange(
		`${t.authUrl.replace(/\/+$/, '')}/v1/login`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ username: t.user, password: t.password }).toString(),
		},
		{ live: t.live },
	);
}

export async function token(t: RulerTarget) {
	if (!t.token) {
		const answer = await login(t);
		t.token = answer.json?.access_token;
		if (!t.token) throw new Error(`Ruler login answered ${answer.status}`);
	}
	return t.token;
}

/** Yesterday in UTC: a date Ruler takes as "not in the future" anywhere. */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let serial = 0;
export const reference = (t: RulerTarget) => `${t.prefix}-${++serial}`;

/** A valid single-upload body with a fresh `n8n-contract-` Reference. */
export function opportunity(t: RulerTarget, extra: object = {}) {
	return {
		OpportunityValue: 1,
		OpportunityDateTime: yesterday(),
		PipelineStage: t.stage,
		VisitorIdentifierOptions: [{ Key: 'EmailAddress', Value: `${t.prefix}@example.invalid` }],
		CurrencyCode: 'GBP',
		Labels: ['n8n-contract'],
		Reference: reference(t),
		...extra,
	};
}

export async function put(t: RulerTarget, body: unknown, bearer?: string): Promise<Answer> {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return await exchange(
		`${t.apiUrl.replace(/\/+$/, '')}/v1/${encodeURIComponent(t.siteId)}/opportunity/upload`,
		{
			method: 'PUT',
			headers: {
				authorization: `Bearer ${bearer ?? (await token(t))}`,
				'content-type': 'application/json',
			},
			body: text,
		},
		{ live: t.live },
	);
}

export async function postBatch(t: RulerTarget, csv: string) {
	const form = new FormData();
	form.append('file', new Blob([csv], { type: 'text/csv' }), `${t.prefix}.csv`);
	return await exchange(
		`${t.apiUrl.replace(/\/+$/, '')}${BATCH_UPLOAD_PATH(t.siteId)}`,
		{ method: 'POST', headers: { authorization: `Bearer ${await token(t)}` }, body: form },
		{ live: t.live },
	);
}

/** `400 {"errors": …}` shortened for the table. */
export const said = (answer: Answer) =>
	`${answer.status}${answer.text ? ` ${answer.text.replace(/\s+/g, ' ').slice(0, 90)}` : ''}`;
