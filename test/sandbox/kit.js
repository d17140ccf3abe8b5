'use strict';
// A tiny HTTP server toolkit for the API emulators: routing, a record of every request, and
// switchable faults. Plain JavaScript on purpose: it needs Node's http module, which the
// community-node linter bans in TypeScript files.
const http = require('http');

const MAX_RECORDED_BODY = 64 * 1024 * 1024;

/** A deterministic random source (mulberry32), so fault schedules replay from a seed. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function matches(rule, req, path) {
	if (rule.method && rule.method !== req.method) return false;
	if (rule.path instanceof RegExp) return rule.path.test(path);
	if (typeof rule.path === 'string') return path.startsWith(rule.path);
	return true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, reply) {
	const headers = { ...(reply.headers || {}) };
	let payload = '';
	if (reply.body !== undefined && reply.body !== null) {
		payload =
			typeof reply.body === 'string' || Buffer.isBuffer(reply.body)
				? reply.body
				: JSON.stringify(reply.body);
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] =
				typeof reply.body === 'string'
					? 'text/plain; charset=utf-8'
					: 'application/json; charset=utf-8';
		}
	}
	res.writeHead(reply.status || 200, headers);
	res.end(payload);
}

/** Sends the headers and the first half of the body at once, the rest `ms` later (a slow body). */
async function sendSlowly(res, reply, ms) {
	const body =
		reply.body === undefined || reply.body === null
			? ''
			: typeof reply.body === 'string'
				? reply.body
				: JSON.stringify(reply.body);
	const bytes = Buffer.from(body, 'utf8');
	const headers = {
		'Content-Type': 'application/json; charset=utf-8',
		...(reply.headers || {}),
		'Content-Length': String(bytes.length),
	};
	res.writeHead(reply.status || 200, headers);
	const half = Math.floor(bytes.length / 2);
	res.write(bytes.subarray(0, half));
	await sleep(ms);
	if (!res.destroyed) res.end(bytes.subarray(half));
}

/**
 * Creates a server from `routes` ([method, RegExp, handler(ctx) → reply | Promise<reply>]).
 * A reply is {status, headers?, body?}; a handler may also take over `ctx.res` and return null.
 *
 * Faults (`server.faults.add(rule)`) apply before routing, in the order added:
 *   {method?, path? (RegExp or prefix), times? (default 1; Infinity), status, headers?, body?}
 *   {..., reset: true}            the connection is destroyed without an answer
 *   {..., delayMs}                the request waits, then is routed normally
 *   {..., probability}            applies to that share of matching requests (seeded, see `seed`)
 *   {..., echoRequest: true}      answers `status` (400) with the request's headers and body echoed
 *   {..., dropAnswer: true}       the request is handled (the emulator acts on it), then the
 *                                 connection is destroyed instead of answering: the outcome is unknown
 *   {..., afterHandling: true, status, body?}  the request is handled, then answered with `status`
 *                                 instead (a 503 "timeout processing the request" after the work)
 *   {..., slowBodyMs}             handled normally, answered with half the body, the rest `slowBodyMs` later
 *   {..., resetMidBody: true}     the connection is destroyed while the request body arrives, before
 *                                 the emulator sees it (decided on method and path only)
 *   {..., pick(request)}          decides per request: returns the fault to apply (the fields above)
 *                                 or undefined for none; `request` is the record, body included
 */
