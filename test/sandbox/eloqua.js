'use strict';
// An Oracle Eloqua Bulk API 2.0 emulator (opportunities) on loopback: a model of API-CONTRACT.md,
// not of our code. /id discovery (with the "Not authenticated." answer), Basic and Bearer auth,
// fields with their constraints, import definitions (syncing on upload unless the flag says no),
// staged uploads with the 32 MB and 500-upload limits, syncs moving pending → active →
// success/warning/error, rejects (field-level ones store the record), logs, listing with q/orderBy,
// OAuth2 token refresh, and "processed, then the answer was lost" faults.
const { createServer } = require('./kit');
const { list, page } = require('./listing');
const { createSyncs } = require('./eloqua-syncs');
const { isCsv, parseCsv, countCsvRecords } = require('./eloqua-csv');

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
// "The 18B field list shows Id, Name, CreatedDate and Stage with hasNotNullConstraint: true."
const NOT_NULL = new Set([
	'{{Opportunity.Id}}',
	'{{Opportunity.Field(Name)}}',
	'{{Opportunity.CreatedAt}}',
	'{{Opportunity.Field(Stage)}}',
]);

// "GET /opportunities/fields: name, internalName, statement, dataType, hasNotNullConstraint,
// hasReadOnlyConstraint" (Endpoints).
function field([name, internalName, statement, dataType], index, readOnly) {
	return {
		name,
		internalName,
		statement,
		dataType,
		hasNotNullConstraint: NOT_NULL.has(statement),
		hasReadOnlyConstraint: readOnly.includes(internalName),
		hasUniquenessConstraint: index === 0,
		uri: `/opportunities/fields/${index + 1}`,
	};
}

