// @ts-check
'use strict';
/**
 * Veeam Backup & Replication REST API v1 simulator (port 9419): OAuth 2 at `POST /api/oauth2/token`
 * (form body; password and refresh_token grants; access tokens that expire after `tokenTtlMs` or a
 * request budget; refresh tokens that rotate), the `x-api-version` header required on every request and
 * refused with 400 when the server does not know it, `GET /api/v1/sessions` (filters, ordering, skip and
 * limit with `pagination.total`, pages capped by the server), `GET /api/v1/sessions/{id}`, `GET
 * /api/v1/jobs`, `GET /api/v1/jobs/states` and `POST /api/v1/jobs/{id}/start|stop|retry` answering the
 * session model. Sessions move one step (state and result) per answer that shows them. Every framework
 * fault, `dropAfterActing` included (the job starts, the answer is lost).
 */
const { randomBytes, randomUUID } = require('node:crypto');
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 * @typedef {{ state: string, result?: string, progress?: number, isCanceled?: boolean }} Step
 * @typedef {object} SessionSeed
 * @property {string} [id]
 * @property {string} jobId The job's GUID; the zero GUID for a session of no job.
 * @property {Step[]} steps One per answer that shows the session; the last stays.
 * @property {string} [message] result.message once the session is Stopped.
 * @property {number} [createdAt] Epoch ms; default now.
 * @property {number} [runMs] endTime = createdAt + runMs once Stopped (default 10 min).
 * @property {string} [sessionType] Default BackupJob.
 * @typedef {{ id: string, name: string, type?: string }} JobSeed
 * @typedef {SessionSeed & { id: string, createdAt: number }} StoredSeed
 * @typedef {{ seed: StoredSeed, step: number, usn: number }} Session
 * @typedef {object} VbrOptions
 * @property {string} [username]
 * @property {string} [password]
 * @property {string[]} [versions] x-api-version revisions the server accepts (default 1.1-rev0 … 1.3-rev0).
 * @property {number} [tokenTtlMs] Access token lifetime (default 15 min).
 * @property {number} [tokenMaxRequests] Requests an access token serves.
 * @property {JobSeed[]} [jobs]
 * @property {SessionSeed[]} [sessions]
 * @property {number} [latencyMs]
 */

const ALL_VERSIONS = ['1.1-rev0', '1.1-rev1', '1.1-rev2', '1.2-rev0', '1.2-rev1', '1.3-rev0'];
const NO_JOB = '00000000-0000-0000-0000-000000000000';
/** The default sessions started an hour before the module loaded: every simulator of a run has the same times. */
const SEED_TIME = Date.now() - 3600_000;

const JOBS = {
	fileserver: '4856ab37-2235-45e8-affe-d515878b01a9',
	sql: '7a1c3e55-90b2-4f6e-8d21-3b5f0c9e6a10',
	exchange: 'b2e9d4f1-6c3a-4e8b-9f07-1d2c3b4a5e6f',
};

const SESSIONS = {
	oldFailed: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	fileserverOk: 'd46e39e0-1131-4585-91a7-e828ce7eafae',
	sqlWarning: '3c602890-209d-4a99-8d7b-208a7134fc97',
	exchangeFailed: '21d5e924-0318-497f-8f13-1d94d3d86ddb',
	fileserverRunning: 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
	infrastructure: '6f1e2d3c-4b5a-4697-8876-a5b4c3d2e1f0',
};

/** @returns {JobSeed[]} */
const defaultJobs = () => [
	{ id: JOBS.fileserver, name: 'Fileserver Backup' },
	{ id: JOBS.sql, name: 'SQL Nightly' },
	{ id: JOBS.exchange, name: 'Exchange Daily' },
];