function createServer({ name, routes, recordBodies = true, seed = 1, onRequest }) {
	const requests = [];
	const faultRules = [];
	const afterHooks = [];
	let random = seededRandom(seed);
	const stats = { inFlight: 0, maxInFlight: 0, faultsApplied: 0 };

	const faults = {
		add(rule) {
			faultRules.push({ times: 1, ...rule });
			return faults;
		},
		clear() {
			faultRules.length = 0;
			return faults;
		},
		list: () => faultRules,
		reseed(newSeed) {
			random = seededRandom(newSeed);
		},
	};

	/** The first rule that applies to the request; `early` rules are decided before the body is read. */
	function takeFault(req, path, record, early) {
		for (const rule of faultRules) {
			if (rule.times <= 0 || Boolean(rule.resetMidBody) !== early || !matches(rule, req, path))
				continue;
			if (rule.probability !== undefined && random() >= rule.probability) continue;
			const picked = rule.pick ? rule.pick(record) : rule;
			if (!picked) continue;
			rule.times -= 1;
			stats.faultsApplied += 1;
			return picked;
		}
		return undefined;
	}

	/** Reads the first chunk of the request body, then destroys the connection. */
	async function resetMidBody(req, path, url) {
		let bytes = 0;
		for await (const chunk of req) {
			bytes += chunk.length;
			break;
		}
		requests.push({
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: undefined,
			bytes,
			at: Date.now(),
			fault: 'reset mid-body',
		});
		req.socket.destroy();
	}

	async function readBody(req) {
		const chunks = [];
		let bytes = 0;
		for await (const chunk of req) {
			bytes += chunk.length;
			if (bytes <= MAX_RECORDED_BODY) chunks.push(chunk);
		}
		return {
			text: Buffer.concat(chunks).toString('utf8'),
			bytes,
			truncated: bytes > MAX_RECORDED_BODY,
		};
	}

	async function handle(req, res) {
		stats.inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.on('close', () => (stats.inFlight -= 1));
		const url = new URL(req.url, 'http://sandbox');
		const path = url.pathname;
		if (path.startsWith('/__sandbox/')) return control(req, res, path);
		if (takeFault(req, path, undefined, true)) return resetMidBody(req, path, url);
		const body = await readBody(req);
		const record = {
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: recordBodies ? body.text : undefined,
			bytes: body.bytes,
			at: Date.now(),
			fault: undefined,
		};
		requests.push(record);
		// Whether the client gave up (e.g. its timeout) before the whole answer was written: it
		// cannot know what the request did. Tests judge outcomes by this, not by a nominal delay.
		res.on('close', () => {
			if (!res.writableFinished) record.clientLeft = true;
		});
		if (onRequest) onRequest(record);
		const fault = takeFault(req, path, record, false);
		if (fault) {
			record.fault = faultName(fault);
			if (fault.delayMs) await sleep(fault.delayMs);
			if (fault.reset) return req.socket.destroy();
			// A hostile or buggy server that echoes the request (headers and all) in its error body.
			if (fault.echoRequest)
				return send(res, {
					status: fault.status || 400,
					headers: fault.headers,
					body: { message: 'echo', headers: req.headers, body: body.text },
				});
			if (fault.status && !fault.afterHandling) return send(res, fault);
		}
		await route(req, res, path, url, body, record, fault);
		const hook = afterHooks.find((h) => matches(h, req, path));
		if (hook && --hook.nth <= 0) afterHooks.splice(afterHooks.indexOf(hook), 1)[0].run();
		return undefined;
	}

	async function route(req, res, path, url, body, record, fault) {
		for (const [method, pattern, handler] of routes) {
			const match = method === req.method ? pattern.exec(path) : null;
			if (!match) continue;
			const reply = await handler({
				req,
				res,
				path,
				params: match.slice(1),
				query: url.searchParams,
				body: body.text,
				bytes: body.bytes,
				truncated: body.truncated,
				record,
			});
			if (!reply) return;
			// The status the handler chose, so a record says how each request was answered.
			record.status = reply.status ?? 200;
			if (fault?.dropAnswer) req.socket.destroy();
			else if (fault?.afterHandling) send(res, fault);
			else if (fault?.slowBodyMs) await sendSlowly(res, reply, fault.slowBodyMs);
			else send(res, reply);
			return;
		}
		send(res, {
			status: 404,
			body: { message: `${name} sandbox: no route for ${req.method} ${path}` },
		});
	}

	/** HTTP control for runs in a real n8n: read the record, set faults, reset. */
	async function control(req, res, path) {
		const body = await readBody(req);
		if (path === '/__sandbox/requests')
			return send(res, {
				body: requests.map(({ headers, ...r }) => ({ ...r, authorization: headers.authorization })),
			});
		if (path === '/__sandbox/stats')
			return send(res, { body: { ...stats, requests: requests.length } });
		if (path === '/__sandbox/faults' && req.method === 'POST') {
			const rule = JSON.parse(body.text || '{}');
			if (rule.path && rule.pathIsRegex) rule.path = new RegExp(rule.path);
			faults.add(rule);
			return send(res, { status: 204 });
		}
		if (path === '/__sandbox/reset' && req.method === 'POST') {
			server.reset();
			return send(res, { status: 204 });
		}
		return server.control
			? server.control(req, res, path, body.text, send)
			: send(res, { status: 404, body: {} });
	}

	const httpServer = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent)
				send(res, { status: 500, body: { message: `${name} sandbox error: ${error.message}` } });
		});
	});
	httpServer.keepAliveTimeout = 5000;

	const server = {
		name,
		requests,
		faults,
		stats,
		url: undefined,
		async start(port = 0, host = '127.0.0.1') {
			await new Promise((resolve, reject) => {
				httpServer.once('error', reject);
				httpServer.listen(port, host, resolve);
			});
			server.url = `http://${host}:${httpServer.address().port}`;
			return server;
		},
		async close() {
			httpServer.closeAllConnections?.();
			await new Promise((resolve) => httpServer.close(() => resolve()));
		},
		reset() {
			requests.length = 0;
			afterHooks.length = 0;
			faults.clear();
			stats.faultsApplied = 0;
			stats.maxInFlight = stats.inFlight;
		},
		/** Runs `run` once, right after the `nth` (default first) request matching {method, path} has been answered. */
		afterRequest(rule, run) {
			afterHooks.push({ nth: 1, ...rule, run });
		},
		/** Requests whose path matches (RegExp or prefix) and method (optional). */
		requestsTo(path, method) {
			return requests.filter((r) => matches({ path, method }, { method: r.method }, r.path));
		},
	};
	return server;
}

function faultName(fault) {
	if (fault.reset) return 'reset';
	if (fault.dropAnswer) return 'drop';
	if (fault.afterHandling) return `handled, then ${fault.status}`;
	if (fault.slowBodyMs) return `slow body ${fault.slowBodyMs}`;
	return fault.status || `delay ${fault.delayMs}`;
}

module.exports = { createServer, seededRandom, send };
