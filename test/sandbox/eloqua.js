'use strict';
// An Oracle Eloqua Bulk API 2.0 emulator (opportunities) on loopback, following the project's
// API contract: /id discovery (with the "Not authenticated." answer), Basic and Bearer auth,
// fields, import definitions, staged uploads with the 32 MB and 500-upload limits, syncs moving
// pending → active → success/warning/error, rejects, logs, and OAuth2 token refresh.
const { createServer } = require('./kit');

const BULK = '/api/bulk/2.0';
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const MAX_UPLOADS_PER_SYNC = 500;

const STANDARD_FIELDS = [
	['Opportunity ID', 'OpportunityID', '{{Opportunity.Id}}', 'string'],
	['Name', 'Name', '{{Opportunity.Field(Name)}}', 'string'],
	['Account Name', 'AccountName', '{{Opportunity.Field(AccountName)}}', 'string'],
	['Created At', 'CreatedAt', '{{Opportunity.CreatedAt}}', 'date'],
	['Amount', 'Amount', '{{Opportunity.Field(Amount)}}', 'number'],
	['Close Date', 'CloseDate', '{{Opportunity.Field(CloseDate)}}', 'date'],
	['Currency', 'Currency', '{{Opportunity.Field(Currency)}}', 'string'],
	[
		'Forecast To Close Date',
		'ForecastToCloseDate',
		'{{Opportunity.Field(ForecastToCloseDate)}}',
		'date',
	],
	['Stage', 'Stage', '{{Opportunity.Field(Stage)}}', 'string'],
	['Territory', 'Territory', '{{Opportunity.Field(Territory)}}', 'string'],
	['Owner', 'Owner', '{{Opportunity.Field(Owner)}}', 'string'],
	[
		'Primary Campaign Id',
		'PrimaryCampaignId',
		'{{Opportunity.Field(PrimaryCampaignId)}}',
		'string',
	],
];

const DEFAULT_CUSTOM_FIELDS = [
	['Region', 'Region1', '{{Opportunity.Field(Region1)}}', 'string'],
	['Deal Score', 'DealScore1', '{{Opportunity.Field(DealScore1)}}', 'number'],
	['Renewal Date', 'RenewalDate1', '{{Opportunity.Field(RenewalDate1)}}', 'date'],
];

const CONTACT_FIELDS = [
	['Email Address', 'C_EmailAddress', '{{Contact.Field(C_EmailAddress)}}', 'text'],
	['First Name', 'C_FirstName', '{{Contact.Field(C_FirstName)}}', 'text'],
	['Last Name', 'C_LastName', '{{Contact.Field(C_LastName)}}', 'text'],
];
const ACCOUNT_FIELDS = [
	['Company Name', 'M_CompanyName', '{{Account.Field(M_CompanyName)}}', 'text'],
	['Country', 'M_Country', '{{Account.Field(M_Country)}}', 'text'],
];

const REQUIRED_STATEMENTS = [
	'{{Opportunity.Id}}',
	'{{Opportunity.Field(Name)}}',
	'{{Opportunity.Field(Stage)}}',
	'{{Opportunity.Field(Amount)}}',
];
const UPDATE_RULES = ['always', 'ifNewIsNotNull', 'ifExistingIsNull', 'useFieldRule'];
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const isDate = (value) =>
	/^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?$/.test(value) || !Number.isNaN(Date.parse(value));

function field([name, internalName, statement, dataType], index) {
	return {
		name,
		internalName,
		statement,
		dataType,
		hasNotNullConstraint: false,
		hasReadOnlyConstraint: false,
		hasUniquenessConstraint: index === 0,
		uri: `/opportunities/fields/${index + 1}`,
	};
}

function page(items, query, max = 1000) {
	const limit = Math.min(Number(query.get('limit') ?? 1000) || 1000, max);
	const offset = Number(query.get('offset') ?? 0) || 0;
	const slice = items.slice(offset, offset + limit);
	return {
		items: slice,
		totalResults: items.length,
		limit,
		offset,
		count: slice.length,
		hasMore: offset + slice.length < items.length,
	};
}

const failures = (list) => ({ status: 400, body: { failures: list } });