/** The options that pick an answer where the contract is open (or pin an old one). */
const SWITCHES = [
	'adminDefinitionDefaults',
	'duplicateRows',
	'fieldRejects',
	'recordIndex',
	'refreshRequires',
];

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
 * @param {string[]} [options.readOnlyFields]  internal names served with hasReadOnlyConstraint: true
 * @param {number} [options.callbackDelayMs]  how long after it starts a sync with a callbackUrl ends
 *   and the sandbox calls that URL
 * @param {string[]} [options.refreshRequires]  form fields a refresh must carry ([open]: none, or
 *   e.g. ['redirect_uri', 'scope'])
 * @param {object} [options.adminDefinitionDefaults]  what `addDefinition` fills in that the admin's
 *   body leaves out (e.g. {isSyncTriggeredOnImport: false}); default nothing
 * @param {'reject'|'store'} [options.duplicateRows]  a row staged twice in one sync: ELQ-00026
 *   (default), or stored twice
 * @param {'dropField'|'rejectRow'} [options.fieldRejects]  a bad non-identifier value: ELQ-00040 and
 *   the record stored without it (default), or the whole row refused
 * @param {'acrossUploads'|'perUpload'} [options.recordIndex]  how recordIndex counts in a sync of
 *   several uploads ([open])
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
		readOnlyFields: [],
		clientId: 'n8n-client',
		clientSecret: 'client-secret',
		refreshRequires: [],
		adminDefinitionDefaults: {},
		duplicateRows: 'reject',
		fieldRejects: 'dropField',
		recordIndex: 'acrossUploads',
		callbackDelayMs: 2000,
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

	// Timestamps strictly increase, so `orderBy=createdAt DESC` names the newest sync first.
	let lastStamp = 0;
	const stamp = () => {
		lastStamp = Math.max(Date.now(), lastStamp + 1);
		return new Date(lastStamp).toISOString();
	};

	const fields = [...STANDARD_FIELDS, ...config.customFields].map((f, index) =>
		field(f, index, config.readOnlyFields),
	);
	const kinds = new Map(fields.map((f) => [f.statement, f.dataType]));
	const syncs = createSyncs({ state, config, kinds, stamp });
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
			// The Account form is our guess ([open] Linkage); the sandbox accepts it, a live probe settles it.
			const known =
				kinds.has(statement) ||
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

	// A definition keeps the properties it was given: one created without `isSyncTriggeredOnImport`
	// has none, and syncs on upload ("By default, isSyncTriggeredOnImport is true").
	function createDefinition(body, collection, id = state.nextId++) {
		const definition = {
			isIdentifierFieldCaseSensitive: false,
			dataRetentionDuration: 'P7D',
			updateRule: 'always',
			...body,
			uri: `${collection}/${id}`,
			id,
			createdAt: stamp(),
			createdBy: config.username,
			staged: [],
			stagedUploads: [],
			uploadsSinceSync: 0,
			stagedRowCount: 0,
		};
		state.definitions.set(id, definition);
		return definition;
	}

	const publicDefinition = ({
		staged,
		stagedUploads,
		uploadsSinceSync,
		stagedRowCount,
		id,
		...rest
	}) => rest;

	const syncsOnUpload = (definition) => definition.isSyncTriggeredOnImport !== false;

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

	function parseCsvUpload(text) {
		if (config.countRowsOnly) return { rows: null, count: countCsvRecords(text) };
		const parsed = parseCsv(text);
		if (parsed.error)
			return {
				error: failures([{ field: 'body', constraint: parsed.error, value: text.slice(0, 40) }]),
			};
		return { rows: parsed.rows, count: parsed.rows.length };
	}

	function parseUpload(text, contentType) {
		// "upload rows (`application/json` array or `text/csv`, UTF-8)" (Endpoints).
		if (isCsv(contentType)) return parseCsvUpload(text);
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
		// "32 MB per upload request; a larger one fails with a misleading 404" (Limits).
		if (ctx.bytes > MAX_UPLOAD_BYTES) return { status: 404, body: { message: 'Not Found' } };
		// "staging storage is finite (413 / ELQ-00136)" (Limits).
		if (state.storageFull)
			return {
				status: 413,
				body: {
					failures: [
						{ field: 'data', constraint: 'ELQ-00136: Staging storage exceeded', value: '' },
					],
				},
			};
		// "500 uploads per sync; the 501st gets 400 There was a validation error." (Limits).
		if (definition.uploadsSinceSync >= MAX_UPLOADS_PER_SYNC)
			return {
				status: 400,
				body: {
					failures: [{ field: 'data', constraint: 'There was a validation error.', value: '' }],
				},
			};
		const parsed = parseUpload(ctx.body, ctx.req.headers['content-type']);
		if (parsed.error) return parsed.error;
		definition.uploadsSinceSync += 1;
		definition.stagedRowCount += parsed.count;
		definition.stagedUploads.push(parsed.count);
		state.uploads.count += 1;
		state.uploads.bytes += ctx.bytes;
		state.uploads.rows += parsed.count;
		if (parsed.rows === null) definition.staged = null;
		else if (definition.staged !== null) for (const row of parsed.rows) definition.staged.push(row);
		// "An upload to such a definition answers 201 with a sync object, and that sync processes
		// that upload's rows" (Syncing on upload).
		if (syncsOnUpload(definition)) {
			const sync = syncs.start(definition);
			ctx.record.created = sync.uri;
			return { status: 201, body: publicSync(sync) };
		}
		return { status: 204 };
	}

	function clearStaged(definition) {
		definition.staged = [];
		definition.stagedUploads = [];
		definition.stagedRowCount = 0;
		definition.uploadsSinceSync = 0;
	}

	routes.push(
		[
			'GET',
			/^\/id$/,
			({ req }) => {
				// "Bad credentials … /id answers HTTP 200 with the JSON string "Not authenticated.""
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
				// [open] whether a refresh needs redirect_uri/scope: `refreshRequires` picks the answer.
				const complete = config.refreshRequires.every((name) => form.get(name));
				const validGrant =
					(grant === 'refresh_token' && complete && state.refreshTokens.delete(refresh)) ||
					(grant === 'authorization_code' && form.get('code') === 'valid-code');
				if (!validGrant) return { status: 400, body: { error: 'invalid_grant' } };
				// "Access tokens live 8 hours; refresh tokens rotate."
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

	// Every Bulk route, under the current pod's base path only: "A 401 on an API call can mean the
	// instance moved pods".
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
	const notFound = { status: 404, body: { message: 'Not Found' } };

	bulk('GET', '/opportunities/fields', ({ query }) => ({ body: page(fields, query) }));
	bulk('GET', '/contacts/fields', ({ query }) => ({
		body: page(
			CONTACT_FIELDS.map((f, i) => field(f, i, [])),
			query,
		),
	}));
	bulk('GET', '/accounts/fields', ({ query }) => ({
		body: page(
			ACCOUNT_FIELDS.map((f, i) => field(f, i, [])),
			query,
		),
	}));
	for (const [collection, isLinkage] of [
		['/opportunities/imports', false],
		['/opportunities/contacts/imports', true],
	]) {
		const escaped = collection.replace(/\//g, '\\/');
		const inCollection = (definition) => definition?.uri.startsWith(`${collection}/`);
		bulk('GET', escaped, ({ query }) => ({
			body: list([...state.definitions.values()].filter(inCollection).map(publicDefinition), query),
		}));
		bulk('POST', escaped, (ctx) => {
			let parsed;
			try {
				parsed = JSON.parse(ctx.body);
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
			return inCollection(definition) ? { body: publicDefinition(definition) } : notFound;
		});
		bulk('PUT', `${escaped}/(\\d+)`, ({ body }, params) => {
			const definition = definitionFrom(params);
			if (!inCollection(definition)) return notFound;
			Object.assign(definition, JSON.parse(body || '{}'), { uri: definition.uri });
			return { body: publicDefinition(definition) };
		});
		bulk('DELETE', `${escaped}/(\\d+)`, (ctx, params) => {
			const definition = definitionFrom(params);
			if (!inCollection(definition)) return notFound;
			// "Deleting a definition while its sync runs is accepted and the sync then fails (ELQ-00143)".
			for (const sync of syncs.running(definition)) sync.definitionDeleted = true;
			state.definitions.delete(definition.id);
			return { status: 204 };
		});
		bulk('POST', `${escaped}/(\\d+)/data`, (ctx, params) => {
			const definition = definitionFrom(params);
			return upload(ctx, inCollection(definition) ? definition : undefined);
		});
		bulk('DELETE', `${escaped}/(\\d+)/data`, (ctx, params) => {
			const definition = definitionFrom(params);
			if (!inCollection(definition)) return notFound;
			// "Since 24B, deleting staged data while a sync is in progress answers 409."
			if (syncs.running(definition).length)
				return {
					status: 409,
					body: {
						failures: [
							{ field: 'uri', constraint: 'There was a conflict.', value: definition.uri },
						],
					},
				};
			clearStaged(definition);
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
		// A second sync while one runs is accepted ("syncing it while another sync runs could lead to
		// syncs failing, or data not being imported"): it takes whatever is staged now.
		const sync = syncs.start(definition, callbackUrl);
		if (callbackUrl) callBack(sync);
		record.created = sync.uri;
		return { status: 201, body: publicSync(sync) };
	});
	/** The callbacks the sandbox made: `{ syncUri, url, status }` or `{ syncUri, url, error }`. */
	const callbacks = [];
	/**
	 * `POST /syncs {"syncedInstanceUri", "callbackUrl"?}` (Endpoints): "When a sync completes, Eloqua
	 * will make a call to the URL specified in this parameter. The callback can occur during sync
	 * creation, before the sync creation response, or immediately after" (Oracle's reference of
	 * POST /syncs). [open] the method, the body and any retry: the sandbox runs the sync to its end
	 * `callbackDelayMs` after it started, then sends one POST with the sync as JSON, and no retry.
	 */
	function callBack(sync) {
		const timer = setTimeout(async () => {
			for (let step = 0; step < 100 && !syncs.TERMINAL.has(sync.status); step++)
				syncs.advance(sync);
			const call = { syncUri: sync.uri, url: sync.callbackUrl };
			try {
				const response = await fetch(sync.callbackUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(publicSync(sync)),
				});
				await response.arrayBuffer();
				call.status = response.status;
			} catch (error) {
				call.error = error.message;
			}
			callbacks.push(call);
		}, config.callbackDelayMs);
		timer.unref?.();
	}
	// "GET /syncs (q, orderBy, limit, offset): list syncs (find the syncs of a definition)".
	bulk('GET', '/syncs', ({ query }) => ({
		body: list([...state.syncs.values()].map(publicSync), query),
	}));
	const syncFrom = (params) => state.syncs.get(Number(params[1]));
	bulk('GET', '/syncs/(\\d+)', (ctx, params) => {
		const sync = syncFrom(params);
		if (!sync) return notFound;
		syncs.advance(sync);
		return { body: publicSync(sync) };
	});
	bulk('GET', '/syncs/(\\d+)/logs', ({ query }, params) => {
		const sync = syncFrom(params);
		return sync ? { body: page(sync.logs, query) } : notFound;
	});
	bulk('GET', '/syncs/(\\d+)/rejects', ({ query }, params) => {
		const sync = syncFrom(params);
		return sync ? { body: page(sync.rejects, query) } : notFound;
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

	/** Where "processed, then the answer was lost" applies, by kind of request. */
	const ANSWER_PATHS = {
		upload: ['POST', /\/imports\/\d+\/data$/],
		sync: ['POST', new RegExp(`${BULK}/syncs$`)],
		definition: ['POST', /\/imports$/],
	};
	const resetRecord = server.reset;
	const baseline = Object.fromEntries(SWITCHES.map((name) => [name, config[name]]));
	Object.assign(server, {
		config,
		state,
		/** Clears the record and faults, and gives the instance its initial state back. */
		reset() {
			resetRecord();
			Object.assign(state, freshState());
			Object.assign(config, baseline);
		},
		/** Sets switches that every later reset keeps (the harness pins old answers this way). */
		pin(settings) {
			for (const name of Object.keys(settings))
				if (!SWITCHES.includes(name)) throw new Error(`Eloqua sandbox: ${name} cannot be pinned`);
			Object.assign(baseline, settings);
			Object.assign(config, settings);
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
		/**
		 * The next `times` requests of a kind are processed, then their answer is lost: the connection
		 * closes, or (with `status`) Eloqua answers e.g. 503 "There was a timeout processing the
		 * request" ("A 503, a reset or a timeout after the request was sent does not mean it was not
		 * processed", Failures and retries).
		 */
		loseAnswer(kind, { status, times = 1 } = {}) {
			const [method, path] = ANSWER_PATHS[kind];
			server.faults.add(
				status
					? {
							method,
							path,
							times,
							afterHandling: true,
							status,
							body: { message: 'There was a timeout processing the request' },
						}
					: { method, path, times, dropAnswer: true },
			);
		},
		/** The syncs that are pending or active on a definition. */
		runningSyncs: (definition) => syncs.running(definition),
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
		callbacks,
		/**
		 * Sets up a definition as an Eloqua admin would have, with a chosen ID. `body` is what the
		 * admin sent; `adminDefinitionDefaults` fills what it leaves out.
		 */
		addDefinition(body, id, collection = '/opportunities/imports') {
			state.nextId = Math.max(state.nextId, id + 1);
			return createDefinition({ ...config.adminDefinitionDefaults, ...body }, collection, id);
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