/** @returns {SessionSeed[]} */
function defaultSessions() {
	const t = SEED_TIME;
	return [
		{ id: SESSIONS.oldFailed, jobId: JOBS.fileserver, createdAt: t - 86_400_000, steps: [{ state: 'Stopped', result: 'Failed', progress: 100 }], message: 'Access denied to the repository.' },
		{ id: SESSIONS.fileserverOk, jobId: JOBS.fileserver, createdAt: t, runMs: 1_020_000, steps: [{ state: 'Stopped', result: 'Success', progress: 100 }] },
		{
			id: SESSIONS.sqlWarning,
			jobId: JOBS.sql,
			createdAt: t + 60_000,
			steps: [{ state: 'Starting', result: 'None', progress: 0 }, { state: 'Working', result: 'None', progress: 42 }, { state: 'Stopped', result: 'Warning', progress: 100 }],
			message: 'Changed block tracking is disabled on sql01; the backup read the whole disk.',
		},
		{ id: SESSIONS.exchangeFailed, jobId: JOBS.exchange, createdAt: t + 120_000, steps: [{ state: 'Stopped', result: 'Failed', progress: 100 }], message: 'The mailbox database is dismounted.' },
		// the newest run of Fileserver Backup: what the example waits for
		{ id: SESSIONS.fileserverRunning, jobId: JOBS.fileserver, createdAt: t + 180_000, steps: [{ state: 'Working', result: 'None', progress: 30 }, { state: 'Working', result: 'None', progress: 70 }, { state: 'Stopped', result: 'Success', progress: 100 }] },
		// not a job run: the trigger leaves it out
		{ id: SESSIONS.infrastructure, jobId: NO_JOB, sessionType: 'Infrastructure', createdAt: t + 200_000, steps: [{ state: 'Stopped', result: 'Failed', progress: 100 }], message: 'Rescan of host esx01 failed.' },
	];
}

/** @param {string} text @returns {Record<string, string>} */
function parseForm(text) {
	return Object.fromEntries(new URLSearchParams(text));
}

const ORDER_COLUMNS = ['Name', 'SessionType', 'CreationTime', 'EndTime', 'State', 'Result', 'InitiatedBy'];
const DEFAULT_LIMIT = 200;

class VeeamBrSimulator extends SimulatorServer {
	/** @type {Map<string, JobSeed>} */
	#jobs = new Map();
	/** @type {Map<string, Session>} */
	#sessions = new Map();
	/** @type {Map<string, boolean>} refresh tokens, true while unused */
	#refreshTokens = new Map();
	#options;
	#usn = 0;

