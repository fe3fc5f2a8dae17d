// @ts-check
'use strict';
/**
 * VMware vCenter appliance backup-job simulator (see /work/shared/reference/vmware-vcenter.md).
 * Serves the current `/api` form and the legacy `/rest` form (every 200 body wrapped in {"value": …}),
 * enforces Basic sign-in plus the `vmware-api-session-id` header, and moves each job through the states
 * it was seeded with, one step per GET, so wait loops can be tested without real time passing.
 */
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 * @typedef {'api' | 'rest'} Form
 * @typedef {{ id: string, default_message: string, args: string[] }} VapiMessage
 *
 * @typedef {object} JobSeed
 * @property {string} id 'YYYYMMDD-hhmmss-build', as vCenter names jobs.
 * @property {string[]} states job/{id} `state` values, one per GET; the last one stays. Any string is
 *   allowed so clients can test unknown values.
 * @property {VapiMessage[]} [messages] Shown once the job is in its last state (failure reasons come at the end).
 * @property {string} [startTime] ISO start; derived from the id when absent.
 * @property {string} [detailsStatus] Forces details `status` (e.g. 'BLOCKED') instead of mapping the state.
 * @property {boolean} [inDetails] false: `job/details` leaves the job out of its answer (as if pruned from
 *   the details history) while `job/{id}` still answers, so a client's bulk read must fall back.
 * @property {number} [stepMs] Moves one state on every `stepMs` of real time instead of one per GET, so
 *   several readers (a trigger, a workflow, the editor) see the same job at the same moment.
 *
 * @typedef {{ seed: JobSeed, step: number, polls: number, addedAt: number }} Job
 * @typedef {{ form: Form, at: string, body: unknown, states: string[], step: number, cancelled?: boolean }} RestoreRequest
 *
 * @typedef {object} VcenterOptions
 * @property {string} [username]
 * @property {string} [password]
 * @property {Form[]} [forms] Which API forms exist; drop 'api' to imitate vCenter before 7.0 U2.
 * @property {number} [sessionMaxRequests] Authenticated requests a session serves before it expires (401).
 * @property {number} [latencyMs] Every answer this much later (framework `latencyMs`).
 * @property {JobSeed[]} [jobs]
 */

const JOB_PATH = '/appliance/recovery/backup/job';
/** Restore of the appliance from a file-based backup (reference: appliance.recovery.restore.job). */
const RESTORE_PATH = '/appliance/recovery/restore/job';
const SESSION_PATH = { api: '/api/session', rest: '/rest/com/vmware/cis/session' };

/** @type {JobSeed[]} */
const DEFAULT_JOBS = [
	{ id: '20240314-020001-21560480', states: ['SUCCEEDED'] },
	{
		id: '20240313-020003-21560480',
		states: ['FAILED'],
		messages: [{ id: 'example.backup.job.failed', default_message: 'Backup job failed.', args: [] }],
	},
	{ id: '20240315-020002-21560480', states: ['NONE', 'INPROGRESS', 'SUCCEEDED'] },
];

/** @type {Record<string, number>} */
const PROGRESS = { NONE: 0, INPROGRESS: 40, SUCCEEDED: 100, FAILED: 12 };
/** job/{id} `state` → details `status` (CisTaskStatus); unknown states pass through unchanged. */
/** @type {Record<string, string>} */
const DETAILS_STATUS = { NONE: 'PENDING', INPROGRESS: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' };
/** Seconds from start to end: plausible durations so "last backup age" checks have real numbers. */
/** @type {Record<string, number>} */
const RUN_SECONDS = { SUCCEEDED: 705, FAILED: 88 };
/** @type {Record<number, string>} */
const ERROR_TYPE = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'UNAUTHORIZED',
	404: 'NOT_FOUND',
	429: 'RESOURCE_BUSY', // vCenter documents no rate limit; closest ErrorType [inferred]
	500: 'INTERNAL_SERVER_ERROR',
	503: 'SERVICE_UNAVAILABLE',
};

