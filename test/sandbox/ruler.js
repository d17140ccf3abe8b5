'use strict';
// A Ruler Analytics REST API emulator on loopback: a model of API-CONTRACT.md, not of our code.
// The form-encoded login, the Bearer check (401 for unknown or stale tokens, or 403), the
// opportunity upload with server-side validation (400 naming the fields; a decimal value refused
// unless switched off), storage by site and Reference counting every write, batch jobs, and
// switchable latency, rate limit and faults (through the kit). Where the contract is [open], an
// option picks among the plausible answers.
const { createServer } = require('./kit');
const { addBatchRoutes } = require('./ruler-batch');

const UPLOAD = /^\/v1\/([^/]+)\/opportunity\/upload$/;
const IDENTIFIER_KEYS = ['EmailAddress', 'PhoneNumber', 'RaId', 'PayloadValue', 'CookieValue'];
const DATE = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d{1,7})?)?$/;
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** The options that pick an answer where the contract is open (or pin an old one). */
const SWITCHES = ['wholeValuesOnly', 'unknownStages', 'resentReference', 'expiredTokenStatus'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isText = (value) => typeof value === 'string' && value.trim() !== '';

/** Ruler documents no error shape; this one is ASP.NET's validation answer. */
const invalid = (errors) => ({
	status: 400,
	body: { title: 'One or more validation errors occurred.', status: 400, errors },
});

/** A date-only value may be today anywhere on earth; a date-time may be a few minutes ahead. */
function checkDate(value, now) {
	const match = typeof value === 'string' ? DATE.exec(value) : null;
	if (!match) return 'Must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss (UTC).';
	const time = Date.parse(match[2] ? `${value}Z` : `${value}T00:00:00Z`);
	if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== match[1]) {
		return 'Is not a valid date.';
	}
	const latest = match[2]
		? now + CLOCK_SKEW_MS
		: Date.parse(new Date(now + LATEST_OFFSET_MS).toISOString().slice(0, 10));
	return time > latest ? 'Must not be in the future.' : undefined;
}

function checkIdentifiers(list) {
	if (!Array.isArray(list) || list.length === 0) {
		return 'At least one visitor identifier is required.';
	}
	for (const entry of list) {
		if (!entry || !IDENTIFIER_KEYS.includes(entry.Key)) {
			return `Key must be one of ${IDENTIFIER_KEYS.join(', ')}.`;
		}
		if (!isText(entry.Value)) return 'Value is required.';
	}
	return undefined;
}

function checkProperties(list) {
	if (list === undefined) return undefined;
	if (!Array.isArray(list)) return 'Must be an array.';
	return list.every((entry) => entry && isText(entry.Name) && typeof entry.Value === 'string')
		? undefined
		: 'Every property needs a Name and a string Value.';
}

/** A JSON number written with a fraction or an exponent, as the request text has it. */
const DECIMAL_VALUE = /"OpportunityValue"\s*:\s*-?\d+(\.\d+)?[.eE]/;

/** Field → problem, for every documented rule the body breaks. */
function validate(body, text, config, now) {
	const errors = {};
	if (typeof body.OpportunityValue !== 'number' || !Number.isFinite(body.OpportunityValue)) {
		errors.OpportunityValue = ['Must be a number.'];
	} else if (config.wholeValuesOnly && DECIMAL_VALUE.test(text)) {
		// "OpportunityValue (int, required)"; "A decimal JSON number may fail model binding here"
		// (Single upload, [doc]/[inferred]): ASP.NET's answer when a JSON number is not an Int32.
		errors.OpportunityValue = ['The JSON value could not be converted to System.Int32.'];
	}
	const date = checkDate(body.OpportunityDateTime, now);
	if (date) errors.OpportunityDateTime = [date];
	// [open] whether an unknown PipelineStage is refused or stored silently: `unknownStages`.
	if (config.unknownStages === 'refuse' && !config.stages.includes(body.PipelineStage)) {
		errors.PipelineStage = [`"${body.PipelineStage}" is not a pipeline stage of this site.`];
	}
	const identifiers = checkIdentifiers(body.VisitorIdentifierOptions);
	if (identifiers) errors.VisitorIdentifierOptions = [identifiers];
	if (typeof body.CurrencyCode !== 'string' || !/^[A-Z]{3}$/.test(body.CurrencyCode)) {
		errors.CurrencyCode = ['Must be an ISO 4217 code.'];
	}
	if (!isText(body.Reference)) errors.Reference = ['Is required.'];
	const labels = body.Labels;
	if (
		labels !== undefined &&
		!(Array.isArray(labels) && labels.every((l) => typeof l === 'string'))
	) {
		errors.Labels = ['Must be an array of strings.'];
	}
	const properties = checkProperties(body.AdditionalDataProperties);
	if (properties) errors.AdditionalDataProperties = [properties];
	return errors;
}