	/** @param {VbrOptions} [options] */
	constructor(options = {}) {
		super({ name: 'veeamBr', errorBody: (status, message) => ({ errorCode: codeOf(status), message }), latencyMs: options.latencyMs });
		this.#options = options;
		this.username = options.username ?? 'TECH\\svc-n8n';
		this.password = options.password ?? 'Sim-Vbr-Pass-1!';
		/** Revisions the server accepts; a test may change them on the fly. */
		this.versions = options.versions ?? [...ALL_VERSIONS];
		this.tokens = new SessionStore({ maxRequests: options.tokenMaxRequests });
		this.tokenTtlMs = options.tokenTtlMs ?? 15 * 60_000;
		/** Grants by kind, and the revisions sign-ins asked for. */
		this.grants = { password: 0, refresh: 0, refused: 0 };
		/** @type {string[]} */
		this.signInVersions = [];
		/** Every access and refresh token handed out: tests look for them in outputs and errors. @type {string[]} */
		this.issuedTokens = [];
		/** Job actions the server received: `{jobId, action, sessionId?, refused?}`. @type {Array<Record<string, unknown>>} */
		this.jobActions = [];
		/** Steps of a session a start creates. @type {Step[]} */
		this.jobStartSteps = [{ state: 'Starting', result: 'None', progress: 0 }, { state: 'Working', result: 'None', progress: 50 }, { state: 'Stopped', result: 'Success', progress: 100 }];
		this.reset();

		this.route('POST', '/api/oauth2/token', (req) => this.#token(req), { session: true });
		this.route('GET', '/api/v1/sessions', this.#authed((req) => this.#listSessions(req)));
		this.route('GET', '/api/v1/sessions/:id', this.#authed((req) => this.#getSession(req)));
		this.route('GET', '/api/v1/jobs/states', this.#authed((req) => this.#listJobs(req, true)));
		this.route('GET', '/api/v1/jobs', this.#authed((req) => this.#listJobs(req, false)));
		this.route('POST', '/api/v1/jobs/:id/:action', this.#authed((req) => this.#jobAction(req)));
		this.controlRoute('POST', '/__sim/sessions', (json) => ({ id: this.addSession(json) }));
		this.controlRoute('GET', '/__sim/job-actions', () => this.jobActions);
		this.controlRoute('GET', '/__sim/grants', () => ({ ...this.grants, versions: this.signInVersions }));
		this.controlRoute('POST', '/__sim/versions', (json) => {
			if (!Array.isArray(json.versions)) throw new Error('versions needs {"versions": [...]}');
			this.versions = json.versions.map(String);
			return { ok: true };
		});
		this.controlRoute('POST', '/__sim/expire-refresh-tokens', () => {
			this.expireRefreshTokens();
			return { ok: true };
		});
	}

	describe() {
		return { username: this.username, password: this.password };
	}

	reset() {
		this.#jobs = new Map((this.#options.jobs ?? defaultJobs()).map((j) => [j.id.toLowerCase(), j]));
		this.#sessions = new Map();
		for (const seed of this.#options.sessions ?? defaultSessions()) this.addSession(seed);
		this.tokens.clear();
		this.#refreshTokens.clear();
		this.grants = { password: 0, refresh: 0, refused: 0 };
		this.signInVersions = [];
		this.jobActions = [];
	}

	/** Access tokens end (a 401 follows); refresh tokens stay valid. */
	expireSessions() {
		this.tokens.clear();
	}

	/** Refresh tokens end too: the next renewal must sign in with the password. */
	expireRefreshTokens() {
		this.#refreshTokens.clear();
	}

	/** @param {any} body */
	seed(body) {
		for (const job of body?.jobs ?? []) this.#jobs.set(String(job.id).toLowerCase(), job);
		for (const session of body?.sessions ?? []) this.addSession(session);
	}

	/** Adds a session now (or at `createdAt`); returns its ID. @param {SessionSeed} seed */
	addSession(seed) {
		if (!Array.isArray(seed?.steps) || seed.steps.length === 0) throw new Error('a session needs steps');
		const id = String(seed.id ?? randomUUID()).toLowerCase();
		this.#sessions.set(id, { seed: { ...seed, id, jobId: String(seed.jobId ?? NO_JOB).toLowerCase(), createdAt: seed.createdAt ?? Date.now() }, step: 0, usn: ++this.#usn });
		return id;
	}

	/** How often a session was shown. @param {string} id */
	polls(id) {
		return this.#sessions.get(id)?.step ?? 0;
	}

	/** @param {Session} s */
	#current(s) {
		return s.seed.steps[Math.min(s.step, s.seed.steps.length - 1)];
	}

	/** The session model as it is now, then one step on. @param {Session} s */
	#show(s) {
		const model = this.#model(s);
		s.step++;
		return model;
	}

	/** @param {Session} s */
	#model(s) {
		const step = this.#current(s);
		const job = this.#jobs.get(s.seed.jobId);
		const stopped = step.state === 'Stopped';
		const created = new Date(s.seed.createdAt).toISOString();
		return {
			id: s.seed.id,
			name: job?.name ?? (s.seed.sessionType === 'Infrastructure' ? 'Rescan of Managed Servers' : 'Session'),
			jobId: s.seed.jobId,
			sessionType: s.seed.sessionType ?? 'BackupJob',
			creationTime: created.replace('Z', '+00:00'),
			endTime: stopped ? new Date(s.seed.createdAt + (s.seed.runMs ?? 600_000)).toISOString().replace('Z', '+00:00') : null,
			state: step.state,
			progressPercent: step.progress ?? 0,
			result: { result: step.result ?? 'None', message: stopped ? (s.seed.message ?? '') : '', isCanceled: step.isCanceled === true },
			resourceId: s.seed.jobId,
			resourceReference: `/api/v1/jobs/${s.seed.jobId}`,
			parentSessionId: null,
			usn: s.usn,
			platformName: 'VMware',
			platformId: '00000000-0000-0000-0000-000000000000',
			initiatedBy: 'TECH\\svc-n8n',
		};
	}

	/** @param {SimRequest} req @param {number} status @param {string} message @param {string} [code] @returns {SimResponse} */
	#error(req, status, message, code) {
		return { status, body: { errorCode: code ?? codeOf(status), message, resourceId: null } };
	}

	/** @param {SimRequest} req @returns {SimResponse | undefined} */
	#versionProblem(req) {
		const version = req.headers['x-api-version'];
		if (typeof version !== 'string' || version === '') return this.#error(req, 400, 'The x-api-version header is required.', 'InvalidApiVersion');
		if (!this.versions.includes(version)) return this.#error(req, 400, `Unsupported API version ${version}.`, 'InvalidApiVersion');
		return undefined;
	}

	/** Every /api/v1 route: the revision header, then the Bearer token. @param {(req: SimRequest) => SimResponse} handler */
	#authed(handler) {
		return (/** @type {SimRequest} */ req) => {
			const problem = this.#versionProblem(req);
			if (problem) return problem;
			const m = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
			const token = m ? this.tokens.use(m[1]) : undefined;
			if (!token || Date.now() - token.created.getTime() > this.tokenTtlMs) return this.#error(req, 401, 'Unauthorized: the access token is missing, invalid or expired.', 'Unauthorized');
			return handler(req);
		};
	}


	/** @param {SimRequest} req @returns {SimResponse} */
	#token(req) {
		const problem = this.#versionProblem(req);
		if (problem) return problem;
		if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return this.#error(req, 415, 'The token request takes a form body (application/x-www-form-urlencoded).');
		const form = parseForm(req.body);
		if (form.grant_type === 'password') {
			if (form.username !== this.username || form.password !== this.password) {
				this.grants.refused++;
				return this.#error(req, 401, 'Authentication failed: invalid user name or password.', 'Unauthorized');
			}
			this.grants.password++;
		} else if (form.grant_type === 'refresh_token') {
			if (this.#refreshTokens.get(form.refresh_token ?? '') !== true) {
				this.grants.refused++;
				return this.#error(req, 400, 'The refresh token is invalid or expired.', 'InvalidGrant');
			}
			this.#refreshTokens.set(form.refresh_token, false); // rotated: used once
			this.grants.refresh++;
		} else {
			return this.#error(req, 400, `The grant type ${form.grant_type ?? '(none)'} is not supported.`, 'InvalidGrant');
		}
		this.signInVersions.push(String(req.headers['x-api-version']));
		this.countSignIn();
		const access = this.tokens.open(randomBytes(24).toString('base64url'));
		const refresh = randomBytes(24).toString('base64url');
		this.#refreshTokens.set(refresh, true);
		this.issuedTokens.push(access, refresh);
		const issued = new Date();
		return {
			status: 200,
			body: {
				access_token: access,
				token_type: 'bearer',
				refresh_token: refresh,
				expires_in: Math.round(this.tokenTtlMs / 1000),
				'.issued': issued.toISOString(),
				'.expires': new Date(issued.getTime() + this.tokenTtlMs).toISOString(),
			},
		};
	}

