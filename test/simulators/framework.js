// @ts-check
'use strict';
/**
 * Vendor-neutral HTTP simulator base. Each vendor simulator (vCenter, Cohesity, Commvault, Huawei, Veeam)
 * supplies routes and its error shape; this file owns the plumbing that every vendor needs the same way:
 * loopback-only listening, routing with `:param` segments, request statistics, a request log, injectable
 * faults and the `/__sim/*` control routes that let shell scripts and benchmarks drive a running simulator.
 *
 * Plain CommonJS JavaScript on purpose: n8n's lint rules forbid `process`, timers and `node:*` imports in
 * .ts files, and `node test/simulators/serve.js` must run without a compile step.
 */
const http = require('node:http');
const { setTimeout: sleep } = require('node:timers/promises');

/** Fault modes the node under test must survive. */
const FAULT_MODES = /** @type {const} */ ([
	'slow',
	'drop',
	'dropAfterActing',
	'abortMidAnswer',
	'rateLimit',
	'unavailable',
	'serverError',
	'badGateway',
	'gatewayTimeout',
	'htmlError',
	'truncatedJson',
	'errorInBody',
	'emptyBody',
	'wrongShape',
	'notFound',
]);

/** Long benchmark runs must not grow memory without bound. */
const REQUEST_LOG_CAP = 1000;

/**
 * @typedef {(typeof FAULT_MODES)[number]} FaultMode
 *
 * @typedef {object} SimRequest
 * @property {string} method
 * @property {string} path Raw path exactly as sent (still percent-encoded), without the query.
 * @property {URLSearchParams} query
 * @property {string} rawQuery The query exactly as sent (still percent-encoded), without the `?`.
 * @property {import('node:http').IncomingHttpHeaders} headers Lower-case names.
 * @property {string} body Raw request body.
 * @property {any} json The body parsed as JSON, or undefined when it is empty or not JSON.
 * @property {Record<string, string>} params Route parameters, already percent-decoded.
 *
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] Sent as JSON (a string becomes a JSON string). Omit for an empty body.
 * @property {string} [rawBody] Sent verbatim (XML, HTML, text); wins over `body`.
 * @property {string} [contentType] Content type of `rawBody` (default text/plain).
 *
 * @typedef {(req: SimRequest, ctx: SimulatorServer) => SimResponse | Promise<SimResponse>} SimHandler
 *
 * @typedef {object} SimRoute
 * @property {string} method HTTP method, or '*' for any.
 * @property {string | RegExp} path '/a/:id/b' pattern, or a RegExp (named groups become params).
 * @property {SimHandler} handler
 * @property {boolean} [session] Sign-in/sign-out route: faults without `match` leave it alone.
 *
 * @typedef {object} FaultPlan
 * @property {FaultMode} fault
 * @property {number} [times] How many matching requests get the fault (default 1).
 * @property {string | RegExp} [match] Path filter: a substring, or a RegExp tested against the raw path.
 *   Without it, the fault hits any request except session routes, so a test of "429 on a job poll" is not
 *   eaten by the sign-in that precedes it. Pass a match to fault a sign-in.
 * @property {string} [method] Only requests with this method.
 * @property {number} [retryAfterSeconds] rateLimit and unavailable: Retry-After value (rateLimit default 1,
 *   unavailable none).
 * @property {number} [delayMs] slow: delay before the normal answer (default 5000).
 *
 * @typedef {{ requests: number, signIns: number, byRoute: Record<string, number>, inFlight: number, peakInFlight: number, bytes: number }} SimStats
 * @typedef {{ method: string, path: string, query: string, headers: import('node:http').IncomingHttpHeaders, at: number, status?: number, bytes?: number, session?: boolean }} SimLogEntry
 * @typedef {(status: number, message: string, req: SimRequest) => unknown} ErrorBodyFn
 * @typedef {{ route: SimRoute, re: RegExp, key: string }} CompiledRoute
 * @typedef {FaultPlan & { remaining: number }} PendingFault
 */

/**
 * Turns '/a/:id' into an anchored RegExp with named groups. Matching runs on the raw path so an id with
 * an encoded '/' (%2F) stays one segment; values are decoded afterwards.
 * @param {string | RegExp} path
 */
