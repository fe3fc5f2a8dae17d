// @ts-check
'use strict';
/**
 * Veeam Backup Enterprise Manager REST API simulator (port 9398, /api; see
 * /work/shared/reference/veeam-enterprise-manager.md): Basic sign-in at `POST /api/sessionMngr/?v=latest`
 * (201, the token in the `X-RestSvcSessionId` header and cookie; the cookie wins when both are sent),
 * an account without an Enterprise Manager role refused with 401, sessions that idle out (15 minutes,
 * configurable) or after a request budget, XML by default and JSON on `Accept: application/json` with
 * v12 PascalCase or v13 camelCase keys, CDP replica task sessions (Pending → InProgress → Completed) and
 * backup job sessions (Starting → Working → Stopped) that move one step per answer showing them, the
 * query API (`type`, `format=Entities`, `filter` with `== != > < >= <=`, `;` AND, `,` OR, parentheses,
 * quoted values with doubled quotes, `sortAsc`/`sortDesc`, `pageSize`/`page` with PagingInfo), `<Error>`
 * bodies, and every fault mode of the framework.
 */
const { randomBytes, randomUUID } = require('node:crypto');
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');
const { VeeamRestores } = require('./veeamRestores');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 *
 * @typedef {{ state: string, result?: string, progress?: number }} Step
 *
 * @typedef {object} CdpSeed
 * @property {string} [id] GUID; default random.
 * @property {string} [vm] VmDisplayName (default virt03-ubuntu01).
 * @property {Step[]} steps One per answer that shows the session; the last stays.
 * @property {string} [reason] Shown once the session is Completed.
 * @property {number} [createdAt] Epoch ms; default now.
 * @property {number} [totalSize]
 * @property {boolean} [listed] false: left out of query answers, read by ID only.
 *
 * @typedef {object} BackupSeed
 * @property {string} [id] GUID; default random.
 * @property {string} jobId The job's GUID (a job of `jobs`).
 * @property {Step[]} steps
 * @property {string} [failureMessage] Shown once the session is Stopped.
 * @property {number} [createdAt] Epoch ms; default now.
 * @property {string} [jobType] Default Backup.
 * @property {boolean} [isRetry]
 * @property {boolean} [listed] false: left out of query answers (EM has not collected it yet), read by ID only.
 *
 * @typedef {{ id: string, name: string, jobType?: string }} JobSeed
 *
 * @typedef {object} VeeamOptions
 * @property {string} [username]
 * @property {string} [password]
 * @property {string} [noRoleUsername] An account whose password is right but has no EM role (401).
 * @property {number} [idleMs] Idle timeout of a logon session (default 15 min).
 * @property {number} [sessionMaxRequests] Requests a logon session serves before it expires.
 * @property {'v12' | 'v13'} [casing] JSON key casing: v12 PascalCase, v13 camelCase.
 * @property {JobSeed[]} [jobs]
 * @property {CdpSeed[]} [cdpSessions]
 * @property {BackupSeed[]} [backupSessions]
 * @property {import('./veeamRestores').RestorePointSeed[]} [restorePoints] Default: the seeded sessions' (veeamRestores.js).
 * @property {import('./veeamRestores').RestoreSessionSeed[]} [restoreSessions]
 * @property {number} [latencyMs]
 */

const NS = 'http://www.veeam.com/ent/v1.0';
const HOST = 'https://localhost:9398/api';
const BACKUP_SERVER = { id: 'cca0b96b-4924-4461-8899-b831bc00176e', name: 'enterprise03.tech.local' };

/** The default sessions started an hour before the module loaded: every simulator of a run has the same times. */
const SEED_TIME = Date.now() - 3600_000;

const JOBS = {
	fileserver: '4856ab37-2235-45e8-affe-d515878b01a9',
	sql: '7a1c3e55-90b2-4f6e-8d21-3b5f0c9e6a10',
	exchange: 'b2e9d4f1-6c3a-4e8b-9f07-1d2c3b4a5e6f',
};

/** The steps of a session Start or Retry makes, until told otherwise. @type {Step[]} */
const JOB_START_STEPS = [{ state: 'Starting', result: 'None', progress: 0 }, { state: 'Working', result: 'None', progress: 50 }, { state: 'Stopped', result: 'Success', progress: 100 }];

/** A job whose name holds every character of the filter syntax: the node must quote it. */
const HOSTILE_JOB_NAME = 'Exchange "Mail"; Daily, State==Stopped';

/** @returns {JobSeed[]} */
function defaultJobs() {
	return [
		{ id: JOBS.fileserver, name: 'Fileserver Backup' },
		{ id: JOBS.sql, name: 'SQL Nightly' },
		{ id: JOBS.exchange, name: HOSTILE_JOB_NAME },
	];
}