/**
 * @param {object} options
 * @param {string} [options.username]
 * @param {string} [options.password]
 * @param {string[]} [options.stages]   pipeline stages configured in Ruler (matched case-sensitively)
 * @param {string[]} [options.sites]    site IDs that exist (others get 404); default: any
 * @param {number} [options.latencyMs]  every request waits this long before it is handled
 * @param {number} [options.ratePerSecond]  uploads allowed per second; more get 429 with Retry-After
 * @param {number} [options.expiresIn]  seconds a token lives (reported only, unless tokensExpire)
 * @param {boolean} [options.tokensExpire]  a token stops working expiresIn seconds after it was
 *   issued, answered expiredTokenStatus (default false: only expireTokens ends tokens)
 * @param {string} [options.tokenPrefix]  how issued tokens start (a sentinel, for secrecy tests)
 * @param {boolean} [options.wholeValuesOnly]  refuse a decimal OpportunityValue (default true)
 * @param {'refuse'|'store'} [options.unknownStages]  [open]: refuse a stage the site lacks (default)
 *   or store it silently
 * @param {'update'|'duplicate'} [options.resentReference]  [open]: a Reference sent again updates
 *   the stored opportunity (default) or stores another one
 * @param {401|403} [options.expiredTokenStatus]  [open]: how a stale token is answered (default 401)
 * @param {number} [options.batchRowsPerSecond]  batch rows processed per second, jobs one after
 *   another (default 0: a job is processed as soon as it is read)
 * @param {string} [options.jobFailureReason]  every new batch job fails as a whole with this reason
 * @param {boolean} [options.jsonRowNumbers]  [open]: the JSON failures carry rowNumber (default no)
 */
