import {
	basic,
	call,
	codes,
	define,
	FIELDS,
	importRows,
	last,
	logsOf,
	opportunityExists,
	rejectsOf,
	row,
	settle,
	staging,
	startSync,
	unique,
	upload,
	type EloquaTarget,
} from './eloqua-client';
import { exchange, held, notProbed, type ContractPoint } from './point';
import { slowProbes } from './settings';

type Point = ContractPoint<EloquaTarget>;
const TERMINAL = ['success', 'warning', 'error'];
const DEFINITION_URI = /^\/opportunities\/imports\/\d+$/;
const SYNC_URI = /^\/syncs\/\d+$/;

const slow = (t: EloquaTarget) => t.live && !slowProbes();

/** The points of API-CONTRACT.md's Eloqua part, in its order; one test each. */
export const ELOQUA_POINTS: Point[] = [
	{
		name: 'Base URL: /id answers urls.base and the Bulk template',
		mark: 'doc',
		expected: 'urls.base; urls.apis.rest.bulk with {version}',
		async run(t) {
			const { json } = await call(t, 'GET', `${t.loginUrl.replace(/\/+$/, '')}/id`);
			const bulk = String(json?.urls?.apis?.rest?.bulk ?? '');
			return held(
				typeof json?.urls?.base === 'string' && bulk.includes('{version}'),
				`base ${json?.urls?.base ? 'present' : 'missing'}, bulk "${bulk}"`,
			);
		},
	},
	{
		name: 'Base URL: bad credentials get HTTP 200 "Not authenticated."',
		mark: 'doc',
		expected: '200, JSON string "Not authenticated."',
		async run(t) {
			const wrong = basic(`${t.prefix}-site`, 'nobody', 'wrong');
			const answer = await call(t, 'GET', `${t.loginUrl.replace(/\/+$/, '')}/id`, undefined, wrong);
			return held(
				answer.status === 200 && answer.json === 'Not authenticated.',
				`${answer.status} ${answer.text.slice(0, 60)}`,
			);
		},
	},
	{
		name: 'Authentication: Basic base64("Site\\User:Password") opens the Bulk API',
		mark: 'doc',
		expected: '200 on GET /opportunities/fields',
		async run(t) {
			const answer = await call(t, 'GET', '/opportunities/fields?limit=1&offset=0');
			return held(answer.status === 200, String(answer.status));
		},
	},
	{
		name: 'Endpoints: fields are paged and carry the constraint flags',
		mark: 'doc',
		expected:
			'limit/offset paging; name, internalName, statement, dataType, hasNotNull/ReadOnlyConstraint',
		async run(t) {
			const { json } = await call(t, 'GET', '/opportunities/fields?limit=2&offset=1');
			const keys = ['name', 'internalName', 'statement', 'dataType'];
			const flags = ['hasNotNullConstraint', 'hasReadOnlyConstraint'];
			const items: Array<Record<string, unknown>> = json?.items ?? [];
			const complete = items.every(
				(f) =>
					keys.every((k) => typeof f[k] === 'string') &&
					flags.every((k) => typeof f[k] === 'boolean'),
			);
			return held(
				items.length === 2 && json.offset === 1 && json.limit === 2 && complete,
				`${items.length} items at offset ${json?.offset}; flags ${complete ? 'served' : 'missing'}`,
			);
		},
	},
	{
		name: 'Definition body: Id, Name, CreatedDate and Stage are not-null fields (18B list)',
		mark: 'doc',
		expected: 'hasNotNullConstraint true on those four',
		async run(t) {
			const { json } = await call(t, 'GET', '/opportunities/fields?limit=1000&offset=0');
			const items: Array<{
				statement: string;
				internalName: string;
				hasNotNullConstraint: boolean;
			}> = json?.items ?? [];
			const wanted = [/Opportunity\.Id\}/, /\(Name\)/, /Created(At|Date)/, /\(Stage\)/];
			const found = wanted.map((w) =>
				items.find((f) => w.test(f.statement) || w.test(`(${f.internalName})`)),
			);
			const notNull = found.map((f) => (f ? String(f.hasNotNullConstraint) : 'absent'));
			return held(
				notNull.every((v) => v === 'true'),
				`Id, Name, Created, Stage: ${notNull.join(', ')}`,
			);
		},
	},
	{
		name: 'Endpoints: a definition is created (201, relative uri), read, updated and deleted',
		mark: 'doc',
		expected: '201 /opportunities/imports/{id}; GET 200; PUT 200; DELETE 204',
		async run(t) {
			const { uri, answer } = await define(t, { isSyncTriggeredOnImport: false });
			const got = await call(t, 'GET', uri);
			const put = await call(t, 'PUT', uri, { ...got.json, name: unique(t, 'renamed') });
			const deleted = await call(t, 'DELETE', uri);
			t.created.splice(t.created.indexOf(uri), 1);
			return held(
				DEFINITION_URI.test(uri) &&
					got.status === 200 &&
					put.status === 200 &&
					deleted.status === 204,
				`${answer.status} ${uri}; GET ${got.status}; PUT ${put.status}; DELETE ${deleted.status}`,
			);
		},
	},
	{
		name: 'Definition body: a definition without the required statements is refused',
		mark: 'doc',
		expected: '400 with failures[] (or an array of requirements)',
		async run(t) {
			const answer = await call(t, 'POST', '/opportunities/imports', {
				name: unique(t, 'refused'),
				fields: { Id: '{{Opportunity.Id}}' },
			});
			if (answer.status === 201) t.created.push(answer.json.uri);
			const shaped = Array.isArray(answer.json?.failures) || Array.isArray(answer.json);
			return held(answer.status === 400 && shaped, `${answer.status} ${answer.text.slice(0, 80)}`);
		},
	},
	{
		name: 'Endpoints: definitions are listed, paged and found by name with q',
		mark: 'doc',
		expected: "items, hasMore, offset, limit, totalResults; q=name='…' finds it",
		async run(t) {
			const { uri } = await staging(t);
			const name = (await call(t, 'GET', uri)).json.name;
			const q = encodeURIComponent(`name='${name}'`);
			const { json } = await call(t, 'GET', `/opportunities/imports?q=${q}&limit=10&offset=0`);
			const shaped = ['hasMore', 'offset', 'limit', 'totalResults'].every((k) => k in (json ?? {}));
			const uris = (json?.items ?? []).map((d: { uri: string }) => d.uri);
			return held(
				shaped && uris.length === 1 && uris[0] === uri,
				`paged ${shaped}; found ${uris.join(', ') || 'none'}`,
			);
		},
	},
	{
		name: 'Syncing on upload: without isSyncTriggeredOnImport an upload answers 201 + its own sync',
		mark: 'doc',
		expected: "201 with a sync object; that sync processes that upload's rows",
		async run(t) {
			const { uri } = await define(t);
			const answer = await upload(t, uri, [row(t, unique(t, 'opp')), row(t, unique(t, 'opp'))]);
			if (answer.status !== 201 || !SYNC_URI.test(String(answer.json?.uri)))
				return held(false, `${answer.status} ${answer.text.slice(0, 80)}`);
			const statuses = await settle(t, answer.json.uri);
			const total = (await logsOf(t, answer.json.uri)).find((l) => l.statusCode === 'ELQ-00001');
			return held(
				last(statuses) === 'success' && total?.count === 2,
				`201 ${answer.json.uri} → ${statuses.join(' → ')}; processed ${total?.count ?? '?'}`,
			);
		},
	},
	{
		name: 'Endpoints: with the flag false, upload 204, then POST /syncs 201 pending → … → success',
		mark: 'doc',
		expected: '204; 201 {uri, status: pending}; pending → active → success',
		async run(t) {
			const { uri } = await staging(t);
			const uploaded = await upload(t, uri, [row(t, unique(t, 'opp'))]);
			const started = await call(t, 'POST', '/syncs', { syncedInstanceUri: uri });
			const statuses = await settle(t, started.json?.uri);
			const valid = statuses.every((s) => ['pending', 'active', ...TERMINAL].includes(s));
			return held(
				uploaded.status === 204 &&
					started.status === 201 &&
					started.json.status === 'pending' &&
					valid &&
					last(statuses) === 'success',
				`${uploaded.status}; ${started.status} ${started.json?.status}; ${statuses.join(' → ')}`,
			);
		},
	},
	{
		name: 'Endpoints: a reject names its row (recordIndex, fieldValues by column, invalidFields, code)',
		mark: 'doc',
		expected:
			'ELQ-00039 for an unknown stage, recordIndex 2, fieldValues keyed Id/Name/Stage/Amount',
		async run(t) {
			const { uri } = await staging(t);
			const bad = row(t, unique(t, 'opp'), { Stage: `${t.prefix}-no-such-stage` });
			const { syncUri, statuses } = await importRows(t, uri, [row(t, unique(t, 'opp')), bad]);
			const [reject] = await rejectsOf(t, syncUri);
			const keyed = reject && Object.keys(FIELDS).every((k) => k in (reject.fieldValues ?? {}));
			return held(
				reject?.statusCode === 'ELQ-00039' &&
					reject.recordIndex === 2 &&
					keyed &&
					reject.invalidFields?.includes('Stage') &&
					typeof reject.message === 'string',
				`${last(statuses)}; ${reject ? `${reject.statusCode} at ${reject.recordIndex}, invalid ${reject.invalidFields}` : 'no reject'}`,
			);
		},
	},
	{
		name: 'Outcomes: sync logs count per statusCode, with severity and message',
		mark: 'doc',
		expected: 'items of {statusCode ELQ-xxxxx, count, severity, message}',
		async run(t) {
			const { uri } = await staging(t);
			const { syncUri } = await importRows(t, uri, [row(t, unique(t, 'opp'))]);
			const logs = await logsOf(t, syncUri);
			const shaped = logs.every(
				(l) =>
					/^[A-Z]+-\w+$/.test(l.statusCode) &&
					typeof l.count === 'number' &&
					l.severity &&
					l.message,
			);
			return held(logs.length > 0 && shaped, codes(logs));
		},
	},
	{
		name: 'Syncing on upload: a second POST /syncs while one runs is accepted',
		mark: 'doc',
		expected: '201 for both',
		async run(t) {
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp'))]);
			const first = await call(t, 'POST', '/syncs', { syncedInstanceUri: uri });
			const running = (await call(t, 'GET', first.json?.uri)).json?.status;
			const second = await call(t, 'POST', '/syncs', { syncedInstanceUri: uri });
			await settle(t, first.json.uri);
			if (second.status === 201) await settle(t, second.json.uri);
			if (TERMINAL.includes(running))
				return notProbed(`the first sync had already ended (${running})`);
			return held(
				first.status === 201 && second.status === 201,
				`${first.status}, then ${second.status}`,
			);
		},
	},
	{
		name: "Endpoints: GET /syncs lists a definition's syncs (q on syncedInstanceUri, newest first)",
		mark: 'doc',
		expected: 'both syncs of the definition, newest first',
		async run(t) {
			const { uri } = await staging(t);
			const older = (await importRows(t, uri, [row(t, unique(t, 'opp'))])).syncUri;
			const newer = (await importRows(t, uri, [row(t, unique(t, 'opp'))])).syncUri;
			const q = encodeURIComponent(`syncedInstanceUri='${uri}'`);
			const { json } = await call(
				t,
				'GET',
				`/syncs?q=${q}&orderBy=${encodeURIComponent('createdAt DESC')}`,
			);
			const uris = (json?.items ?? []).map((s: { uri: string }) => s.uri);
			return held(
				uris.length === 2 && uris[0] === newer && uris[1] === older,
				uris.join(', ') || 'none',
			);
		},
	},
	{
		name: 'Failures: deleting a definition mid-sync is accepted; the sync then fails (ELQ-00143)',
		mark: 'doc',
		expected: '204; sync error with ELQ-00143',
		async run(t) {
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp'))]);
			const syncUri = await startSync(t, uri);
			const deleted = await call(t, 'DELETE', uri);
			if (deleted.status === 204) t.created.splice(t.created.indexOf(uri), 1);
			const statuses = await settle(t, syncUri);
			const logs = await logsOf(t, syncUri);
			const failed = last(statuses) === 'error' && logs.some((l) => l.statusCode === 'ELQ-00143');
			if (deleted.status === 204 && !failed && last(statuses) === 'success' && t.live)
				return notProbed(`the sync may have ended before the delete (${statuses.join(' → ')})`);
			return held(
				deleted.status === 204 && failed,
				`${deleted.status}; ${statuses.join(' → ')}; ${codes(logs)}`,
			);
		},
	},
	{
		name: 'Failures: deleting staged data while a sync runs answers 409 (24B)',
		mark: 'doc',
		expected: '409',
		async run(t) {
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp'))]);
			const syncUri = await startSync(t, uri);
			const running = (await call(t, 'GET', syncUri)).json?.status;
			const cleared = await call(t, 'DELETE', `${uri}/data`);
			await settle(t, syncUri);
			if (TERMINAL.includes(running)) return notProbed(`the sync had already ended (${running})`);
			return held(cleared.status === 409, `${cleared.status} while ${running}`);
		},
	},
	{
		name: 'Endpoints: DELETE …/data clears staged, unsynced rows',
		mark: 'doc',
		expected: '204; the next sync processes 0 rows',
		async run(t) {
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp'))]);
			const cleared = await call(t, 'DELETE', `${uri}/data`);
			const syncUri = await startSync(t, uri);
			await settle(t, syncUri);
			const total =
				(await logsOf(t, syncUri)).find((l) => l.statusCode === 'ELQ-00001')?.count ?? 0;
			return held(cleared.status === 204 && total === 0, `${cleared.status}; processed ${total}`);
		},
	},
	{
		name: 'Limits: the 501st upload of a sync answers 400 "There was a validation error."',
		mark: 'doc',
		expected: '500 × 204, then 400',
		async run(t) {
			if (slow(t)) return notProbed('slow (set CONTRACT_SLOW=1)');
			const { uri } = await staging(t);
			const statuses = new Set<number>();
			for (let i = 0; i < 500; i++)
				statuses.add((await upload(t, uri, [row(t, unique(t, 'opp'))])).status);
			const extra = await upload(t, uri, [row(t, unique(t, 'opp'))]);
			await call(t, 'DELETE', `${uri}/data`);
			return held(
				[...statuses].join() === '204' && extra.status === 400,
				`${[...statuses].join('/')} ×500, then ${extra.status} ${extra.text.slice(0, 60)}`,
			);
		},
	},
	{
		name: 'Limits: an upload over 32 MB fails with a misleading 404',
		mark: 'doc',
		expected: '404',
		async run(t) {
			if (slow(t)) return notProbed('slow (set CONTRACT_SLOW=1)');
			const { uri } = await staging(t);
			const huge = JSON.stringify([
				row(t, unique(t, 'opp'), { Name: 'x'.repeat(32 * 1024 * 1024) }),
			]);
			const answer = await call(t, 'POST', `${uri}/data`, huge);
			return held(answer.status === 404, String(answer.status));
		},
	},
	{
		name: 'Failures: a row staged twice in one sync is rejected as ELQ-00026 (Duplicate identifier)',
		mark: 'inferred',
		expected: 'the second copy rejected, ELQ-00026',
		async run(t) {
			const { uri } = await staging(t);
			const id = unique(t, 'opp');
			await upload(t, uri, [row(t, id)]);
			const { syncUri } = await importRows(t, uri, [row(t, id)]);
			const rejects = await rejectsOf(t, syncUri);
			return held(
				rejects.length === 1 &&
					rejects[0].statusCode === 'ELQ-00026' &&
					rejects[0].recordIndex === 2,
				codes(rejects),
			);
		},
	},
	{
		name: '[open] Values: how Bulk reads zone-less, T/Z and millisecond times',
		mark: 'open',
		expected: 'all three accepted, stored as sent (sandbox)',
		async run(t) {
			const fields = { ...FIELDS, CloseDate: '{{Opportunity.Field(CloseDate)}}' };
			const { uri } = await staging(t, {}, fields);
			const values = ['2024-05-01 08:00:00', '2024-05-01T08:00:00Z', '2024-05-01 08:00:00.123'];
			const ids = values.map(() => unique(t, 'opp'));
			const { syncUri } = await importRows(
				t,
				uri,
				values.map((CloseDate, i) => row(t, ids[i], { CloseDate })),
			);
			const rejects = await rejectsOf(t, syncUri);
			const verdicts = values.map((v, i) => {
				const reject = rejects.find((r) => r.fieldValues?.Id === ids[i]);
				return `${v}: ${reject ? reject.statusCode : 'accepted'}`;
			});
			const stored = t.sandbox
				? values.every(
						(v, i) => t.sandbox!.state.opportunities.get(ids[i].toLowerCase())?.CloseDate === v,
					)
				: undefined;
			const inspect = t.live ? `; compare CloseDate of ${ids.join(', ')} in Eloqua` : '';
			return held(rejects.length === 0 && stored !== false, `${verdicts.join('; ')}${inspect}`);
		},
	},
	{
		name: '[open] Values: a column left out of a row under updateRule always',
		mark: 'open',
		expected: 'clears the stored value (sandbox)',
		async run(t) {
			const fields = { ...FIELDS, Territory: '{{Opportunity.Field(Territory)}}' };
			const { uri } = await staging(t, { updateRule: 'always' }, fields);
			const id = unique(t, 'opp');
			await importRows(t, uri, [row(t, id, { Territory: 'n8n-contract' })]);
			const { statuses } = await importRows(t, uri, [row(t, id)]);
			if (t.live)
				return held(true, `${last(statuses)}; check Territory of ${id} in Eloqua: blank = cleared`);
			const stored = t.sandbox!.state.opportunities.get(id.toLowerCase())?.Territory;
			return held(stored === '', `Territory now "${stored}"`);
		},
	},
	{
		name: '[open] Outcomes: a bad value in one field (ELQ-00040?) — is the record imported?',
		mark: 'open',
		expected: 'ELQ-00040 naming Amount; the opportunity exists (sandbox)',
		async run(t) {
			const { uri } = await staging(t);
			const id = unique(t, 'opp');
			const { syncUri, statuses } = await importRows(t, uri, [
				row(t, id, { Amount: 'not a number' }),
			]);
			const [reject] = await rejectsOf(t, syncUri);
			const exists = await opportunityExists(t, id);
			return held(
				reject?.statusCode === 'ELQ-00040' && reject.invalidFields.includes('Amount') && exists,
				`${last(statuses)}; ${reject ? `${reject.statusCode} on ${reject.invalidFields}` : 'no reject'}; record ${exists ? 'exists' : 'absent'}`,
			);
		},
	},
	{
		name: '[open] Outcomes: recordIndex in a sync of two uploads',
		mark: 'open',
		expected: 'counts across uploads: 3 (sandbox)',
		async run(t) {
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp')), row(t, unique(t, 'opp'))]);
			const bad = row(t, unique(t, 'opp'), { Stage: `${t.prefix}-no-such-stage` });
			const { syncUri } = await importRows(t, uri, [bad]);
			const [reject] = await rejectsOf(t, syncUri);
			return held(reject?.recordIndex === 3, `recordIndex ${reject?.recordIndex ?? 'none'}`);
		},
	},
	{
		name: '[open] Linkage: the Account statement {{Opportunity.Account.Field(M_CompanyName)}}',
		mark: 'open',
		expected: 'definition accepted, 201 (sandbox)',
		async run(t) {
			const answer = await call(t, 'POST', '/opportunities/contacts/imports', {
				name: unique(t, 'account-link'),
				fields: {
					Id: '{{Opportunity.Id}}',
					Company: '{{Opportunity.Account.Field(M_CompanyName)}}',
				},
				identifierFieldName: 'Id',
				isSyncTriggeredOnImport: false,
				linkOpportunitiesEntityType: 'Account',
				linkOpportunitiesMatchFieldName: 'Id',
				linkOpportunitiesSourceField: 'Company',
			});
			if (answer.status === 201) t.created.push(answer.json.uri);
			return held(
				answer.status === 201,
				`${answer.status} ${answer.status === 201 ? '' : answer.text.slice(0, 100)}`,
			);
		},
	},
	{
		name: 'Linkage: linking an opportunity that does not exist yet is rejected ELQ-00084',
		mark: 'doc',
		expected: 'ELQ-00084',
		async run(t) {
			const exists = await opportunityExists(t, unique(t, 'never-imported'));
			return held(!exists, exists ? 'no ELQ-00084' : 'ELQ-00084');
		},
	},
	{
		name: '[open] Authentication: an OAuth refresh without redirect_uri and scope',
		mark: 'open',
		expected: 'accepted, 200 with a new refresh token (sandbox)',
		async run(t) {
			const oauth = t.live
				? t.oauth
				: {
						clientId: 'n8n-client',
						clientSecret: 'client-secret',
						refreshToken: 'valid-refresh-token',
						tokenUrl: `${t.loginUrl}/auth/oauth2/token`,
					};
			if (!oauth)
				return notProbed(
					'set ELOQUA_CONTRACT_CLIENT_ID/_SECRET/_REFRESH_TOKEN (the token is used up)',
				);
			const client = Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64');
			const answer = await exchange(
				oauth.tokenUrl,
				{
					method: 'POST',
					headers: {
						authorization: `Basic ${client}`,
						'content-type': 'application/x-www-form-urlencoded',
					},
					body: new URLSearchParams({
						grant_type: 'refresh_token',
						refresh_token: oauth.refreshToken,
					}),
				},
				{ live: t.live },
			);
			const body = (answer.json ?? {}) as { refresh_token?: string; error?: string };
			return held(
				answer.status === 200 && typeof body.refresh_token === 'string',
				`${answer.status}${body.error ? ` ${body.error}` : ''}${body.refresh_token ? ' (new refresh token not printed)' : ''}`,
			);
		},
	},
	{
		name: 'Authentication: a 401 at a pod the instance left; /id names the new base',
		mark: 'doc',
		expected: '401 at the old base; /id answers the new one',
		async run(t) {
			if (!t.sandbox) return notProbed('a pod move cannot be caused from here');
			const old = t.bulk;
			t.sandbox.movePod();
			const answer = await call(t, 'GET', '/opportunities/fields?limit=1');
			const { json } = await call(t, 'GET', `${t.loginUrl}/id`);
			t.sandbox.state.pod = 'pod1';
			return held(
				answer.status === 401 && `${json.urls.base}/api/bulk/2.0` !== old,
				`${answer.status}; base ${json.urls.base}`,
			);
		},
	},
	{
		name: 'Failures: a 503 after the request went out does not mean it was not processed',
		mark: 'inferred',
		expected: 'the lost POST /syncs exists when listed',
		async run(t) {
			if (!t.sandbox) return notProbed('a lost answer cannot be caused from here');
			const { uri } = await staging(t);
			await upload(t, uri, [row(t, unique(t, 'opp'))]);
			t.sandbox.loseAnswer('sync', { status: 503 });
			const lost = await call(t, 'POST', '/syncs', { syncedInstanceUri: uri });
			const q = encodeURIComponent(`syncedInstanceUri='${uri}'`);
			const listed = (await call(t, 'GET', `/syncs?q=${q}`)).json.items.length;
			return held(lost.status === 503 && listed === 1, `${lost.status}; ${listed} sync listed`);
		},
	},
];