/** @returns {CdpSeed[]} */
function defaultCdpSessions() {
	const t = SEED_TIME;
	return [
		// the seed's example session: queued, running, then completed
		{ id: '2ec4d35f-b5d8-4cb3-9d11-12e1d5792625', vm: 'virt03-ubuntu01', createdAt: t, steps: [{ state: 'Pending', result: 'Success' }, { state: 'InProgress', result: 'Success' }, { state: 'Completed', result: 'Success' }] },
		{ id: '5b0e8c1a-3f4d-4e2b-a6c7-8d9e0f1a2b3c', vm: 'virt04-web01', createdAt: t + 60_000, steps: [{ state: 'Completed', result: 'Warning' }], reason: 'The replica disk was resized; the next sync transfers the whole disk.' },
		{ id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', vm: 'virt05-db01', createdAt: t + 120_000, steps: [{ state: 'InProgress', result: 'Success' }, { state: 'Completed', result: 'Failed' }], reason: 'Lost connection to the source proxy.' },
	];
}

/** @returns {BackupSeed[]} */
function defaultBackupSessions() {
	const t = SEED_TIME;
	return [
		{ id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', jobId: JOBS.fileserver, createdAt: t - 86_400_000, steps: [{ state: 'Stopped', result: 'Failed', progress: 100 }], failureMessage: 'Access denied to the repository.' },
		{ id: 'd46e39e0-1131-4585-91a7-e828ce7eafae', jobId: JOBS.fileserver, createdAt: t, steps: [{ state: 'Stopped', result: 'Success', progress: 100 }] },
		{
			id: '3c602890-209d-4a99-8d7b-208a7134fc97',
			jobId: JOBS.sql,
			createdAt: t + 60_000,
			steps: [{ state: 'Starting', result: 'None', progress: 0 }, { state: 'Working', result: 'None', progress: 42 }, { state: 'Stopped', result: 'Warning', progress: 100 }],
			failureMessage: 'Changed block tracking is disabled on sql01; the backup read the whole disk.',
		},
		// the newest run of Fileserver Backup: what the example waits for
		{ id: 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9', jobId: JOBS.fileserver, createdAt: t + 180_000, steps: [{ state: 'Working', result: 'None', progress: 30 }, { state: 'Working', result: 'None', progress: 70 }, { state: 'Stopped', result: 'Success', progress: 100 }] },
		{ id: '21d5e924-0318-497f-8f13-1d94d3d86ddb', jobId: JOBS.exchange, createdAt: t + 120_000, steps: [{ state: 'Stopped', result: 'Failed', progress: 100 }], failureMessage: 'The mailbox database is dismounted.' },
	];
}

/** Enum fields compare by their order, as Veeam documents (`Result>=Warning` is "not successful"). */
const ENUMS = {
	state: ['Starting', 'Pending', 'Working', 'InProgress', 'Pausing', 'Resuming', 'Stopping', 'Stopped', 'Completed'],
	result: ['None', 'Success', 'Warning', 'Failed'],
};

/** @param {unknown} v */
const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** @param {string} key */
const camel = (key) => (key === 'UID' ? 'uid' : key[0].toLowerCase() + key.slice(1));

/** v13 JSON: the same structure with camelCase keys. @param {any} value @returns {any} */
function camelCase(value) {
	if (Array.isArray(value)) return value.map(camelCase);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelCase(v)]));
}

/**
 * An entity as Veeam's XML: the named keys as attributes, `Links` as `<Links><Link …/></Links>`,
 * other scalars as child elements, nulls left out; a nested object as a child element.
 * @param {string} name @param {Record<string, any>} value @param {string[]} attributes @param {boolean} [root]
 * @returns {string}
 */
function toXml(name, value, attributes, root = false) {
	const attrs = [root ? ` xmlns="${NS}"` : ''];
	const children = [];
	for (const [k, v] of Object.entries(value)) {
		if (v === null || v === undefined) continue;
		if (attributes.includes(k)) attrs.push(` ${k}="${esc(v)}"`);
		else if (k === 'Links') children.push(`<Links>${v.map((/** @type {any} */ l) => toXml('Link', l, Object.keys(l))).join('')}</Links>`);
		else if (typeof v === 'object') children.push(v.__xml ?? toXml(k, v, v.__attributes ?? []));
		else children.push(`<${k}>${esc(v)}</${k}>`);
	}
	return children.length ? `<${name}${attrs.join('')}>${children.join('')}</${name}>` : `<${name}${attrs.join('')} />`;
}

/** @param {string} text */
function parseBasic(text) {
	const m = /^Basic\s+(.+)$/i.exec(text);
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// ---- the query filter -------------------------------------------------------------------------------

/**
 * @typedef {{ t: 'op' | 'sep' | 'paren' | 'word' | 'string', v: string }} Token
 * @typedef {{ and: Node[] } | { or: Node[] } | { field: string, op: string, value: string }} Node
 */

/** @param {string} text @returns {Token[]} */
function tokenize(text) {
	/** @type {Token[]} */
	const tokens = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === '"') {
			let value = '';
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated string in filter');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i++];
			}
			tokens.push({ t: 'string', v: value });
		} else if (c === ';' || c === ',') {
			tokens.push({ t: 'sep', v: c });
			i++;
		} else if (c === '(' || c === ')') {
			tokens.push({ t: 'paren', v: c });
			i++;
		} else if ('=!<>'.includes(c)) {
			const two = text.slice(i, i + 2);
			const op = ['==', '!=', '>=', '<='].includes(two) ? two : c;
			if (op === '=' || op === '!') throw new Error(`bad operator at ${i}`);
			tokens.push({ t: 'op', v: op });
			i += op.length;
		} else if (c === ' ') {
			i++;
		} else {
			let word = '';
			while (i < text.length && !'";,()=!<> '.includes(text[i])) word += text[i++];
			tokens.push({ t: 'word', v: word });
		}
	}
	return tokens;
}

/**
 * `,` (OR) binds looser than `;` (AND), as in FIQL; parentheses group.
 * @param {string} text @returns {Node}
 */