/**
 * @param {object} options
 * @param {string} [options.site]      site name of the valid Basic credential
 * @param {string} [options.username]
 * @param {string} [options.password]
 * @param {string[]} [options.stages]  opportunity stages that exist (others are rejected with ELQ-00039)
 * @param {number} [options.pendingPolls]  status reads a sync stays pending
 * @param {number} [options.activePolls]   status reads a sync stays active
 * @param {string} [options.baseUrl]   the instance base URL /id announces (default: this server)
 * @param {boolean} [options.recordBodies]
 * @param {boolean} [options.countRowsOnly]  do not parse uploads (benchmarks): count rows, accept all
 */
function createEloquaSandbox(options = {}) {
	const config = {
		site: 'TestSite',
		username: 'api.user',
		password: 'correct horse',
		stages: ['Prospecting', 'Qualification', 'Proposal', 'Closed Won', 'Closed Lost'],
		pendingPolls: 1,
		activePolls: 1,
		customFields: DEFAULT_CUSTOM_FIELDS,
		clientId: 'n8n-client',
		clientSecret: 'client-secret',
		...options,
	};
	const freshState = () => ({
		pod: 'pod1',
		/** Valid OAuth2 access tokens, and the refresh tokens that may replace them (single use). */
		accessTokens: new Set(['valid-access-token']),
		refreshTokens: new Set(['valid-refresh-token']),
		definitions: new Map(),
		syncs: new Map(),
		/** Opportunities stored by identifier; `writes` counts every upsert, to spot double writes. */
		opportunities: new Map(),
		writes: 0,
		/** Writes per stored key, to tell which opportunity was written twice. */
		writesByKey: new Map(),
		nextId: 1,
		storageFull: false,
		/** Totals over all uploads, for benchmarks (which do not record bodies). */
		uploads: { count: 0, bytes: 0, rows: 0 },
		/** Set to 'error' | 'stuck' to force how the next syncs end. */
		syncOutcome: undefined,
		contacts: new Set(['ada@example.com', 'grace@example.com']),
		accounts: new Set(['ABC', 'XYZ']),
		links: [],
	});
	const state = freshState();

	const fields = [...STANDARD_FIELDS, ...config.customFields].map(field);
	const statementKinds = new Map(fields.map((f) => [f.statement, f.dataType]));
	const basic =
		'Basic ' +
		Buffer.from(`${config.site}\\${config.username}:${config.password}`).toString('base64');

	function authorised(req) {
		const header = req.headers.authorization || '';
		if (header === basic) return true;
		return header.startsWith('Bearer ') && state.accessTokens.has(header.slice(7));
	}

	const routes = [];
	const server = createServer({
		name: 'Eloqua',
		recordBodies: config.recordBodies !== false,
		seed: config.seed,
		routes,
	});
	const baseUrl = () => config.baseUrl || `${server.url}/${state.pod}`;

	function definitionFrom(params) {
		return state.definitions.get(Number(params[1]));
	}

	function validateDefinition(body, isLinkage) {
		const problems = [];
		if (!body || typeof body !== 'object' || Array.isArray(body))
			return [{ field: 'body', constraint: 'Must be a JSON object', value: '' }];
		if (typeof body.name !== 'string' || !body.name || body.name.length > 100)
			problems.push({
				field: 'name',
				constraint: 'Must be a string of 1 to 100 characters',
				value: String(body.name ?? ''),
			});
		const entries = Object.entries(body.fields || {});
		if (entries.length === 0 || entries.length > 100)
			problems.push({
				field: 'fields',
				constraint: 'Must have 1 to 100 fields',
				value: String(entries.length),
			});
		for (const [column, statement] of entries) {
			const known =
				statementKinds.has(statement) ||
				(isLinkage &&
					/^\{\{Opportunity\.(Contact|Account)\.Field\([A-Za-z0-9_]+\)\}\}$/.test(statement));
			if (!known)
				problems.push({
					field: `fields.${column}`,
					constraint: 'Must be a valid field statement',
					value: String(statement),
				});
		}
		const statements = entries.map(([, s]) => s);
		const required = isLinkage ? ['{{Opportunity.Id}}'] : REQUIRED_STATEMENTS;
		for (const statement of required)
			if (!statements.includes(statement))
				problems.push({ field: 'fields', constraint: `Must include ${statement}`, value: '' });
		if (
			body.identifierFieldName !== undefined &&
			!(body.identifierFieldName in (body.fields || {}))
		)
			problems.push({
				field: 'identifierFieldName',
				constraint: 'Must be one of the fields',
				value: String(body.identifierFieldName),
			});
		if (body.updateRule !== undefined && !UPDATE_RULES.includes(body.updateRule))
			problems.push({
				field: 'updateRule',
				constraint: `Must be one of ${UPDATE_RULES.join(', ')}`,
				value: String(body.updateRule),
			});
		if (
			body.dataRetentionDuration !== undefined &&
			!/^P(T\d+H|\d+D)$/.test(body.dataRetentionDuration)
		)
			problems.push({
				field: 'dataRetentionDuration',
				constraint: 'Must be an ISO 8601 duration between PT1H and P14D',
				value: String(body.dataRetentionDuration),
			});
		if (
			body.isSyncTriggeredOnImport !== undefined &&
			typeof body.isSyncTriggeredOnImport !== 'boolean'
		)
			problems.push({
				field: 'isSyncTriggeredOnImport',
				constraint: 'Must be a boolean',
				value: String(body.isSyncTriggeredOnImport),
			});
		return problems;
	}

	function createDefinition(body, collection, id = state.nextId++) {
		const definition = {
			isIdentifierFieldCaseSensitive: false,
			isSyncTriggeredOnImport: false,
			dataRetentionDuration: 'P7D',
			updateRule: 'always',
			...body,
			uri: `${collection}/${id}`,
			id,
			createdAt: new Date().toISOString(),
			createdBy: config.username,
			staged: [],
			uploadsSinceSync: 0,
			stagedRowCount: 0,
			activeSync: undefined,
		};
		state.definitions.set(id, definition);
		return definition;
	}

	const publicDefinition = ({
		staged,
		uploadsSinceSync,
		stagedRowCount,
		activeSync,
		id,
		...rest
	}) => rest;

	function startSync(definition, callbackUrl) {
		const id = state.nextId++;
		const sync = {
			uri: `/syncs/${id}`,
			id,
			status: 'pending',
			syncedInstanceUri: definition.uri,
			callbackUrl,
			createdAt: new Date().toISOString(),
			createdBy: config.username,
			rows: definition.staged,
			rowCount: definition.stagedRowCount,
			definition,
			polls: 0,
			rejects: [],
			logs: [],
			outcome: state.syncOutcome,
		};
		definition.staged = [];
		definition.stagedRowCount = 0;
		definition.uploadsSinceSync = 0;
		definition.activeSync = sync;
		state.syncs.set(id, sync);
		return sync;
	}

	const publicSync = ({
		uri,
		status,
		syncedInstanceUri,
		callbackUrl,
		createdAt,
		createdBy,
		syncStartedAt,
		syncEndedAt,
	}) => ({
		uri,
		status,
		syncedInstanceUri,
		callbackUrl,
		createdAt,
		createdBy,
		syncStartedAt,
		syncEndedAt,
	});

	/** Checks one staged row against the definition; returns a reject or undefined. */
	function rejectFor(definition, row) {
		const entries = Object.entries(definition.fields);
		const identifier =
			row[
				definition.identifierFieldName || entries.find(([, s]) => s === '{{Opportunity.Id}}')?.[0]
			];
		if (identifier === undefined || identifier === '')
			return {
				statusCode: 'ELQ-00107',
				message: 'There was no value for the identifier field.',
				invalidFields: [definition.identifierFieldName],
			};
		for (const [column, statement] of entries) {
			const value = row[column];
			if (value === undefined || value === '') continue;
			if (value === 'null')
				return {
					statusCode: 'ELQ-00026',
					message: 'The string "null" is not a valid value.',
					invalidFields: [column],
				};
			if (statement === '{{Opportunity.Field(Stage)}}' && !config.stages.includes(value))
				return {
					statusCode: 'ELQ-00039',
					message: 'Invalid opportunity stage.',
					invalidFields: [column],
				};
			const kind = statementKinds.get(statement);
			if (kind === 'number' && !NUMBER.test(value))
				return {
					statusCode: 'ELQ-00025',
					message: 'Invalid numeric value.',
					invalidFields: [column],
				};
			if (kind === 'date' && !isDate(value))
				return { statusCode: 'ELQ-00025', message: 'Invalid date value.', invalidFields: [column] };
		}
		return undefined;
	}

	function store(definition, row) {
		const column = definition.identifierFieldName;
		const key = definition.isIdentifierFieldCaseSensitive
			? row[column]
			: String(row[column]).toLowerCase();
		const existed = state.opportunities.has(key);
		state.opportunities.set(key, { ...(state.opportunities.get(key) || {}), ...row });
		state.writes += 1;
		state.writesByKey.set(key, (state.writesByKey.get(key) || 0) + 1);
		return existed;
	}

	function finishSync(sync) {
		const definition = sync.definition;
		const isLinkage = definition.uri.startsWith('/opportunities/contacts/');
		let created = 0;
		let updated = 0;
		const rejectCounts = new Map();
		if (sync.rows === null) {
			created = sync.rowCount;
		} else {
			sync.rows.forEach((row, index) => {
				const reject = isLinkage ? linkageRejectFor(definition, row) : rejectFor(definition, row);
				if (reject) {
					sync.rejects.push({
						...reject,
						recordIndex: index + 1,
						fieldValues: row,
						syncUri: sync.uri,
					});
					rejectCounts.set(reject.statusCode, {
						count: (rejectCounts.get(reject.statusCode)?.count || 0) + 1,
						message: reject.message,
					});
				} else if (isLinkage) {
					created += 1;
				} else if (store(definition, row)) {
					updated += 1;
				} else {
					created += 1;
				}
			});
		}
		const accepted = created + updated;
		const rowCount = sync.rows === null ? sync.rowCount : sync.rows.length;
		sync.status =
			sync.outcome === 'error' || (rowCount > 0 && accepted === 0)
				? 'error'
				: sync.rejects.length
					? 'warning'
					: 'success';
		const log = (count, severity, statusCode, message) =>
			sync.logs.push({
				syncUri: sync.uri,
				count,
				severity,
				statusCode,
				message,
				createdAt: new Date().toISOString(),
			});
		log(rowCount, 'information', 'ELQ-00001', 'Total records processed.');
		if (created)
			log(
				created,
				'information',
				isLinkage ? 'ELQ-00086' : 'ELQ-00040',
				isLinkage ? 'Opportunities linked.' : 'Opportunities created.',
			);
		if (updated) log(updated, 'information', 'ELQ-00041', 'Opportunities updated.');
		for (const [statusCode, { count, message }] of rejectCounts)
			log(count, 'warning', statusCode, message);
		if (sync.outcome === 'error' && sync.rejects.length === 0)
			log(0, 'error', 'ELQ-00146', 'A temporary error occurred; retry in an hour.');
		sync.syncEndedAt = new Date().toISOString();
		sync.definition.activeSync = undefined;
		sync.rows = null;
	}

	function linkageRejectFor(definition, row) {
		const entries = Object.entries(definition.fields);
		const matchColumn =
			definition.linkOpportunitiesMatchFieldName ||
			entries.find(([, s]) => s === '{{Opportunity.Id}}')?.[0];
		const sourceColumn =
			definition.linkOpportunitiesSourceField ||
			entries.find(([, s]) => s !== '{{Opportunity.Id}}')?.[0];
		const opportunityKey = String(row[matchColumn] ?? '').toLowerCase();
		if (!state.opportunities.has(opportunityKey))
			return {
				statusCode: 'ELQ-00084',
				message: 'Opportunity does not exist.',
				invalidFields: [matchColumn],
			};
		const targets =
			definition.linkOpportunitiesEntityType === 'Account' ? state.accounts : state.contacts;
		const value = String(row[sourceColumn] ?? '');
		const sensitive = definition.linkOpportunitiesCaseSensitiveSourceField === true;
		const found = [...targets].some((t) =>
			sensitive ? t === value : t.toLowerCase() === value.toLowerCase(),
		);
		if (!found)
			return {
				statusCode: 'ELQ-00085',
				message: `${definition.linkOpportunitiesEntityType || 'Contact'} does not exist.`,
				invalidFields: [sourceColumn],
			};
		state.links.push({
			opportunity: opportunityKey,
			target: value,
			entityType: definition.linkOpportunitiesEntityType || 'Contact',
		});
		return undefined;
	}

	function advance(sync) {
		if (['success', 'warning', 'error'].includes(sync.status)) return;
		sync.polls += 1;
		if (sync.outcome === 'stuck') return;
		if (sync.status === 'pending' && sync.polls > config.pendingPolls) {
			sync.status = 'active';
			sync.syncStartedAt = new Date().toISOString();
			sync.polls = 0;
		} else if (sync.status === 'active' && sync.polls > config.activePolls) {
			finishSync(sync);
		}
	}

	function parseUpload(text) {
		if (config.countRowsOnly) return { rows: null, count: countTopLevelObjects(text) };
		let rows;
		try {
			rows = JSON.parse(text);
		} catch {
			return {
				error: failures([
					{
						field: 'body',
						constraint: 'Must be a valid JSON array of objects',
						value: text.slice(0, 40),
					},
				]),
			};
		}
		if (
			!Array.isArray(rows) ||
			rows.some((row) => !row || typeof row !== 'object' || Array.isArray(row))
		) {
			return {
				error: failures([
					{ field: 'body', constraint: 'Must be a JSON array of objects', value: '' },
				]),
			};
		}
		return { rows, count: rows.length };
	}

	function upload(ctx, definition) {
		if (!definition) return { status: 404, body: { message: 'Not Found' } };
		if (ctx.bytes > MAX_UPLOAD_BYTES) return { status: 404, body: { message: 'Not Found' } };
		if (state.storageFull)
			return {
				status: 413,
				body: {
					failures: [
						{ field: 'data', constraint: 'ELQ-00136: Staging storage exceeded', value: '' },
					],
				},
			};
		if (definition.uploadsSinceSync >= MAX_UPLOADS_PER_SYNC)
			return {
				status: 400,
				body: {
					failures: [{ field: 'data', constraint: 'There was a validation error.', value: '' }],
				},
			};
		const parsed = parseUpload(ctx.body);
		if (parsed.error) return parsed.error;
		definition.uploadsSinceSync += 1;
		definition.stagedRowCount += parsed.count;
		state.uploads.count += 1;
		state.uploads.bytes += ctx.bytes;
		state.uploads.rows += parsed.count;
		if (parsed.rows === null) definition.staged = null;
		else if (definition.staged !== null) for (const row of parsed.rows) definition.staged.push(row);
		if (definition.isSyncTriggeredOnImport)
			return { status: 201, body: publicSync(startSync(definition)) };
		return { status: 204 };
	}

	routes.push(
		[
			'GET',
			/^\/id$/,
			({ req }) => {
				if (!authorised(req))
					return {
						status: 200,
						body: JSON.stringify('Not authenticated.'),
						headers: { 'Content-Type': 'application/json' },
					};
				return {
					body: {
						site: { id: 42, name: config.site },
						user: { id: 7, username: config.username, displayName: 'API User' },
						urls: {
							base: baseUrl(),
							apis: {
								rest: {
									standard: `${baseUrl()}/API/REST/{version}/`,
									bulk: `${baseUrl()}/API/Bulk/{version}/`,
								},
							},
						},
					},
				};
			},
		],
		[
			'POST',
			/^\/auth\/oauth2\/token$/,
			({ req, body }) => {
				const client =
					'Basic ' + Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
				if (req.headers.authorization !== client)
					return { status: 401, body: { error: 'invalid_client' } };
				const form = new URLSearchParams(body);
				const grant = form.get('grant_type');
				const refresh = form.get('refresh_token');
				const validGrant =
					(grant === 'refresh_token' && state.refreshTokens.delete(refresh)) ||
					(grant === 'authorization_code' && form.get('code') === 'valid-code');
				if (!validGrant) return { status: 400, body: { error: 'invalid_grant' } };
				const n = state.nextId++;
				state.accessTokens.add(`access-${n}`);
				state.refreshTokens.add(`refresh-${n}`);
				return {
					body: {
						access_token: `access-${n}`,
						token_type: 'bearer',
						expires_in: 28800,
						refresh_token: `refresh-${n}`,
					},
				};
			},
		],
	);

	// Every Bulk route, under the current pod's base path only: a request to an old pod gets a 401.
	const bulk = (method, pattern, handler) =>
		routes.push([
			method,
			new RegExp(`^/(pod\\d+)${BULK}${pattern}$`),
			(ctx) => {
				if (ctx.params[0] !== state.pod || !authorised(ctx.req))
					return { status: 401, body: { message: 'Unauthorized' } };
				return handler(ctx, ctx.params);
			},
		]);

	bulk('GET', '/opportunities/fields', ({ query }) => ({ body: page(fields, query) }));
	bulk('GET', '/contacts/fields', ({ query }) => ({
		body: page(CONTACT_FIELDS.map(field), query),
	}));
	bulk('GET', '/accounts/fields', ({ query }) => ({
		body: page(ACCOUNT_FIELDS.map(field), query),
	}));
	for (const [collection, isLinkage] of [
		['/opportunities/imports', false],
		['/opportunities/contacts/imports', true],
	]) {
		const escaped = collection.replace(/\//g, '\\/');
		bulk('GET', escaped, ({ query }) => ({
			body: page(
				[...state.definitions.values()]
					.filter((d) => d.uri.startsWith(`${collection}/`))
					.map(publicDefinition),
				query,
			),
		}));
		bulk('POST', escaped, (ctx) => {
			const { body } = ctx;
			let parsed;
			try {
				parsed = JSON.parse(body);
			} catch {
				return failures([{ field: 'body', constraint: 'Must be valid JSON', value: '' }]);
			}
			const problems = validateDefinition(parsed, isLinkage);
			if (problems.length) return failures(problems);
			const definition = createDefinition(parsed, collection);
			// The record names what each request created, so runs can be told apart afterwards.
			ctx.record.created = definition.uri;
			return { status: 201, body: publicDefinition(definition) };
		});
		bulk('GET', `${escaped}/(\\d+)`, (ctx, params) => {
			const definition = definitionFrom(params);
			return definition && definition.uri.startsWith(collection)
				? { body: publicDefinition(definition) }
				: { status: 404, body: { message: 'Not Found' } };
		});
		bulk('PUT', `${escaped}/(\\d+)`, ({ body }, params) => {
			const definition = definitionFrom(params);
			if (!definition) return { status: 404, body: { message: 'Not Found' } };
			Object.assign(definition, JSON.parse(body || '{}'), { uri: definition.uri });
			return { body: publicDefinition(definition) };
		});
		bulk('DELETE', `${escaped}/(\\d+)`, (ctx, params) => {
			const definition = definitionFrom(params);
			if (!definition) return { status: 404, body: { message: 'Not Found' } };
			if (definition.activeSync)
				return {
					status: 409,
					body: {
						failures: [
							{
								field: 'uri',
								constraint: 'ELQ-00143: A sync is in progress for this definition',
								value: definition.uri,
							},
						],
					},
				};
			state.definitions.delete(definition.id);
			return { status: 204 };
		});
		bulk('POST', `${escaped}/(\\d+)/data`, (ctx, params) => upload(ctx, definitionFrom(params)));
		bulk('DELETE', `${escaped}/(\\d+)/data`, (ctx, params) => {
			const definition = definitionFrom(params);
			if (!definition) return { status: 404, body: { message: 'Not Found' } };
			definition.staged = [];
			definition.stagedRowCount = 0;
			definition.uploadsSinceSync = 0;
			return { status: 204 };
		});
	}
	bulk('POST', '/syncs', ({ body, record }) => {
		const { syncedInstanceUri, callbackUrl } = JSON.parse(body || '{}');
		const id = Number(
			String(syncedInstanceUri ?? '')
				.split('/')
				.pop(),
		);
		const definition = state.definitions.get(id);
		if (!definition || definition.uri !== syncedInstanceUri)
			return failures([
				{
					field: 'syncedInstanceUri',
					constraint: 'Must reference an existing definition',
					value: String(syncedInstanceUri),
				},
			]);
		if (definition.activeSync)
			return {
				status: 409,
				body: {
					failures: [
						{
							field: 'syncedInstanceUri',
							constraint: 'A sync is already pending or active for this definition',
							value: definition.uri,
						},
					],
				},
			};
		const sync = startSync(definition, callbackUrl);
		record.created = sync.uri;
		return { status: 201, body: publicSync(sync) };
	});
	bulk('GET', '/syncs', ({ query }) => ({
		body: page([...state.syncs.values()].map(publicSync), query),
	}));
	const syncFrom = (params) => state.syncs.get(Number(params[1]));
	bulk('GET', '/syncs/(\\d+)', (ctx, params) => {
		const sync = syncFrom(params);
		if (!sync) return { status: 404, body: { message: 'Not Found' } };
		advance(sync);
		return { body: publicSync(sync) };
	});
	bulk('GET', '/syncs/(\\d+)/logs', ({ query }, params) => {
		const sync = syncFrom(params);
		return sync
			? { body: page(sync.logs, query) }
			: { status: 404, body: { message: 'Not Found' } };
	});
	bulk('GET', '/syncs/(\\d+)/rejects', ({ query }, params) => {
		const sync = syncFrom(params);
		return sync
			? { body: page(sync.rejects, query) }
			: { status: 404, body: { message: 'Not Found' } };
	});

	server.control = (req, res, path, body, send) => {
		if (path === '/__sandbox/eloqua/summary') {
			const syncStatuses = {};
			for (const sync of state.syncs.values())
				syncStatuses[sync.status] = (syncStatuses[sync.status] || 0) + 1;
			return send(res, {
				body: {
					uploads: state.uploads,
					definitions: state.definitions.size,
					syncs: state.syncs.size,
					syncStatuses,
					opportunities: state.opportunities.size,
					writes: state.writes,
				},
			});
		}
		if (path === '/__sandbox/eloqua/opportunities') {
			return send(res, {
				body: {
					writes: state.writes,
					opportunities: Object.fromEntries(state.opportunities),
					links: state.links,
				},
			});
		}
		return send(res, { status: 404, body: {} });
	};
	const resetRecord = server.reset;
	Object.assign(server, {
		config,
		state,
		/** Clears the record and faults, and gives the instance its initial state back. */
		reset() {
			resetRecord();
			Object.assign(state, freshState());
		},
		fields,
		/** The instance "moves" to another pod: /id names the new base, the old one answers 401. */
		movePod() {
			state.pod = `pod${Number(state.pod.slice(3)) + 1}`;
		},
		/** Every OAuth2 access token stops working (refresh tokens still do). */
		expireAccessTokens() {
			state.accessTokens.clear();
		},
		basicAuthorization: basic,
		credentials(overrides = {}) {
			return {
				siteName: config.site,
				username: config.username,
				password: config.password,
				loginUrl: server.url,
				...overrides,
			};
		},
		oauthCredentials(overrides = {}) {
			return {
				loginUrl: server.url,
				grantType: 'authorizationCode',
				authUrl: `${server.url}/auth/oauth2/authorize`,
				accessTokenUrl: `${server.url}/auth/oauth2/token`,
				clientId: config.clientId,
				clientSecret: config.clientSecret,
				scope: 'full',
				authentication: 'header',
				authQueryParameters: '',
				oauthTokenData: {
					access_token: 'valid-access-token',
					refresh_token: 'valid-refresh-token',
					token_type: 'bearer',
				},
				...overrides,
			};
		},
		definitionCount: () => state.definitions.size,
		/** Sets up a definition as an Eloqua admin would have, with a chosen ID. */
		addDefinition(body, id, collection = '/opportunities/imports') {
			state.nextId = Math.max(state.nextId, id + 1);
			return createDefinition(body, collection, id);
		},
	});
	return server;
}

/** Counts the objects in a JSON array without parsing it (rows of a benchmark upload). */
function countTopLevelObjects(text) {
	let depth = 0;
	let count = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92) i++;
			else if (c === 34) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 123) {
			if (depth === 1) count++;
			depth++;
		} else if (c === 125 || c === 93) depth--;
		else if (c === 91) depth++;
	}
	return count;
}

module.exports = { createEloquaSandbox, STANDARD_FIELDS };