	/** skip and limit as the server reads them; limit capped by the server. @param {SimRequest} req */
	#paging(req) {
		const skip = Number(req.query.get('skip') ?? 0);
		const limit = Number(req.query.get('limit') ?? DEFAULT_LIMIT);
		if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(limit) || limit < 1) return undefined;
		return { skip, limit: this.pageSizeOf(limit) };
	}

	/** @param {SimRequest} req @param {any[]} rows @param {(row: any) => any} show @returns {SimResponse} */
	#page(req, rows, show) {
		const paging = this.#paging(req);
		if (!paging) return this.#error(req, 400, 'skip and limit are whole numbers (limit at least 1).');
		const data = rows.slice(paging.skip, paging.skip + paging.limit).map(show);
		return { status: 200, body: { data, pagination: { total: rows.length, count: data.length, skip: paging.skip, limit: paging.limit } } };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#listSessions(req) {
		const q = req.query;
		const column = q.get('orderColumn') ?? 'CreationTime';
		if (!ORDER_COLUMNS.includes(column)) return this.#error(req, 400, `The orderColumn ${column} is not supported.`);
		/** @param {string} name */
		const time = (name) => {
			const v = q.get(name);
			return v === null ? undefined : Date.parse(v);
		};
		const [after, before, endedAfter, endedBefore] = ['createdAfterFilter', 'createdBeforeFilter', 'endedAfterFilter', 'endedBeforeFilter'].map(time);
		if ([after, before, endedAfter, endedBefore].some((t) => t !== undefined && !Number.isFinite(t))) return this.#error(req, 400, 'A date filter is not a date-time.');
		const types = q.getAll('typeFilter');
		const name = q.get('nameFilter');
		const nameRe = name === null ? undefined : new RegExp(`^${name.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
		// Filters read each session as it is now, without moving it on; only what the answer shows moves.
		const rows = [...this.#sessions.values()].filter((s) => {
			const m = this.#model(s);
			const ended = m.endTime === null ? undefined : Date.parse(m.endTime);
			if (after !== undefined && s.seed.createdAt <= after) return false;
			if (before !== undefined && s.seed.createdAt >= before) return false;
			if (endedAfter !== undefined && (ended === undefined || ended <= endedAfter)) return false;
			if (endedBefore !== undefined && (ended === undefined || ended >= endedBefore)) return false;
			if (types.length > 0 && !types.includes(m.sessionType)) return false;
			if (q.has('stateFilter') && m.state !== q.get('stateFilter')) return false;
			if (q.has('resultFilter') && m.result.result !== q.get('resultFilter')) return false;
			if (q.has('jobIdFilter') && s.seed.jobId !== String(q.get('jobIdFilter')).toLowerCase()) return false;
			if (nameRe && !nameRe.test(m.name)) return false;
			return true;
		});
		const asc = q.get('orderAsc') === 'true';
		/** @param {Session} s */
		const key = (s) => {
			const m = this.#model(s);
			if (column === 'CreationTime') return s.seed.createdAt;
			if (column === 'EndTime') return m.endTime ?? '';
			if (column === 'Result') return m.result.result;
			return String(/** @type {any} */ (m)[column[0].toLowerCase() + column.slice(1)] ?? '');
		};
		rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1));
		return this.#page(req, rows, (s) => this.#show(s));
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#getSession(req) {
		const s = this.#sessions.get(req.params.id.toLowerCase());
		return s ? { status: 200, body: this.#show(s) } : this.#error(req, 404, `Session ${req.params.id} was not found.`, 'NotFound');
	}

	/** The job's sessions, newest first. @param {string} jobId */
	#sessionsOf(jobId) {
		return [...this.#sessions.values()].filter((s) => s.seed.jobId === jobId).sort((a, b) => b.seed.createdAt - a.seed.createdAt);
	}

	/** @param {SimRequest} req @param {boolean} states @returns {SimResponse} */
	#listJobs(req, states) {
		const name = req.query.get('nameFilter');
		const nameRe = name === null ? undefined : new RegExp(`^${name.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
		const jobs = [...this.#jobs.values()].filter((j) => !nameRe || nameRe.test(j.name)).sort((a, b) => a.name.localeCompare(b.name));
		return this.#page(req, jobs, (job) => {
			const base = { id: job.id, name: job.name, type: job.type ?? 'Backup', description: `Created by the simulator.`, isDisabled: false };
			if (!states) return base;
			const [last] = this.#sessionsOf(job.id.toLowerCase());
			const now = last && this.#current(last);
			return {
				...base,
				status: now && now.state !== 'Stopped' ? 'running' : 'inactive',
				lastRun: last ? new Date(last.seed.createdAt).toISOString() : null,
				lastResult: now ? (now.state === 'Stopped' ? now.result ?? 'None' : 'None') : 'None',
				nextRun: null,
				workload: 'Vm',
				repositoryName: 'Default Backup Repository',
				objectsCount: 2,
				sessionId: last?.seed.id ?? null,
			};
		});
	}

	/**
	 * `POST /api/v1/jobs/{id}/start|stop|retry` → 201 and the session model. Start refuses while a session
	 * of the job runs, Retry unless its newest session failed (400, as the server reports them); Stop ends the
	 * running session, Failed and canceled. @param {SimRequest} req @returns {SimResponse}
	 */
	#jobAction(req) {
		const jobId = req.params.id.toLowerCase();
		const job = this.#jobs.get(jobId);
		if (!job) return this.#error(req, 404, `Job ${req.params.id} was not found.`, 'NotFound');
		const action = req.params.action;
		if (!['start', 'stop', 'retry'].includes(action)) return this.#error(req, 404, `The action ${action} does not exist.`, 'NotFound');
		const sessions = this.#sessionsOf(jobId);
		const running = sessions.find((s) => this.#current(s).state !== 'Stopped');
		const refuse = (/** @type {string} */ message) => {
			this.jobActions.push({ jobId, action, refused: true });
			return this.#error(req, 400, message, 'InvalidOperation');
		};
		if (action === 'stop') {
			if (!running) return refuse(`Job '${job.name}' is not running.`);
			running.seed.steps = [...running.seed.steps.slice(0, running.step), { state: 'Stopping', result: 'None', progress: 60 }, { state: 'Stopped', result: 'Failed', progress: 60, isCanceled: true }];
			running.step = Math.min(running.step, running.seed.steps.length - 1);
			running.seed.message = 'Job has been stopped by user.';
			this.jobActions.push({ jobId, action, sessionId: running.seed.id });
			return { status: 201, body: this.#show(running) };
		}
		if (running) return refuse(`Job '${job.name}' is already running.`);
		if (action === 'retry' && (!sessions[0] || this.#current(sessions[0]).result !== 'Failed')) return refuse(`Job '${job.name}' cannot be retried: its last session did not fail.`);
		const id = this.addSession({ jobId, steps: this.jobStartSteps });
		this.jobActions.push({ jobId, action, sessionId: id });
		return { status: 201, body: this.#show(/** @type {Session} */ (this.#sessions.get(id))) };
	}
}

/** @param {number} status */
function codeOf(status) {
	return { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 415: 'UnsupportedMediaType', 429: 'TooManyRequests', 500: 'UnknownError', 503: 'ServiceUnavailable' }[status] ?? 'Error';
}

module.exports = { VeeamBrSimulator, JOBS, SESSIONS, SEED_TIME, ALL_VERSIONS };