function createRulerSandbox(options = {}) {
	const config = {
		username: 'ruler.user@example.com',
		password: 'correct horse battery',
		stages: ['Lead', 'Opportunity', 'Proposal', 'Closed Won', 'Closed Lost'],
		sites: undefined,
		latencyMs: 0,
		ratePerSecond: 0,
		expiresIn: 3600,
		tokensExpire: false,
		tokenPrefix: 'ruler-token-',
		wholeValuesOnly: true,
		unknownStages: 'refuse',
		resentReference: 'update',
		expiredTokenStatus: 401,
		batchRowsPerSecond: 0,
		jobFailureReason: '',
		jsonRowNumbers: false,
		...options,
	};
	const state = {
		tokens: new Set(),
		/**
		 * Opportunities by `${siteId}/${Reference}`: the last body stored, how often it was written, and
		 * how many opportunities it stands for (more than one when a resent Reference duplicates).
		 */
		opportunities: new Map(),
		/** Tokens that were valid and have expired (answered `expiredTokenStatus`). */
		expiredTokens: new Set(),
		/** When each token stops working, with `tokensExpire`. */
		tokenDeadlines: new Map(),
		batchJobs: new Map(),
		writes: 0,
		nextToken: 1,
		/** When the accepted uploads of the last second arrived, for the rate limit. */
		recentUploads: [],
	};

	const routes = [];
	const waiters = [];
	const onRequest = (record) => {
		for (const waiter of [...waiters]) {
			if (waiter.method && waiter.method !== record.method) continue;
			if (!waiter.path.test(record.path)) continue;
			waiters.splice(waiters.indexOf(waiter), 1);
			waiter.resolve(record);
		}
	};
	const server = createServer({
		name: 'Ruler',
		routes,
		recordBodies: config.recordBodies !== false,
		seed: config.seed,
		onRequest,
	});

	function issueToken() {
		const token = `${config.tokenPrefix}${state.nextToken++}`;
		state.tokens.add(token);
		// "{access_token, …, expires_in, …}" (Single upload): with `tokensExpire`, it is kept to.
		if (config.tokensExpire) state.tokenDeadlines.set(token, Date.now() + config.expiresIn * 1000);
		return token;
	}

	function bearer(req) {
		const header = req.headers.authorization || '';
		return header.startsWith('Bearer ') ? header.slice(7) : '';
	}

	/** Milliseconds until another upload is allowed, or 0 when one is allowed now (and counted). */
	function rateLimitWait(now) {
		if (!config.ratePerSecond) return 0;
		state.recentUploads = state.recentUploads.filter((at) => at > now - 1000);
		if (state.recentUploads.length < config.ratePerSecond) {
			state.recentUploads.push(now);
			return 0;
		}
		return Math.max(1, state.recentUploads[0] + 1000 - now);
	}

	function store(siteId, body) {
		const key = `${siteId}/${body.Reference}`;
		const before = state.opportunities.get(key);
		const writes = (before?.writes ?? 0) + 1;
		// [open] "whether re-sending a Reference updates or duplicates" (Single upload).
		const copies = config.resentReference === 'duplicate' ? writes : 1;
		state.opportunities.set(key, { body, writes, copies });
		state.writes += 1;
	}

	/** The answer for a request without a valid token, or undefined when the token is valid. */
	function refusal(req) {
		const token = bearer(req);
		if (state.tokenDeadlines.get(token) <= Date.now()) {
			state.tokens.delete(token);
			state.expiredTokens.add(token);
		}
		if (state.tokens.has(token)) return undefined;
		// [open] "whether an expired token answers 401 or 403" (Single upload).
		const status = state.expiredTokens.has(token) ? config.expiredTokenStatus : 401;
		return { status, body: { message: 'Authorization has been denied for this request.' } };
	}

	async function upload({ req, params, body }) {
		const siteId = decodeURIComponent(params[0]);
		const refused = refusal(req);
		if (refused) return refused;
		const wait = rateLimitWait(Date.now());
		if (wait) {
			return {
				// "rate limits and their headers" are [open]: the sandbox answers 429 with Retry-After.
				status: 429,
				headers: { 'Retry-After': (wait / 1000).toFixed(3) },
				body: { message: 'Too many requests.' },
			};
		}
		let parsed;
		try {
			parsed = JSON.parse(body);
		} catch {
			return invalid({ body: ['Must be a JSON object.'] });
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return invalid({ body: ['Must be a JSON object.'] });
		}
		const errors = validate(parsed, body, config, Date.now());
		if (Object.keys(errors).length) return invalid(errors);
		if (config.sites && !config.sites.includes(siteId)) {
			return { status: 404, body: { message: `Site ${siteId} was not found.` } };
		}
		store(siteId, parsed);
		// "Documented success: 201, no body" (Single upload).
		return { status: 201 };
	}

	// "POST …/v1/login, form-encoded username, password → {access_token, scope, expires_in,
	// refresh_token}" (Single upload).
	function login({ req, body }) {
		const type = String(req.headers['content-type'] || '');
		const form = new URLSearchParams(
			type.startsWith('application/x-www-form-urlencoded') ? body : '',
		);
		if (form.get('username') !== config.username || form.get('password') !== config.password) {
			return {
				status: 400,
				body: {
					error: 'invalid_grant',
					error_description: 'The user name or password is incorrect.',
				},
			};
		}
		return {
			body: {
				access_token: issueToken(),
				scope: 'api',
				expires_in: config.expiresIn,
				refresh_token: `refresh-${state.nextToken}`,
			},
		};
	}

	// The record also keeps the answer's status and Retry-After, so tests can check the client's waits.
	const withLatency = (handler) => async (ctx) => {
		if (config.latencyMs) await sleep(config.latencyMs);
		const reply = await handler(ctx);
		ctx.record.status = reply.status ?? 200;
		ctx.record.retryAfter = reply.headers?.['Retry-After'];
		return reply;
	};
	routes.push(['POST', /^\/v1\/login$/, withLatency(login)], ['PUT', UPLOAD, withLatency(upload)]);
	const batch = addBatchRoutes({
		routes,
		state,
		config,
		refusal,
		wrap: withLatency,
		validate,
		store,
	});

	/** HTTP control for runs in a real n8n: settings, stale tokens, the stored opportunities. */
	server.control = (req, res, path, text, send) => {
		if (path === '/__sandbox/config' && req.method === 'POST') {
			const { latencyMs, ratePerSecond, stages, batchRowsPerSecond, ...switches } = JSON.parse(
				text || '{}',
			);
			const settings = { latencyMs, ratePerSecond, stages, batchRowsPerSecond };
			Object.assign(config, JSON.parse(JSON.stringify(settings)));
			for (const name of SWITCHES) if (name in switches) config[name] = switches[name];
			return send(res, { status: 204 });
		}
		if (path === '/__sandbox/expire-tokens' && req.method === 'POST') {
			server.expireTokens();
			return send(res, { status: 204 });
		}
		if (path === '/__sandbox/opportunities') {
			return send(res, {
				body: { writes: state.writes, opportunities: Object.fromEntries(state.opportunities) },
			});
		}
		return send(res, { status: 404, body: {} });
	};

	const resetServer = server.reset;
	const baseline = Object.fromEntries(SWITCHES.map((name) => [name, config[name]]));
	Object.assign(server, {
		config,
		state,
		uploadPath: UPLOAD,
		issueToken,
		/** Every token issued so far stops working: the next upload with one gets a 401 (or 403). */
		expireTokens() {
			for (const token of state.tokens) state.expiredTokens.add(token);
			state.tokens.clear();
		},
		/** Resolves with the next request whose path matches (and method, if given), as it arrives. */
		waitForRequest(path, method) {
			return new Promise((resolve) => waiters.push({ path, method, resolve }));
		},
		/** How often an opportunity was written, to spot double writes. */
		writesFor(siteId, reference) {
			return state.opportunities.get(`${siteId}/${reference}`)?.writes ?? 0;
		},
		stored(siteId, reference) {
			return state.opportunities.get(`${siteId}/${reference}`)?.body;
		},
		/** Clears the record, faults, tokens, storage and switchable behaviour between tests. */
		reset() {
			resetServer();
			state.tokens.clear();
			state.expiredTokens.clear();
			state.tokenDeadlines.clear();
			state.batchJobs.clear();
			batch.reset();
			state.opportunities.clear();
			state.writes = 0;
			state.nextToken = 1;
			state.recentUploads = [];
			config.latencyMs = options.latencyMs ?? 0;
			config.ratePerSecond = options.ratePerSecond ?? 0;
			config.sites = options.sites;
			config.tokensExpire = options.tokensExpire ?? false;
			config.batchRowsPerSecond = options.batchRowsPerSecond ?? 0;
			config.jobFailureReason = options.jobFailureReason ?? '';
			config.jsonRowNumbers = options.jsonRowNumbers ?? false;
			Object.assign(config, baseline);
		},
		/** Sets switches that every later reset keeps (the harness pins old answers this way). */
		pin(settings) {
			for (const name of Object.keys(settings))
				if (!SWITCHES.includes(name)) throw new Error(`Ruler sandbox: ${name} cannot be pinned`);
			Object.assign(baseline, settings);
			Object.assign(config, settings);
		},
		/** A username and password credential; n8n logs in with it. */
		credentials(overrides = {}) {
			return {
				authMethod: 'password',
				username: config.username,
				password: config.password,
				sessionToken: '',
				apiUrl: server.url,
				authUrl: server.url,
				...overrides,
			};
		},
		/** A pasted access token credential, with a token valid now. */
		tokenCredentials(overrides = {}) {
			return {
				authMethod: 'accessToken',
				accessToken: issueToken(),
				sessionToken: '',
				apiUrl: server.url,
				authUrl: server.url,
				...overrides,
			};
		},
	});
	return server;
}

module.exports = { createRulerSandbox, IDENTIFIER_KEYS };