function parseFilter(text) {
	const tokens = tokenize(text);
	let pos = 0;
	const peek = () => tokens[pos];
	/** @returns {Node} */
	const primary = () => {
		const token = tokens[pos++];
		if (!token) throw new Error('filter ends early');
		if (token.t === 'paren' && token.v === '(') {
			const inner = or();
			const close = tokens[pos++];
			if (!close || close.v !== ')') throw new Error('missing ) in filter');
			return inner;
		}
		if (token.t !== 'word') throw new Error(`a field name was expected, not ${token.v}`);
		const op = tokens[pos++];
		if (!op || op.t !== 'op') throw new Error(`an operator was expected after ${token.v}`);
		const value = tokens[pos++];
		if (!value || (value.t !== 'word' && value.t !== 'string')) throw new Error(`a value was expected after ${token.v}${op.v}`);
		return { field: token.v, op: op.v, value: value.v };
	};
	/** @returns {Node} */
	const and = () => {
		const parts = [primary()];
		while (peek()?.t === 'sep' && peek().v === ';') {
			pos++;
			parts.push(primary());
		}
		return parts.length === 1 ? parts[0] : { and: parts };
	};
	/** @returns {Node} */
	const or = () => {
		const parts = [and()];
		while (peek()?.t === 'sep' && peek().v === ',') {
			pos++;
			parts.push(and());
		}
		return parts.length === 1 ? parts[0] : { or: parts };
	};
	const tree = or();
	if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos].v} in filter`);
	return tree;
}

/** @param {string} field @param {unknown} a @param {string} b @returns {number} */
function compareValues(field, a, b) {
	const lower = field.toLowerCase();
	if (lower === 'state' || lower === 'result') {
		const order = ENUMS[lower];
		return order.indexOf(String(a)) - order.indexOf(b);
	}
	if (/time/i.test(field)) return (Date.parse(String(a)) || 0) - Date.parse(b);
	if (typeof a === 'number') return a - Number(b);
	return String(a ?? '') < b ? -1 : String(a ?? '') > b ? 1 : 0;
}

/** @param {Node} node @param {(field: string) => unknown} valueOf @returns {boolean} */
function matches(node, valueOf) {
	if ('and' in node) return node.and.every((n) => matches(n, valueOf));
	if ('or' in node) return node.or.some((n) => matches(n, valueOf));
	const value = valueOf(node.field);
	if (value === undefined) throw new Error(`the field ${node.field} cannot be filtered`);
	if (value === null) return node.op === '!=';
	const diff = compareValues(node.field, value, node.value);
	switch (node.op) {
		case '==':
			return diff === 0;
		case '!=':
			return diff !== 0;
		case '>':
			return diff > 0;
		case '<':
			return diff < 0;
		case '>=':
			return diff >= 0;
		default:
			return diff <= 0;
	}
}

// ---- the simulator -----------------------------------------------------------------------------------

/** @typedef {{ id: string, operation: string, polls: number, success: boolean, message: string, related?: { type: string, href: string } }} SimTask */

/** @typedef {{ kind: 'cdp', seed: CdpSeed & { id: string, createdAt: number }, step: number } | { kind: 'backup', seed: BackupSeed & { id: string, createdAt: number }, step: number }} Session */

class VeeamSimulator extends SimulatorServer {
	/** @type {Map<string, Session>} */
	#sessions = new Map();
	/** @type {Map<string, JobSeed>} */
	#jobs = new Map();
	#logons = new SessionStore();
	/** The logon session GUIDs (for logoff) by token. @type {Map<string, string>} */
	#logonIds = new Map();
	/** @type {VeeamOptions} */
	#options;
	/** A sign-in refused inside an HTTP 200 answer (see refuseSignInWithOk). @type {{ message: string, xml: boolean } | undefined} */
	#okRefusal;
	/** Tasks of job actions and restores by id. @type {Map<string, SimTask>} */
	#tasks = new Map();
	/** Sessions started by Start or Retry since the last reset. @type {Array<{ jobId: string, action: string, sessionId: string }>} */
	jobStarts = [];
	/** Every job action received, refused or not. @type {Array<{ jobId: string, action: string, success: boolean }>} */
	jobActions = [];
	/** The steps of a session Start or Retry makes. @type {Step[]} */
	jobStartSteps = structuredClone(JOB_START_STEPS);

	/** @param {VeeamOptions} [options] */
	constructor(options = {}) {
		super({
			name: 'veeam',
			latencyMs: options.latencyMs,
			// Framework-made errors (faults, crashes) in the JSON form of `<Error>`.
			errorBody: (status, message) => ({ Message: message, StatusCode: status, Status: statusName(status), FirstChanceExceptionMessage: null, StackTrace: null }),
		});
		this.#options = structuredClone(options);
		this.username = options.username ?? 'TECH\\svc-n8n';
		this.password = options.password ?? 'Sim-Veeam-1!';
		this.noRoleUsername = options.noRoleUsername ?? 'TECH\\no-role';
		this.idleMs = options.idleMs ?? 15 * 60_000;
		/** @type {'v12' | 'v13'} */
		this.casing = options.casing ?? 'v12';
		this.#logons.maxRequests = options.sessionMaxRequests ?? Infinity;
		/** Logoffs received (logon session GUIDs). @type {string[]} */
		this.logoffs = [];
		/** Restore points, restores and restore sessions (veeamRestores.js). */
		this.restores = new VeeamRestores(
			{
				href: HOST,
				backupServer: BACKUP_SERVER,
				answer: (req, status, root, body, attributes) => this.#answer(req, status, root, body, attributes),
				error: (req, status, message) => this.#error(req, status, message),
				startTask: (req, task) => {
					const started = { ...task, id: `task-${this.#tasks.size + 1}`, polls: 0 };
					this.#tasks.set(started.id, started);
					return this.#task(req, started, 202);
				},
				controlRoute: (method, path, handler) => this.controlRoute(method, path, handler),
			},
			{ seedTime: SEED_TIME, restorePoints: options.restorePoints, restoreSessions: options.restoreSessions },
		);
		this.reset();

		this.route('GET', '/api/', () => this.#root(), { session: true });
		this.route('POST', '/api/sessionMngr/', (req) => this.#signIn(req), { session: true });
		this.route('POST', '/api/sessionMngr', (req) => this.#signIn(req), { session: true });
		this.route('DELETE', '/api/logonSessions/:id', this.#authed((req) => this.#logoff(req)), { session: true });
		this.route('GET', '/api/cdpReplicaTaskSessions/:id', this.#authed((req) => this.#entity(req, 'cdp')));
		this.route('GET', '/api/backupSessions/:id', this.#authed((req) => this.#entity(req, 'backup')));
		this.route('GET', '/api/query', this.#authed((req) => this.#query(req)));
		this.route('POST', '/api/jobs/:id', this.#authed((req) => this.#startJob(req)));
		this.route('GET', '/api/tasks/:id', this.#authed((req) => this.#getTask(req)));
		this.route('GET', '/api/vmRestorePoints/:id', this.#authed((req) => this.restores.vmRestorePoint(req)));
		this.route('POST', '/api/vmRestorePoints/:id', this.#authed((req) => this.restores.restore(req)));
		this.route('GET', '/api/restoreSessions/:id', this.#authed((req) => this.restores.restoreSession(req)));
		this.controlRoute('GET', '/__sim/job-starts', () => this.jobStarts);
		// For the end-to-end tests: the steps of the next sessions Start or Retry make (a reset restores them).
		this.controlRoute('POST', '/__sim/job-start-steps', (json) => {
			if (!Array.isArray(json?.steps) || json.steps.length === 0) throw new Error('job-start-steps is {"steps": [{"state": "Working", "result": "None"}, …]}');
			this.jobStartSteps = json.steps.map((/** @type {any} */ step) => ({ state: String(step.state), result: String(step.result), progress: Number(step.progress ?? 0) }));
			return { steps: this.jobStartSteps };
		});
		this.controlRoute('POST', '/__sim/sessions', (json) => ({ id: this.addSession(json) }));
		this.controlRoute('POST', '/__sim/casing', (json) => {
			if (json.casing !== 'v12' && json.casing !== 'v13') throw new Error('casing is "v12" or "v13"');
			this.casing = json.casing;
			return { casing: this.casing };
		});
	}

	describe() {
		return { username: this.username, password: this.password, noRoleUsername: this.noRoleUsername };
	}

	reset() {
		this.#logons.clear();
		this.#logonIds.clear();
		this.logoffs = [];
		this.#jobs.clear();
		for (const job of this.#options.jobs ?? defaultJobs()) this.#jobs.set(job.id, job);
		this.#sessions.clear();
		this.#okRefusal = undefined;
		this.#tasks.clear();
		this.jobStarts = [];
		this.jobActions = [];
		this.jobStartSteps = structuredClone(JOB_START_STEPS);
		for (const seed of this.#options.cdpSessions ?? defaultCdpSessions()) this.addSession({ ...seed, kind: 'cdp' });
		for (const seed of this.#options.backupSessions ?? defaultBackupSessions()) this.addSession({ ...seed, kind: 'backup' });
		this.restores?.reset();
	}

	/**
	 * Every sign-in from now on answers HTTP 200 with Enterprise Manager's `<Error>` document (XML even
	 * when JSON was asked for, with `xml`), as a server behind some proxies and in some failure states
	 * does; `undefined` ends it. @param {string | undefined} message @param {{ xml?: boolean }} [options]
	 */
	refuseSignInWithOk(message, options = {}) {
		this.#okRefusal = message === undefined ? undefined : { message, xml: options.xml === true };
	}

	expireSessions() {
		this.#logons.clear();
		this.#logonIds.clear();
	}

	/** The live logon sessions' tokens, for tests. */
	get liveTokens() {
		return [...this.#logonIds.keys()];
	}

	/** POST /__sim/seed `{ cdpSessions?: CdpSeed[], backupSessions?: BackupSeed[], jobs?: JobSeed[] }`. @param {any} body */
	seed(body) {
		if (!body || (!Array.isArray(body.cdpSessions) && !Array.isArray(body.backupSessions) && !Array.isArray(body.jobs))) {
			throw new Error('a Veeam seed is {"cdpSessions": [...], "backupSessions": [...], "jobs": [...]}');
		}
		for (const job of body.jobs ?? []) this.#jobs.set(job.id, job);
		for (const s of body.cdpSessions ?? []) this.addSession({ ...s, kind: 'cdp' });
		for (const s of body.backupSessions ?? []) this.addSession({ ...s, kind: 'backup' });
	}

	/**
	 * Adds a session: `{kind: 'cdp' | 'backup', …seed}`; a backup session of an unknown job gets one.
	 * Without steps, it runs once and then succeeds. @param {any} seed @returns {string}
	 */
	addSession(seed) {
		const id = String(seed.id ?? randomUUID()).toLowerCase();
		const kind = seed.kind === 'cdp' ? 'cdp' : 'backup';
		const steps = Array.isArray(seed.steps) && seed.steps.length
			? seed.steps
			: kind === 'cdp'
				? [{ state: 'InProgress', result: 'Success' }, { state: 'Completed', result: 'Success' }]
				: [{ state: 'Working', result: 'None', progress: 50 }, { state: 'Stopped', result: 'Success', progress: 100 }];
		if (kind === 'backup') {
			const jobId = String(seed.jobId ?? JOBS.fileserver);
			if (!this.#jobs.has(jobId)) this.#jobs.set(jobId, { id: jobId, name: seed.jobName ?? `Job ${jobId.slice(0, 8)}` });
			this.#sessions.set(id, { kind, seed: { ...seed, id, jobId, steps, createdAt: seed.createdAt ?? Date.now() }, step: 0 });
		} else {
			this.#sessions.set(id, { kind, seed: { ...seed, id, steps, createdAt: seed.createdAt ?? Date.now() }, step: 0 });
		}
		return id;
	}

	/** How many answers showed the session so far. @param {string} id */
	sessionPolls(id) {
		return this.#sessions.get(id)?.step ?? 0;
	}

	// ---- formats ----

	/** @param {SimRequest} req */
	#wantsJson(req) {
		return /json/i.test(String(req.headers.accept ?? ''));
	}

	/**
	 * XML by default, JSON on Accept (camelCase in v13).
	 * @param {SimRequest} req @param {number} status @param {string} root @param {Record<string, any>} body
	 * @param {string[]} attributes @param {Record<string, string>} [headers] @returns {SimResponse}
	 */
	#answer(req, status, root, body, attributes, headers = {}) {
		if (this.#wantsJson(req)) {
			return { status, headers, body: this.casing === 'v13' ? camelCase(body) : body };
		}
		return { status, headers, rawBody: `<?xml version="1.0" encoding="utf-8"?>\n${toXml(root, body, attributes, true)}`, contentType: 'application/xml; charset=utf-8' };
	}

	/** `<Error Message StatusCode Status/>`, or its JSON form. @param {SimRequest} req @param {number} status @param {string} message */
	#error(req, status, message, headers = {}) {
		const body = { Message: message, StatusCode: status, Status: statusName(status), FirstChanceExceptionMessage: null, StackTrace: null };
		return this.#answer(req, status, 'Error', body, ['Message', 'StatusCode', 'Status'], headers);
	}

	// ---- sign-in ----

	#root() {
		return { status: 200, rawBody: `<EnterpriseManager xmlns="${NS}"><SupportedVersions><SupportedVersion Name="v1_7"/></SupportedVersions></EnterpriseManager>`, contentType: 'application/xml' };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#signIn(req) {
		if (this.#okRefusal) {
			const { message, xml } = this.#okRefusal;
			const error = this.#error(xml ? { ...req, headers: { ...req.headers, accept: 'application/xml' } } : req, 500, message);
			return { ...error, status: 200 };
		}
		const basic = parseBasic(String(req.headers.authorization ?? ''));
		const realm = { 'www-authenticate': 'Basic Realm=RestSvc' };
		if (!basic || basic.password !== this.password || ![this.username, this.noRoleUsername].includes(basic.user)) {
			return this.#error(req, 401, 'Authentication failed. Invalid username or password.', realm);
		}
		if (basic.user === this.noRoleUsername) {
			// Enterprise Manager refuses an account without a role the same way: 401, nothing more.
			return this.#error(req, 401, 'Access denied. The user has no Enterprise Manager role.', realm);
		}
		this.countSignIn();
		const token = this.#logons.open(randomBytes(16).toString('base64'));
		const logonId = randomUUID();
		this.#logonIds.set(token, logonId);
		const href = `${HOST}/logonSessions/${logonId}`;
		const body = {
			Type: 'LogonSession',
			Href: href,
			Links: [
				{ Rel: 'Up', Type: 'EnterpriseManager', Href: `${HOST}/` },
				{ Rel: 'Down', Type: 'QueryService', Href: `${HOST}/querySvc` },
				{ Rel: 'Delete', Href: href },
			],
			UserName: this.username,
			SessionId: logonId,
		};
		return this.#answer(req, 201, 'LogonSession', body, ['Type', 'Href'], {
			'x-restsvcsessionid': token,
			'set-cookie': `X-RestSvcSessionId=${token}; Path=/api;`,
		});
	}

	/**
	 * The token from the cookie, else the header: the cookie wins when both are sent. A session unused
	 * for `idleMs` has expired.
	 * @param {(req: SimRequest) => SimResponse} handler @returns {(req: SimRequest) => SimResponse}
	 */
	#authed(handler) {
		return (req) => {
			const cookie = /(?:^|;\s*)X-RestSvcSessionId=([^;]+)/i.exec(String(req.headers.cookie ?? ''));
			const token = cookie ? cookie[1] : String(req.headers['x-restsvcsessionid'] ?? '') || undefined;
			const known = this.#logons.get(token);
			if (known && Date.now() - known.lastAccessed.getTime() > this.idleMs) this.#logons.close(token);
			if (!this.#logons.use(token)) return this.#error(req, 401, 'Session not found or expired.');
			return handler(req);
		};
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#logoff(req) {
		const id = req.params.id;
		const token = [...this.#logonIds.entries()].find(([, logonId]) => logonId === id)?.[0];
		if (!token) return this.#error(req, 404, `Logon session ${id} not found.`);
		this.#logons.close(token);
		this.#logonIds.delete(token);
		this.logoffs.push(id);
		return { status: 204 };
	}

	// ---- sessions ----

	/** The session's current step; each answer that shows it moves it one step on. @param {Session} s */
	#advance(s) {
		const step = s.seed.steps[Math.min(s.step, s.seed.steps.length - 1)];
		s.step++;
		return step;
	}

	/** @param {Session} s @param {Step} step @returns {Record<string, any>} the entity, PascalCase */
	#entityOf(s, step) {
		const created = new Date(s.seed.createdAt).toISOString();
		const done = s.kind === 'cdp' ? step.state === 'Completed' : step.state === 'Stopped';
		const ended = done ? new Date(s.seed.createdAt + 17 * 60_000).toISOString() : null;
		const name = (/** @type {string} */ who) => `${who}@${created.slice(0, 19).replace('T', ' ')}`;
		if (s.kind === 'cdp') {
			const vm = s.seed.vm ?? 'virt03-ubuntu01';
			const policy = 'CDP Policy 1@' + created.slice(0, 10);
			return {
				Type: 'CdpReplicaTaskSession',
				Href: `${HOST}/cdpReplicaTaskSessions/${s.seed.id}?format=Entity`,
				Name: name(vm),
				UID: `urn:veeam:CdpReplicaTaskSession:${s.seed.id}`,
				VmDisplayName: vm,
				Links: [
					{ Rel: 'Up', Type: 'BackupServerReference', Href: `${HOST}/backupServers/${BACKUP_SERVER.id}`, Name: BACKUP_SERVER.name },
					{ Rel: 'Up', Type: 'CdpReplicaSessionReference', Href: `${HOST}/cdpReplicaSessions/6b872a71-51e8-437a-8d45-5c6494b92f3f`, Name: policy },
					{ Rel: 'Alternate', Type: 'CdpReplicaTaskSessionReference', Href: `${HOST}/cdpReplicaTaskSessions/${s.seed.id}`, Name: name(vm) },
				],
				PolicySessionUid: 'urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f',
				CreationTimeUTC: created,
				EndTimeUTC: ended,
				State: step.state,
				Result: step.result ?? null,
				Reason: done && step.result !== 'Success' ? (s.seed.reason ?? null) : null,
				TotalSize: done && step.result === 'Failed' ? 0 : (s.seed.totalSize ?? 17179869184),
			};
		}
		const job = this.#jobs.get(s.seed.jobId) ?? { id: s.seed.jobId, name: 'Unknown job' };
		return {
			Type: 'BackupJobSession',
			Href: `${HOST}/backupSessions/${s.seed.id}?format=Entity`,
			Name: name(job.name),
			UID: `urn:veeam:BackupJobSession:${s.seed.id}`,
			Links: [
				{ Rel: 'Up', Type: 'BackupServerReference', Href: `${HOST}/backupServers/${BACKUP_SERVER.id}`, Name: BACKUP_SERVER.name },
				{ Rel: 'Up', Type: 'JobReference', Href: `${HOST}/jobs/${job.id}`, Name: job.name },
				{ Rel: 'Alternate', Type: 'BackupJobSessionReference', Href: `${HOST}/backupSessions/${s.seed.id}`, Name: name(job.name) },
				...this.restores.sessionLinks(s.seed.id, done && step.result !== 'Failed'),
			],
			JobUid: `urn:veeam:Job:${job.id}`,
			JobName: job.name,
			JobType: s.seed.jobType ?? job.jobType ?? 'Backup',
			CreationTimeUTC: created,
			EndTimeUTC: ended,
			State: step.state,
			Result: step.result ?? 'None',
			Progress: step.progress ?? (done ? 100 : 0),
			IsRetry: s.seed.isRetry === true,
			FailureMessage: done && step.result !== 'Success' ? (s.seed.failureMessage ?? null) : null,
		};
	}

	/** The query fields of a session, by their query names (reference §3, §4). @param {Session} s @param {Record<string, any>} e */
	#queryFields(s, e) {
		const server = { BackupServerUid: `urn:veeam:BackupServer:${BACKUP_SERVER.id}`, BackupServerName: BACKUP_SERVER.name };
		if (s.kind === 'cdp') {
			return {
				Id: e.UID, UID: e.UID, Name: e.Name, PolicySessionUid: e.PolicySessionUid, PolicySessionName: e.Links[1].Name, ...server,
				CreationTimeUTC: e.CreationTimeUTC, EndTimeUTC: e.EndTimeUTC, State: e.State, Result: e.Result, Reason: e.Reason, TotalSize: e.TotalSize, VmDisplayName: e.VmDisplayName,
			};
		}
		return {
			UID: e.UID, Name: e.Name, JobType: e.JobType, JobUid: e.JobUid, JobName: e.JobName, CreationTime: e.CreationTimeUTC, EndTime: e.EndTimeUTC,
			State: e.State, Result: e.Result, IsRetry: String(e.IsRetry), ...server,
		};
	}

	/** @param {SimRequest} req @param {'cdp' | 'backup'} kind @returns {SimResponse} */
	#entity(req, kind) {
		const id = req.params.id.toLowerCase();
		const s = this.#sessions.get(id);
		if (!s || s.kind !== kind) return this.#error(req, 404, `${kind === 'cdp' ? 'CdpReplicaTaskSession' : 'BackupJobSession'} ${req.params.id} was not found.`);
		const entity = this.#entityOf(s, this.#advance(s));
		if (req.query.get('format') !== 'Entity') {
			const ref = { Type: `${entity.Type}Reference`, Href: entity.Href.replace('?format=Entity', ''), Name: entity.Name, UID: entity.UID, Links: [{ Rel: 'Alternate', Type: entity.Type, Href: entity.Href, Name: entity.Name }] };
			return this.#answer(req, 200, 'EntityRef', ref, ['Type', 'Href', 'Name', 'UID']);
		}
		return this.#answer(req, 200, entity.Type, entity, entity.Type === 'CdpReplicaTaskSession' ? ['Type', 'Href', 'Name', 'UID', 'VmDisplayName'] : ['Type', 'Href', 'Name', 'UID']);
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#query(req) {
		const q = req.query;
		const type = q.get('type') ?? '';
		const kinds = { CdpReplicaTaskSession: 'cdp', BackupJobSession: 'backup' };
		const restoreRows = this.restores.queryRows(type);
		if (type !== 'Job' && !(type in kinds) && !restoreRows) return this.#error(req, 400, `The query type ${type || '(none)'} is not supported.`);
		let tree;
		try {
			tree = q.get('filter') ? parseFilter(String(q.get('filter'))) : undefined;
		} catch (err) {
			return this.#error(req, 400, `Invalid filter: ${/** @type {Error} */ (err).message}.`);
		}
		const asked = Number(q.get('pageSize') ?? 100);
		const page = Number(q.get('page') ?? 1);
		if (!Number.isInteger(asked) || asked < 1 || !Number.isInteger(page) || page < 1) return this.#error(req, 400, 'pageSize and page are positive whole numbers.');
		// Pages are numbered in the size the server answers with, which PagingInfo and its links show.
		const pageSize = this.pageSizeOf(asked);
		const sortField = q.get('sortDesc') ?? q.get('sortAsc');
		const descending = q.has('sortDesc');

		/** @type {Array<{ fields: Record<string, any>, entity: () => Record<string, any> }>} */
		let rows;
		if (restoreRows) {
			rows = restoreRows.rows;
		} else if (type === 'Job') {
			rows = [...this.#jobs.values()].map((job) => {
				const entity = { Type: 'Job', Href: `${HOST}/jobs/${job.id}?format=Entity`, Name: job.name, UID: `urn:veeam:Job:${job.id}`, JobType: job.jobType ?? 'Backup', Platform: 'VMware' };
				return { fields: { UID: entity.UID, Name: job.name, JobType: entity.JobType }, entity: () => entity };
			});
		} else {
			// Filtering reads each session as it is now, without moving it on; only what the answer shows moves.
			rows = [...this.#sessions.values()]
				.filter((s) => s.kind === kinds[/** @type {keyof typeof kinds} */ (type)] && s.seed.listed !== false)
				.map((s) => {
					const now = s.seed.steps[Math.min(s.step, s.seed.steps.length - 1)];
					return { fields: this.#queryFields(s, this.#entityOf(s, now)), entity: () => this.#entityOf(s, this.#advance(s)) };
				});
		}
		let selected;
		try {
			selected = tree ? rows.filter((r) => matches(tree, (field) => lookup(r.fields, field))) : rows;
		} catch (err) {
			return this.#error(req, 400, `Invalid filter: ${/** @type {Error} */ (err).message}.`);
		}
		if (sortField) {
			if (selected.some((r) => lookup(r.fields, sortField) === undefined)) return this.#error(req, 400, `The field ${sortField} cannot be sorted on.`);
			selected = [...selected].sort((a, b) => compareValues(sortField, lookup(a.fields, sortField), String(lookup(b.fields, sortField))) * (descending ? -1 : 1));
		}
		const pagesCount = Math.max(1, Math.ceil(selected.length / pageSize));
		const shown = selected.slice((page - 1) * pageSize, page * pageSize).map((r) => r.entity());
		const link = (/** @type {string} */ rel, /** @type {number} */ n) => ({ Rel: rel, Href: `${HOST}/query?type=${type}&format=Entities&pageSize=${pageSize}&page=${n}`, Name: null, Type: null });
		const links = [link('First', 1), ...(page > 1 ? [link('Prev', page - 1)] : []), ...(page < pagesCount ? [link('Next', page + 1)] : []), link('Last', pagesCount)];
		const listName = `${type}s`;
		if (this.#wantsJson(req)) {
			const entities = { CdpReplicaTaskSessions: null, BackupJobSessions: null, Jobs: null, RestoreSessions: null, VmRestorePoints: null, [listName]: { [listName]: shown } };
			const body = { Refs: null, Entities: entities, Resources: null, Links: null, PagingInfo: { Links: links, PageNum: page, PageSize: pageSize, PagesCount: pagesCount } };
			return { status: 200, body: this.casing === 'v13' ? camelCase(body) : body };
		}
		const attributes = restoreRows?.attributes ?? (type === 'CdpReplicaTaskSession' ? ['Type', 'Href', 'Name', 'UID', 'VmDisplayName'] : ['Type', 'Href', 'Name', 'UID']);
		const items = shown.map((e) => toXml(type, e, attributes)).join('');
		const linkXml = links.map((l) => `<Link Rel="${l.Rel}" Href="${esc(l.Href)}" />`).join('');
		const xml = `<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="${NS}"><Entities><${listName}>${items}</${listName}></Entities><PagingInfo PageNum="${page}" PageSize="${pageSize}" PagesCount="${pagesCount}"><Links>${linkXml}</Links></PagingInfo></QueryResult>`;
		return { status: 200, rawBody: xml, contentType: 'application/xml; charset=utf-8' };
	}

	/**
	 * The Task of a job action or a restore, as `POST …?action=…` and `GET /tasks/{ID}` show it; once
	 * Finished, a restore's Task links the restore session it started (`Rel="Related"`).
	 * @param {SimRequest} req @param {SimTask} task @param {number} status
	 */
	#task(req, task, status) {
		// Running on the answer to the action, Finished from the first read of the task on
		const state = task.polls++ === 0 ? 'Running' : 'Finished';
		const href = `${HOST}/tasks/${task.id}`;
		const related = state === 'Finished' && task.related ? [{ Rel: 'Related', Type: task.related.type, Href: task.related.href }] : [];
		const links = task.related ? { Links: [{ Rel: 'Delete', Type: 'Task', Href: href }, ...related] } : {};
		const body = { Type: 'Task', Href: href, ...links, TaskId: task.id, State: state, Operation: task.operation, ...(state === 'Finished' && { Result: { Success: String(task.success), Message: task.message } }) };
		if (this.#wantsJson(req)) return { status, body: this.casing === 'v13' ? camelCase(body) : body };
		const result = state === 'Finished' ? { __xml: `<Result Success="${task.success}"><Message>${esc(task.message)}</Message></Result>` } : undefined;
		return this.#answer(req, status, 'Task', { ...body, ...(result && { Result: result }) }, ['Type', 'Href']);
	}

	/**
	 * `POST /api/jobs/{ID}?action=start|stop|retry` → 202 and a Task (Running; Finished on its next read).
	 * Start and Retry add a new session of the job: Start refuses while a session of the job runs, Retry
	 * unless the newest one failed; Stop ends the running session, Failed. Refusals are failed Tasks, as
	 * Enterprise Manager reports them. @param {SimRequest} req @returns {SimResponse}
	 */
	#startJob(req) {
		const job = this.#jobs.get(req.params.id.toLowerCase());
		if (!job) return this.#error(req, 404, `Job ${req.params.id} was not found.`);
		const action = String(req.query.get('action'));
		if (!['start', 'stop', 'retry'].includes(action)) return this.#error(req, 400, `The action ${action} is not simulated.`);
		const sessions = [...this.#sessions.values()].filter((x) => x.kind === 'backup' && x.seed.jobId === job.id).sort((a, b) => b.seed.createdAt - a.seed.createdAt);
		const stateOf = (/** @type {Session} */ x) => x.seed.steps[Math.min(x.step, x.seed.steps.length - 1)];
		const running = sessions.find((x) => !['Stopped', 'Idle'].includes(String(stateOf(x).state)));
		let success = true;
		let message = '';
		if (action === 'stop') {
			if (running) {
				running.seed.steps = [...running.seed.steps.slice(0, running.step), { state: 'Stopping', result: 'None' }, { state: 'Stopped', result: 'Failed', progress: 100 }];
				/** @type {any} */ (running.seed).failureMessage = 'Job has been stopped by user.';
				message = `Job "${job.name}" is stopping.`;
			} else [success, message] = [false, `Job "${job.name}" is not running.`];
		} else if (running) {
			[success, message] = [false, `Job "${job.name}" is already running.`];
		} else if (action === 'retry' && String(sessions[0] && stateOf(sessions[0]).result) !== 'Failed') {
			[success, message] = [false, `Job "${job.name}" cannot be retried: its last session did not fail.`];
		} else {
			const id = this.addSession({ kind: 'backup', jobId: job.id, steps: this.jobStartSteps, isRetry: action === 'retry' });
			this.jobStarts.push({ jobId: job.id, action, sessionId: id });
			message = `Job "${job.name}" triggered to ${action === 'retry' ? 'retry' : 'start'}.`;
		}
		this.jobActions.push({ jobId: job.id, action, success });
		const task = { id: `task-${this.#tasks.size + 1}`, operation: { start: 'StartJob', stop: 'StopJob', retry: 'RetryJob' }[action] ?? action, polls: 0, success, message };
		this.#tasks.set(task.id, task);
		return this.#task(req, task, 202);
	}

	/** `GET /api/tasks/{ID}`. @param {SimRequest} req @returns {SimResponse} */
	#getTask(req) {
		const task = this.#tasks.get(req.params.id);
		return task ? this.#task(req, task, 200) : this.#error(req, 404, `Task ${req.params.id} was not found.`);
	}
}


/** @param {Record<string, any>} fields @param {string} field */
function lookup(fields, field) {
	const key = Object.keys(fields).find((k) => k.toLowerCase() === field.toLowerCase());
	return key === undefined ? undefined : fields[key];
}

/** .NET's HttpStatusCode names, as `Status` carries them. @param {number} status */
function statusName(status) {
	return { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' }[status] ?? 'Error';
}

module.exports = { VeeamSimulator, JOBS, HOSTILE_JOB_NAME, parseFilter, SEED_TIME };