function compilePath(path) {
	if (path instanceof RegExp) return path;
	const src = path
		.split('/')
		.map((seg) =>
			seg.startsWith(':') ? `(?<${seg.slice(1)}>[^/]+)` : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('/');
	return new RegExp(`^${src}$`);
}

/** @param {string} value */
function decode(value) {
	try {
		return decodeURIComponent(value);
	} catch {
		return value; // malformed escapes: let the vendor handler see the raw text and answer 404
	}
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
async function readBody(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** @param {unknown} err */
const errorMessage = (err) => (err instanceof Error ? err.message : String(err));

/** @param {SimResponse} r @returns {{ payload: string, type?: string }} */
function serialize(r) {
	if (r.rawBody !== undefined) return { payload: r.rawBody, type: r.contentType ?? 'text/plain; charset=utf-8' };
	if (r.body !== undefined) return { payload: JSON.stringify(r.body), type: 'application/json' };
	return { payload: '' };
}

/** @param {string} title */
const htmlPage = (title) =>
	`<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><p>simulated</p></body></html>\n`;

class SimulatorServer {
	/** @type {http.Server | undefined} */
	#server;
	/** Aborted by stop() so `slow` faults never keep jest (or a benchmark) alive. */
	#abort = new AbortController();
	/** @type {CompiledRoute[]} */
	#routes = [];
	/** @type {PendingFault[]} */
	#faults = [];
	/** Stops the timers of `every()`. @type {Array<() => void>} */
	#timers = [];
	/** Vendor control routes ('POST /__sim/jobs' …), answered like the framework's own. @type {Map<string, (json: any) => unknown>} */
	#controlRoutes = new Map();

	/**
	 * @param {{ name: string, routes?: SimRoute[], errorBody?: ErrorBodyFn, latencyMs?: number }} options
	 */
	constructor({ name, routes = [], errorBody, latencyMs = 0 }) {
		this.name = name;
		/** Vendor error shape for framework-made errors (notFound fault, unmatched routes, handler crashes). */
		this.errorBody = errorBody ?? ((status, message) => ({ status, error: message }));
		this.baseUrl = '';
		this.port = 0;
		/**
		 * Every vendor request (sign-in included, control routes not) is answered this much later, as a
		 * real appliance would be; benchmarks set 50 ms. Unlike the `slow` fault it is not consumed.
		 */
		this.latencyMs = latencyMs;
		/**
		 * The most records a list answers per page, whatever the client asked for (servers cap their pages);
		 * the vendor's paging signals (totals, cursors, next links) stay truthful. Vendor list handlers read
		 * it through `pageSizeOf`.
		 */
		this.maxPageSize = Infinity;
		/** @type {SimStats} */
		// `bytes`: the answer bodies' size, so a benchmark can weigh a process's memory against what it received.
		this.stats = { requests: 0, signIns: 0, byRoute: {}, inFlight: 0, peakInFlight: 0, bytes: 0 };
		/** Last REQUEST_LOG_CAP vendor requests (control routes excluded). @type {SimLogEntry[]} */
		this.requests = [];
		for (const r of routes) this.route(r.method, r.path, r.handler, { session: r.session });
	}

	/**
	 * Adds a route. First match wins, so register literal paths ('/job/details') before '/job/:id'.
	 * @param {string} method @param {string | RegExp} path @param {SimHandler} handler
	 * @param {{ session?: boolean }} [options]
	 */
	route(method, path, handler, options = {}) {
		const route = { method: method.toUpperCase(), path, handler, session: options.session };
		this.#routes.push({ route, re: compilePath(path), key: `${route.method} ${String(path)}` });
		return this;
	}

	/**
	 * Adds a vendor control route under /__sim/ (e.g. to add a job from a shell script). The handler gets the
	 * JSON body and returns the answer body (200); a throw answers 400 with its message.
	 * @param {string} method @param {string} path '/__sim/…' @param {(json: any) => unknown} handler
	 */
	controlRoute(method, path, handler) {
		if (!path.startsWith('/__sim/')) throw new Error(`control routes live under /__sim/, not ${path}`);
		this.#controlRoutes.set(`${method.toUpperCase()} ${path}`, handler);
		return this;
	}

	/** Overridable: credentials and other facts a launcher prints next to baseUrl. @returns {Record<string, unknown>} */
	describe() {
		return {};
	}

	/** Overridable: restore the vendor's seeded state (called by POST /__sim/reset). */
	reset() {}

	/** Overridable: invalidate every live session/token (called by POST /__sim/expire-sessions). */
	expireSessions() {}

	/**
	 * Overridable: adds vendor records from a JSON body (POST /__sim/seed), e.g. `{ jobs: [...] }`, so a
	 * script can load a large data set into a running simulator. @param {any} _body
	 */
	seed(_body) {
		throw new Error(`${this.name} simulator takes no seed`);
	}

	/** The page size a list handler answers with: what was asked, capped by `maxPageSize`. @param {number} asked */
	pageSizeOf(asked) {
		return Math.max(1, Math.min(asked, this.maxPageSize));
	}

	/** Vendor handlers call this on each successful sign-in so tests can assert session reuse. */
	countSignIn() {
		this.stats.signIns++;
	}

	/** Clears counters and the request log (not faults, not vendor state, not requests in flight). */
	resetStats() {
		this.stats.requests = 0;
		this.stats.signIns = 0;
		this.stats.byRoute = {};
		this.stats.bytes = 0;
		this.stats.peakInFlight = this.stats.inFlight;
		this.requests.length = 0;
	}

	/** Queues a fault; faults are consumed in queue order by the first request each one matches. @param {FaultPlan} plan */
	fail(plan) {
		if (!plan || !FAULT_MODES.includes(plan.fault)) {
			throw new Error(`unknown fault ${JSON.stringify(plan?.fault)}; expected one of ${FAULT_MODES.join(', ')}`);
		}
		const times = plan.times ?? 1;
		if (!(times >= 1)) throw new Error(`fault times must be >= 1, got ${times}`);
		this.#faults.push({ ...plan, remaining: times });
		return this;
	}

	clearFaults() {
		this.#faults.length = 0;
	}

	/** Faults still queued (copies), so tests can check that one was consumed. @returns {PendingFault[]} */
	get pendingFaults() {
		return this.#faults.map((f) => ({ ...f }));
	}

	/**
	 * Listens on 127.0.0.1 only: simulators accept any password, so they must never be reachable from
	 * another host. Port 0 (random) unless a launcher pins one.
	 * @param {number} [port]
	 * @returns {Promise<string>} the base URL
	 */
	async start(port = 0) {
		if (this.#server) throw new Error(`${this.name} simulator already started`);
		this.#abort = new AbortController();
		const server = http.createServer((req, res) => {
			this.#handle(req, res).catch((err) => {
				// Never let a handler bug crash the test process; answer in the vendor's shape instead.
				if (res.headersSent || res.destroyed) {
					res.destroy();
					return;
				}
				res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: errorMessage(err) }));
			});
		});
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve(undefined));
		});
		this.#server = server;
		const address = /** @type {import('node:net').AddressInfo} */ (server.address());
		this.port = address.port;
		this.baseUrl = `http://127.0.0.1:${address.port}`;
		return this.baseUrl;
	}

	/** Closes the server and every open socket, and cancels pending `slow` timers. Safe to call twice. */
	/**
	 * Calls `fn(n)` (n = 1, 2, …) every `everyMs` until the returned function or stop() is called: the
	 * live history of the demo. The timer never keeps a process alive on its own.
	 * @param {number} everyMs @param {(n: number) => void} fn @returns {() => void}
	 */
	every(everyMs, fn) {
		let n = 0;
		const timer = setInterval(() => fn(++n), everyMs);
		timer.unref();
		const stop = () => clearInterval(timer);
		this.#timers.push(stop);
		return stop;
	}

	async stop() {
		for (const stop of this.#timers.splice(0)) stop();
		this.#abort.abort();
		const server = this.#server;
		if (!server) return;
		this.#server = undefined;
		await new Promise((resolve) => {
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		});
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async #handle(req, res) {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		const rawQuery = q < 0 ? '' : url.slice(q + 1);
		const body = await readBody(req);
		let json;
		try {
			json = body ? JSON.parse(body) : undefined;
		} catch {
			json = undefined;
		}

		// Also under a path, for simulators whose base URL has one (a web service root such as /commandcenter/api).
		const control = path.indexOf('/__sim/');
		if (control >= 0) {
			this.#send(res, await this.#control(method, path.slice(control), json));
			return;
		}

		// In flight from the moment the request has arrived until its answer is written (or dropped).
		this.stats.inFlight++;
		this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.stats.inFlight);
		try {
			await this.#answer(req, res, { method, path, rawQuery, body, json });
		} finally {
			this.stats.inFlight--;
		}
	}

	/**
	 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
	 * @param {{ method: string, path: string, rawQuery: string, body: string, json: any }} parsed
	 */
	async #answer(req, res, { method, path, rawQuery, body, json }) {
		const found = this.#match(method, path);
		this.stats.requests++;
		const key = found?.compiled.key ?? `${method} (unmatched)`;
		this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
		/** @type {SimLogEntry} */
		const entry = { method, path, query: rawQuery, headers: req.headers, at: Date.now(), session: found?.compiled.route.session === true };
		this.requests.push(entry);
		if (this.requests.length > REQUEST_LOG_CAP) this.requests.shift();

		/** @type {SimRequest} */
		const simReq = { method, path, query: new URLSearchParams(rawQuery), rawQuery, headers: req.headers, body, json, params: found?.params ?? {} };
		const fault = this.#takeFault(simReq, found?.compiled.route);
		if (this.latencyMs > 0) {
			try {
				await sleep(this.latencyMs, undefined, { signal: this.#abort.signal });
			} catch {
				return; // stop() aborted the wait; its closeAllConnections() already ended the socket
			}
		}
		/** @type {SimResponse} */
		let response;
		switch (fault?.fault) {
			case 'drop':
				entry.status = 0;
				res.socket?.destroy(); // no status line at all: the client sees ECONNRESET / "socket hang up"
				return;
			case 'rateLimit':
				response = {
					status: 429,
					headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
					body: this.errorBody(429, 'Too many requests.', simReq),
				};
				break;
			case 'unavailable':
				response = {
					status: 503,
					headers: fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
					body: this.errorBody(503, 'Service unavailable.', simReq),
				};
				break;
			case 'serverError':
				response = { status: 500, body: this.errorBody(500, 'Internal server error.', simReq) };
				break;
			case 'gatewayTimeout': // a proxy whose upstream did not answer in time
				response = { status: 504, rawBody: htmlPage('504 Gateway Time-out'), contentType: 'text/html' };
				break;
			case 'errorInBody': // the vendor's error shape, but with HTTP 200
				response = { status: 200, body: this.errorBody(500, 'The appliance failed to read its job history.', simReq) };
				break;
			case 'emptyBody':
				response = { status: 200, rawBody: '', contentType: 'application/json' };
				break;
			case 'wrongShape': // valid JSON of no shape any vendor documents
				response = { status: 200, body: { unexpected: 'shape', items: 'not a list' } };
				break;
			case 'badGateway': // what a reverse proxy in front of the vendor sends: HTML, not the vendor's JSON
				response = { status: 502, rawBody: htmlPage('502 Bad Gateway'), contentType: 'text/html' };
				break;
			case 'htmlError':
				response = { status: 500, rawBody: htmlPage('500 Internal Server Error'), contentType: 'text/html; charset=utf-8' };
				break;
			case 'notFound':
				response = { status: 404, body: this.errorBody(404, 'Not found.', simReq) };
				break;
			default:
				if (fault?.fault === 'slow') {
					try {
						await sleep(fault.delayMs ?? 5000, undefined, { signal: this.#abort.signal });
					} catch {
						return; // stop() aborted the wait; its closeAllConnections() already ended the socket
					}
				}
				response = await this.#dispatch(simReq, found);
				if (fault?.fault === 'dropAfterActing') {
					// The request was carried out (a job started), then the connection closed before any answer.
					entry.status = 0;
					res.socket?.destroy();
					return;
				}
				if (fault?.fault === 'abortMidAnswer') {
					// The full length is announced, half the body is sent, then the connection closes.
					entry.status = response.status;
					this.#sendHalf(res, response);
					return;
				}
				if (fault?.fault === 'truncatedJson') {
					// The real handler runs (state advances as on a real server); only the body is cut short.
					let { payload, type } = serialize(response);
					if (payload.length < 2) payload = '{"truncated":"body of a simulated response"}';
					response = { status: 200, rawBody: payload.slice(0, Math.floor(payload.length / 2)), contentType: type ?? 'application/json' };
				}
		}
		entry.status = response.status;
		entry.bytes = this.#send(res, response);
		this.stats.bytes += entry.bytes;
	}

	/** @param {string} method @param {string} path */
	#match(method, path) {
		for (const compiled of this.#routes) {
			if (compiled.route.method !== '*' && compiled.route.method !== method) continue;
			const m = compiled.re.exec(path);
			if (!m) continue;
			/** @type {Record<string, string>} */
			const params = {};
			for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) params[k] = decode(v);
			return { compiled, params };
		}
		return undefined;
	}

	/** @param {SimRequest} req @param {{ compiled: CompiledRoute } | undefined} found @returns {Promise<SimResponse>} */
	async #dispatch(req, found) {
		if (!found) return { status: 404, body: this.errorBody(404, 'Not found.', req) };
		try {
			return await found.compiled.route.handler(req, this);
		} catch (err) {
			return { status: 500, body: this.errorBody(500, errorMessage(err), req) };
		}
	}

	/** @param {SimRequest} req @param {SimRoute | undefined} route */
	#takeFault(req, route) {
		const i = this.#faults.findIndex((f) => {
			if (f.method && f.method.toUpperCase() !== req.method) return false;
			if (f.match === undefined) return !route?.session;
			return typeof f.match === 'string' ? req.path.includes(f.match) : f.match.test(req.path);
		});
		if (i < 0) return undefined;
		const fault = this.#faults[i];
		if (--fault.remaining <= 0) this.#faults.splice(i, 1);
		return fault;
	}

	/**
	 * Control routes answer in a plain simulator shape, never the vendor's, and are not counted in stats.
	 * @param {string} method @param {string} path @param {any} json @returns {Promise<SimResponse>}
	 */
	async #control(method, path, json) {
		switch (`${method} ${path}`) {
			case 'GET /__sim/stats':
				return { status: 200, body: this.stats };
			case 'GET /__sim/requests':
				return { status: 200, body: this.requests };
			case 'POST /__sim/reset':
				this.resetStats();
				this.clearFaults();
				this.reset();
				return { status: 200, body: { ok: true } };
			case 'POST /__sim/reset-stats':
				this.resetStats();
				return { status: 200, body: { ok: true } };
			case 'POST /__sim/expire-sessions':
				this.expireSessions();
				return { status: 200, body: { ok: true } };
			case 'POST /__sim/latency': {
				const ms = Number(json?.ms);
				if (!Number.isFinite(ms) || ms < 0) return { status: 400, body: { ok: false, error: 'latency needs {"ms": n >= 0}' } };
				this.latencyMs = ms;
				return { status: 200, body: { ok: true, latencyMs: ms } };
			}
			case 'POST /__sim/page-cap': {
				const max = json?.maxPageSize === null ? Infinity : Number(json?.maxPageSize);
				if (!(max >= 1)) return { status: 400, body: { ok: false, error: 'page-cap needs {"maxPageSize": n >= 1} or null' } };
				this.maxPageSize = max;
				return { status: 200, body: { ok: true } };
			}
			case 'POST /__sim/seed':
				try {
					this.seed(json);
				} catch (err) {
					return { status: 400, body: { ok: false, error: errorMessage(err) } };
				}
				return { status: 200, body: { ok: true } };
			case 'POST /__sim/fault': {
				// JSON cannot carry a RegExp, so the control route takes `matchRegExp` as its source text.
				const plan = { ...json };
				if (typeof plan.matchRegExp === 'string') plan.match = new RegExp(plan.matchRegExp);
				delete plan.matchRegExp;
				try {
					this.fail(plan);
				} catch (err) {
					return { status: 400, body: { ok: false, error: errorMessage(err) } };
				}
				return { status: 200, body: { ok: true, pending: this.#faults.length } };
			}
			default: {
				const vendorRoute = this.#controlRoutes.get(`${method} ${path}`);
				if (!vendorRoute) return { status: 404, body: { ok: false, error: `no control route ${method} ${path}` } };
				try {
					return { status: 200, body: await vendorRoute(json ?? {}) };
				} catch (err) {
					return { status: 400, body: { ok: false, error: errorMessage(err) } };
				}
			}
		}
	}

	/** @param {import('node:http').ServerResponse} res @param {SimResponse} r */
	#sendHalf(res, r) {
		const { payload, type } = serialize(r);
		const bytes = Buffer.from(payload.length > 1 ? payload : '{"cut":"short"}');
		res.writeHead(r.status, { 'content-length': bytes.length, 'content-type': type ?? 'application/json', ...r.headers });
		res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
	}

	/** The body's size in bytes (0 when the client had gone). @param {import('node:http').ServerResponse} res @param {SimResponse} r */
	#send(res, r) {
		if (res.destroyed || res.writableEnded) return 0; // the client gave up (e.g. during a slow fault)
		const { payload, type } = serialize(r);
		const length = Buffer.byteLength(payload);
		/** @type {Record<string, string | number>} */
		const headers = { 'content-length': length };
		if (type) headers['content-type'] = type;
		res.writeHead(r.status, { ...headers, ...r.headers });
		res.end(payload);
		return length;
	}
}

module.exports = { SimulatorServer, FAULT_MODES };