/** The build part of simulated job ids, as in the reference's samples. */
const BUILD = '21560480';
const FAILURE = { id: 'example.backup.job.failed', default_message: 'Backup job failed.', args: [] };

/** 'YYYYMMDD-hhmmss-build' for an epoch time: the id vCenter gives a job created then. @param {number} ms */
function jobIdAt(ms) {
	const t = new Date(ms).toISOString();
	return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}-${BUILD}`;
}

/** @param {string} id @param {string} text @param {string[]} [args] @returns {VapiMessage} */
const msg = (id, text, args = []) => ({ args, default_message: text, id });
const AUTH_REQUIRED = () => msg('com.vmware.vapi.endpoint.method.authentication.required', 'Authentication required.');
const HTTP_NOT_FOUND = () => msg('com.vmware.vapi.rest.httpNotFound', 'Not found.');

/** /api errors are bare; /rest errors are {type, value} with a snake_case std error type. */
/** @param {Form} form @param {string} errorType @param {VapiMessage[]} messages */
function vapiError(form, errorType, messages) {
	return form === 'api'
		? { error_type: errorType, messages }
		: { type: `com.vmware.vapi.std.errors.${errorType.toLowerCase()}`, value: { messages } };
}

/** @param {string} path @returns {Form} */
const formOf = (path) => (path.startsWith('/rest') ? 'rest' : 'api');

/** @param {Form} form @param {number} status @param {unknown} body @returns {SimResponse} */
const ok = (form, status, body) => ({ status, body: form === 'rest' ? { value: body } : body });

/** @param {Form} form @returns {SimResponse} */
const unauthenticated = (form) => ({ status: 401, body: vapiError(form, 'UNAUTHENTICATED', [AUTH_REQUIRED()]) });

/** @param {Form} form @param {string} id @returns {SimResponse} */
const jobNotFound = (form, id) => ({
	status: 404,
	body: vapiError(form, 'NOT_FOUND', [msg('example.backup.job.not_found', 'Backup job not found.', [id])]),
});

/**
 * Framework-made errors (unmatched route, notFound fault, 429/503 faults) in the form's vAPI shape.
 * @param {number} status @param {string} message @param {SimRequest} req
 */
function errorBody(status, message, req) {
	const type = ERROR_TYPE[status] ?? 'ERROR';
	const m =
		status === 404
			? HTTP_NOT_FOUND()
			: status === 401
				? AUTH_REQUIRED()
				: msg(`com.vmware.vapi.simulator.${type.toLowerCase()}`, message);
	return vapiError(formOf(req.path), type, [m]);
}

/** @param {SimRequest} req @param {string} name */
function header(req, name) {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}

/** '20240315-020002-…' → '2024-03-15T02:00:02.000Z', so default jobs have distinct, ordered times. */
/** @param {string} id */
function startFromId(id) {
	const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(id);
	const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : '';
	return iso && !Number.isNaN(Date.parse(iso)) ? iso : '2024-03-15T02:00:02.114Z';
}

class VcenterSimulator extends SimulatorServer {
	#sessions = new SessionStore();
	/** @type {Map<string, Job>} */
	#jobs = new Map();
	/** @type {JobSeed[]} */
	#seeds;
	/** Restore requests received since the last reset, oldest first. @type {RestoreRequest[]} */
	restores = [];
	/** The states a restore goes through, one per read of `restore/job`. @type {string[]} */
	restoreStates = ['INPROGRESS', 'SUCCEEDED'];
	/** Backups started since the last reset (`POST …/backup/job`): the form, the BackupRequest and the job id. @type {Array<{ form: Form, request: any, id: string }>} */
	starts = [];
	/** Cancels asked for since the last reset (job ids). @type {string[]} */
	cancels = [];
	/** The states a started job goes through, one per poll. */
	startStates = ['INPROGRESS', 'INPROGRESS', 'SUCCEEDED'];
	/** The next start is refused with this vAPI error (400 by default), as vCenter refuses a bad location or a second backup. @type {{ status?: number, errorType: string, message: string } | undefined} */
	refuseNextStart;

	/** @param {VcenterOptions} [options] */
	constructor(options = {}) {
		super({ name: 'vcenter', errorBody, latencyMs: options.latencyMs });
		this.username = options.username ?? 'administrator@vsphere.local';
		this.password = options.password ?? 'Sim-Pass-1!';
		this.forms = options.forms ?? ['api', 'rest'];
		this.#sessions.maxRequests = options.sessionMaxRequests ?? Infinity;
		this.#seeds = structuredClone(options.jobs ?? DEFAULT_JOBS);
		this.reset();

		// A missing form simply has no routes: every path under it then falls to the framework's
		// unmatched-route 404 in that form's NOT_FOUND shape, as on a vCenter that predates it.
		for (const form of /** @type {Form[]} */ (['api', 'rest'])) {
			if (!this.forms.includes(form)) continue;
			const session = SESSION_PATH[form];
			const job = `/${form}${JOB_PATH}`;
			this.route('POST', session, (req) => this.#signIn(form, req), { session: true });
			this.route('DELETE', session, this.#authed(form, (req) => this.#signOut(form, req)), { session: true });
			if (form === 'api') {
				this.route('GET', session, this.#authed(form, (req) => this.#sessionInfo(req)), { session: true });
			}
			this.route('GET', job, this.#authed(form, () => ok(form, 200, this.#listIds())));
			this.route('POST', job, this.#authed(form, (req) => this.#startBackup(form, req)));
			// /rest cancels with `…/{id}/cancel`, /api with `…/{id}?action=cancel`
			if (form === 'rest') this.route('POST', `${job}/:id/cancel`, this.#authed(form, (req) => this.#cancel(form, req.params.id)));
			else this.route('POST', `${job}/:id`, this.#authed(form, (req) => (req.query.get('action') === 'cancel' ? this.#cancel(form, req.params.id) : jobNotFound(form, req.params.id))));
			this.route('GET', `${job}/details`, this.#authed(form, (req) => this.#details(form, req)));
			this.route('GET', `${job}/:id`, this.#authed(form, (req) => this.#status(form, req.params.id)));
			this.route('POST', `/${form}${RESTORE_PATH}`, this.#authed(form, (req) => (form === 'api' && req.query.get('action') === 'cancel' ? this.#cancelRestore(form) : this.#startRestore(form, req))));
			this.route('GET', `/${form}${RESTORE_PATH}`, this.#authed(form, () => this.#restoreStatus(form)));
			if (form === 'rest') this.route('POST', `/rest${RESTORE_PATH}/cancel`, this.#authed(form, () => this.#cancelRestore(form)));
		}

		// Control routes for shell scripts and the demo: add a job created now, read the restores asked for.
		this.controlRoute('POST', '/__sim/jobs', (json) => ({ id: this.addRecentJob(json) }));
		this.controlRoute('GET', '/__sim/restores', () => this.restores);
		this.controlRoute('POST', '/__sim/restore-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('restore-states is {"states": ["INPROGRESS", "FAILED"]}');
			this.restoreStates = json.states;
			return { ok: true };
		});
		// the backups started (without their passwords) and the states the next ones go through
		this.controlRoute('GET', '/__sim/starts', () => this.starts.map((s) => ({ form: s.form, id: s.id, location: s.request.location })));
		this.controlRoute('POST', '/__sim/start-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('start-states is {"states": ["INPROGRESS", "FAILED"]}');
			this.startStates = json.states.map(String);
			return { states: this.startStates };
		});
	}

	describe() {
		return { username: this.username, password: this.password };
	}

	/** Authenticated requests a session serves before it expires (401); tests may change it. */
	get sessionMaxRequests() {
		return this.#sessions.maxRequests;
	}

	set sessionMaxRequests(value) {
		this.#sessions.maxRequests = value;
	}

	/** Back to the construction seeds; also signs everybody out. */
	reset() {
		this.#sessions.clear();
		this.#jobs.clear();
		this.restores = [];
		this.restoreStates = ['INPROGRESS', 'SUCCEEDED'];
		this.starts = [];
		this.cancels = [];
		this.refuseNextStart = undefined;
		this.startStates = ['INPROGRESS', 'INPROGRESS', 'SUCCEEDED'];
		for (const seed of this.#seeds) this.addJob(seed);
	}

	expireSessions() {
		this.#sessions.clear();
	}

	/** POST /__sim/seed `{ jobs: JobSeed[] }`: adds (or replaces) jobs until the next reset(). @param {any} body */
	seed(body) {
		if (!Array.isArray(body?.jobs)) throw new Error('a vCenter seed is {"jobs": [{"id", "states": [...]}, ...]}');
		for (const job of body.jobs) this.addJob(job);
	}

	/** Adds (or replaces) a job until the next reset(). @param {JobSeed} seed */
	addJob(seed) {
		if (!seed?.id || !Array.isArray(seed.states) || seed.states.length === 0) {
			throw new Error('a job seed needs an id and at least one state');
		}
		this.#jobs.set(seed.id, { seed: structuredClone(seed), step: 0, polls: 0, addedAt: Date.now() });
		return this;
	}

	/**
	 * Adds a job created `ageSeconds` ago (default 900: a finished one ends about now), its id made from
	 * that time (one second later when taken). Returns the id.
	 * @param {{ states?: string[], messages?: VapiMessage[], ageSeconds?: number, stepMs?: number, id?: string }} [options]
	 */
	addRecentJob(options = {}) {
		const states = options.states ?? ['SUCCEEDED'];
		let at = Date.now() - 1000 * (options.ageSeconds ?? 900);
		let id = options.id ?? jobIdAt(at);
		while (!options.id && this.#jobs.has(id)) id = jobIdAt((at += 1000));
		const failed = states[states.length - 1] === 'FAILED';
		this.addJob({ id, states, messages: options.messages ?? (failed ? [FAILURE] : undefined), stepMs: options.stepMs });
		return id;
	}

	/**
	 * Fills the history with `count` finished jobs, one a day back from `endBeforeMs` (default: 30 days
	 * ago), every `failEvery`-th failed: what an appliance that has run for years lists. Returns the ids.
	 * @param {number} count @param {{ endBeforeMs?: number, failEvery?: number }} [options]
	 */
	addHistory(count, options = {}) {
		const end = options.endBeforeMs ?? Date.now() - 30 * 86_400_000;
		const ids = [];
		for (let k = 0; k < count; k++) {
			const id = jobIdAt(end - (k + 1) * 86_400_000);
			const failed = options.failEvery !== undefined && k % options.failEvery === 0;
			this.#jobs.set(id, { seed: { id, states: [failed ? 'FAILED' : 'SUCCEEDED'], messages: failed ? [FAILURE] : undefined }, step: 0, polls: 0, addedAt: 0 });
			ids.push(id);
		}
		return ids;
	}

	/**
	 * Starts a new job every `everyMs` that runs for `runMs` and then ends, every `failEvery`-th failed: a
	 * live history for the demo. Returns a function that stops it (stop() also does).
	 * @param {{ everyMs?: number, runMs?: number, failEvery?: number }} [options]
	 */
	growHistory(options = {}) {
		const everyMs = options.everyMs ?? 120_000;
		const runMs = options.runMs ?? 30_000;
		return this.every(everyMs, (n) => {
			const failed = options.failEvery !== undefined && n % options.failEvery === 0;
			this.addRecentJob({ ageSeconds: 0, states: ['INPROGRESS', failed ? 'FAILED' : 'SUCCEEDED'], stepMs: runMs });
		});
	}

	/** How many GETs (job/{id} or details) have returned this job. @param {string} id */
	jobPolls(id) {
		return this.#jobs.get(id)?.polls ?? 0;
	}

	/** Sessions not yet logged out or expired: lets tests check that the node always logs out. */
	get liveSessions() {
		return this.#sessions.size;
	}

	/** @param {Form} form @param {SimRequest} req @returns {SimResponse} */
	#signIn(form, req) {
		const auth = header(req, 'authorization') ?? '';
		const m = /^basic\s+(\S+)$/i.exec(auth);
		const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
		const colon = decoded.indexOf(':');
		if (colon < 0 || decoded.slice(0, colon) !== this.username || decoded.slice(colon + 1) !== this.password) {
			return unauthenticated(form);
		}
		const id = this.#sessions.open();
		this.countSignIn();
		return form === 'api' ? { status: 201, body: id } : { status: 200, body: { value: id } };
	}

	/** @param {Form} form @param {SimRequest} req @returns {SimResponse} */
	#signOut(form, req) {
		this.#sessions.close(header(req, 'vmware-api-session-id'));
		return { status: form === 'api' ? 204 : 200 };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#sessionInfo(req) {
		const s = this.#sessions.get(header(req, 'vmware-api-session-id'));
		return { status: 200, body: { user: this.username, created_time: s?.created.toISOString(), last_accessed_time: s?.lastAccessed.toISOString() } };
	}

	/**
	 * Every request carrying a session (logout included) uses up one of its sessionMaxRequests, so a test
	 * can force the 401 → sign in again path at an exact request.
	 * @param {Form} form @param {(req: SimRequest) => SimResponse} handler
	 * @returns {(req: SimRequest) => SimResponse}
	 */
	#authed(form, handler) {
		return (req) => (this.#sessions.use(header(req, 'vmware-api-session-id')) ? handler(req) : unauthenticated(form));
	}

	/**
	 * vCenter documents no order, so the newest id is put in the middle: a client that takes the first or
	 * the last element instead of sorting gets the wrong job.
	 */
	#listIds() {
		const ids = [...this.#jobs.keys()].sort();
		const newest = ids.pop();
		if (newest !== undefined) ids.splice(Math.floor(ids.length / 2), 0, newest);
		return ids;
	}

	/** Returns the job's current step and advances it: each GET is one poll. @param {Job} job */
	#poll(job) {
		const { seed } = job;
		if (seed.stepMs) job.step = Math.min(seed.states.length - 1, Math.floor((Date.now() - job.addedAt) / seed.stepMs));
		const state = seed.states[job.step];
		const last = job.step === seed.states.length - 1;
		job.polls++;
		if (!last && !seed.stepMs) job.step++;
		const start = seed.startTime ?? startFromId(seed.id);
		const runSeconds = RUN_SECONDS[state];
		const end = runSeconds === undefined ? undefined : new Date(Date.parse(start) + runSeconds * 1000).toISOString();
		return { state, progress: PROGRESS[state] ?? 0, messages: last ? (seed.messages ?? []) : [], start, end, runSeconds };
	}

	/** @param {Form} form @param {string} id @returns {SimResponse} */
	#status(form, id) {
		const job = this.#jobs.get(id);
		if (!job) return jobNotFound(form, id);
		const p = this.#poll(job);
		const body = { id, state: p.state, messages: p.messages, progress: p.progress, start_time: p.start, ...(p.end && { end_time: p.end }) };
		return ok(form, 200, body);
	}

	/** /api: ?jobs=A&jobs=B → map; /rest: ?filter.jobs=A (or filter.jobs.1=A) → [{key, value}]. */
	/** @param {Form} form @param {SimRequest} req @returns {SimResponse} */
	#details(form, req) {
		const wanted = [...req.query.entries()]
			.filter(([k]) => (form === 'api' ? k === 'jobs' : /^filter\.jobs(\.\d+)?$/.test(k)))
			.map(([, v]) => v);
		const ids = wanted.length > 0 ? wanted : this.#listIds();
		// vCenter's answer for an unknown id in the filter is undocumented; NOT_FOUND is the vAPI norm [inferred].
		const unknown = ids.find((id) => !this.#jobs.has(id));
		if (unknown !== undefined) return jobNotFound(form, unknown);
		const listed = ids.map((id) => /** @type {Job} */ (this.#jobs.get(id))).filter((job) => job.seed.inDetails !== false);
		const entries = listed.map((job) => /** @type {const} */ ([job.seed.id, this.#detailsInfo(job)]));
		return form === 'api'
			? { status: 200, body: Object.fromEntries(entries) }
			: { status: 200, body: { value: entries.map(([key, value]) => ({ key, value })) } };
	}

	/** Whether a job is at a state that is not its last and not SUCCEEDED or FAILED. @param {Job} job */
	#runs(job) {
		const state = job.seed.states[Math.min(job.step, job.seed.states.length - 1)];
		return state === 'NONE' || state === 'INPROGRESS';
	}

	/**
	 * `POST …/backup/job` (BackupRequest; `/rest` wraps it in `piece`): a new job, running, as its status.
	 * One backup at a time: while a job runs, FEATURE_IN_USE, as vCenter answers.
	 * @param {Form} form @param {SimRequest} req @returns {SimResponse}
	 */
	#startBackup(form, req) {
		const piece = form === 'rest' ? req.json?.piece : req.json;
		const refusal = this.refuseNextStart;
		this.refuseNextStart = undefined;
		if (refusal) return { status: refusal.status ?? 400, body: vapiError(form, refusal.errorType, [msg('example.backup.refused', refusal.message)]) };
		const types = ['FTP', 'HTTP', 'FTPS', 'HTTPS', 'SCP', 'SFTP', 'NFS', 'SMB'];
		if (!piece || !Array.isArray(piece.parts) || !types.includes(piece.location_type) || typeof piece.location !== 'string' || piece.location === '') {
			return { status: 400, body: vapiError(form, 'INVALID_ARGUMENT', [msg('example.backup.invalid', 'A backup needs parts, a location_type and a location.')]) };
		}
		if ([...this.#jobs.values()].some((job) => this.#runs(job))) {
			return { status: 400, body: vapiError(form, 'FEATURE_IN_USE', [msg('com.vmware.applmgmt.err_backup_restore_in_progress', 'A backup or restore is already in progress.')]) };
		}
		const id = this.addRecentJob({ ageSeconds: 0, states: this.startStates });
		this.starts.push({ form, request: piece, id });
		const job = /** @type {Job} */ (this.#jobs.get(id));
		job.polls = 0;
		const first = this.#poll(job);
		job.step = 0; // the answer shows the first state without using up a poll
		return ok(form, form === 'api' ? 201 : 200, { id, state: first.state, messages: [], progress: first.progress, start_time: first.start });
	}

	/** Cancel: a running job ends FAILED with a cancel message; a finished one answers ReturnResult FAIL. @param {Form} form @param {string} id @returns {SimResponse} */
	#cancel(form, id) {
		const job = this.#jobs.get(id);
		if (!job) return jobNotFound(form, id);
		this.cancels.push(id);
		if (!this.#runs(job)) return ok(form, 200, { status: 'FAIL', messages: [msg('example.backup.cancel.finished', 'The job {0} has already finished.', [id])] });
		job.seed.states = [...job.seed.states.slice(0, job.step), 'FAILED'];
		job.seed.messages = [msg('example.backup.cancelled', 'The backup job was canceled by the user.')];
		return ok(form, 200, { status: 'OK', messages: [] });
	}

	/**
	 * Starts a restore from a backup location (RestoreRequest: location_type, location, …); `/rest` wraps
	 * the request in `piece`. Records it and answers the restore job's status, as vCenter does.
	 * @param {Form} form @param {SimRequest} req @returns {SimResponse}
	 */
	#startRestore(form, req) {
		const piece = form === 'rest' ? req.json?.piece : req.json;
		if (!piece || typeof piece.location !== 'string' || typeof piece.location_type !== 'string') {
			return {
				status: 400,
				body: vapiError(form, 'INVALID_ARGUMENT', [msg('example.restore.invalid', 'A restore needs location_type and location.')]),
			};
		}
		const last = this.restores[this.restores.length - 1];
		if (last && !['SUCCEEDED', 'FAILED'].includes(this.#restoreState(last))) {
			return { status: 400, body: vapiError(form, 'FEATURE_IN_USE', [msg('com.vmware.applmgmt.err_backup_restore_in_progress', 'A backup or restore is already in progress.')]) };
		}
		this.restores.push({ form, at: new Date().toISOString(), body: req.json, states: [...this.restoreStates], step: 0 });
		return ok(form, form === 'api' ? 201 : 200, this.#restoreJob(false));
	}

	/** @param {Form} form @returns {SimResponse} */
	#restoreStatus(form) {
		return this.restores.length === 0 ? ok(form, 200, { state: 'NONE', progress: 0, messages: [] }) : ok(form, 200, this.#restoreJob(true));
	}

	/** @param {{ states: string[], step: number }} restore */
	#restoreState(restore) {
		return restore.states[Math.min(restore.step, restore.states.length - 1)];
	}

	/** The newest restore's status; a read moves it one state on. @param {boolean} read */
	#restoreJob(read) {
		const last = this.restores[this.restores.length - 1];
		const state = this.#restoreState(last);
		if (read) last.step++;
		const messages =
			state === 'FAILED'
				? [msg(last.cancelled ? 'example.restore.cancelled' : 'example.restore.failed', last.cancelled ? 'The restore was canceled by the user.' : 'Restore failed: the backup could not be read.')]
				: [msg('example.restore.started', state === 'SUCCEEDED' ? 'Restore completed.' : 'Restore started.')];
		return { state, progress: state === 'SUCCEEDED' ? 100 : state === 'INPROGRESS' ? 5 : 0, messages };
	}

	/** Cancel of the restore (`ReturnResult`): only a running one. @param {Form} form @returns {SimResponse} */
	#cancelRestore(form) {
		const last = this.restores[this.restores.length - 1];
		if (!last || this.#restoreState(last) !== 'INPROGRESS') {
			return ok(form, 200, { status: 'FAIL', messages: [msg('example.restore.not_running', 'No restore is in progress.')] });
		}
		last.states = [...last.states.slice(0, last.step), 'FAILED'];
		last.cancelled = true;
		return ok(form, 200, { status: 'OK', messages: [] });
	}

	/** DetailsInfo (reference §3); text values are placeholders, like the reference's samples. @param {Job} job */
	#detailsInfo(job) {
		const p = this.#poll(job);
		return {
			location: `sftp://backup.example.local/vcsa/${job.seed.id.slice(0, 8)}`,
			location_user: 'backup',
			type: 'SCHEDULED',
			messages: p.messages,
			description: msg('example.backup.description', 'Backup job'),
			service: 'com.vmware.appliance.recovery.backup.job',
			operation: 'create',
			status: job.seed.detailsStatus ?? DETAILS_STATUS[p.state] ?? p.state,
			cancelable: p.end === undefined,
			...(p.runSeconds !== undefined && { duration: p.runSeconds }),
			...(p.state === 'SUCCEEDED' && { size: 1073741824 }),
			progress: { total: 100, completed: p.progress, message: msg('example.progress', 'Backing up') },
			start_time: p.start,
			...(p.end && { end_time: p.end }),
		};
	}
}

module.exports = { VcenterSimulator, DEFAULT_JOBS };
