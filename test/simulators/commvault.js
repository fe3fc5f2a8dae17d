// @ts-check
'use strict';
/**
 * Commvault Command Center / Web Server simulator (see /work/shared/reference/commvault.md): `/Login`
 * with the base64 password (a refusal is HTTP 200 with `errList`, and the account locks after
 * repeated refusals), V4 access tokens renewed with rotation, expiry → 401, JSON or XML by `Accept`,
 * jobs (`Job/{id}`, `Job` with limit/offset) that move one status per answer, a job invisible for its
 * first polls, DR groups and DR job statistics on the legacy (`DRGroups/…`) or current (`DR/JobStats`,
 * `FailoverGroups`) paths, and in-body errors as `{errorCode, errorMessage}` or `CVGui_GenericResp`.
 */
const { randomBytes } = require('node:crypto');
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 *
 * @typedef {object} JobSeed
 * @property {number} jobId
 * @property {string[]} states jobSummary.status, one per answer that contains the job; the last stays.
 * @property {string} [jobType] Default Backup.
 * @property {string} [clientName] Default WINTER.
 * @property {number} [clientId] Default 2.
 * @property {number} [startTime] Epoch seconds; default some minutes ago.
 * @property {number} [invisiblePolls] `Job/{id}` answers `{totalRecordsWithoutPaging: 0}` this many times first.
 * @property {string} [pendingReason] Shown once the job is in its last state.
 * @property {number} [drPhases] A DR job's statistics list only this many phases (a one-phase job, say).
 * @property {number} [subclientId] The subclient it backs up (default 2, the client's default subclient).
 * @property {string} [backupLevel] Full, Incremental, Differential or Synthetic Full.
 *
 * @typedef {object} SubclientSeed
 * @property {number} subclientId
 * @property {string} subclientName
 * @property {string} [appName] Default File System.
 * @property {string} [instanceName] Default DefaultInstanceName (File System's only instance).
 * @property {string} backupsetName
 *
 * @typedef {object} ClientSeed A client (server) and its subclients, as `GET /Client` and `GET /Subclient` list them.
 * @property {number} clientId
 * @property {string} clientName
 * @property {string} [displayName] Default the client name.
 * @property {SubclientSeed[]} subclients
 *
 * @typedef {object} CommvaultOptions
 * @property {string} [username]
 * @property {string} [password]
 * @property {number} [lockAfter] Refused sign-ins before the account locks (default 3).
 * @property {number} [tokenMaxRequests] Requests a token serves before it expires (401).
 * @property {'current' | 'legacy'} [drApi] Which DR paths the server has (default current: SP31+).
 * @property {JobSeed[]} [jobs]
 * @property {ClientSeed[]} [clients]
 * @property {number} [latencyMs]
 */

const ROOT = '/commandcenter/api';
const TERMINAL = /completed|killed|committed|failed/i;
const NOW = () => Math.floor(Date.now() / 1000);

/** A DR job's phases (seed 001): Disable Sync, Shutdown, Backup, Replication (failed). */
const DR_PHASES = [
	{ phase: 15, status: 0, start: 1502403488, end: 1502403488 },
	{ phase: 24, status: 0, start: 1502403489, end: 1502403509 },
	{ phase: 8, status: 0, start: 1502403513, end: 1502404130 },
	{ phase: 7, status: 1, start: 1502405399, end: 1502405709 },
];

/** The default jobs started an hour before the module loaded: every simulator of a test run has the same times. */
const SEED_TIME = NOW() - 3600;

/** @returns {JobSeed[]} */
function defaultJobs() {
	const t = SEED_TIME;
	return [
		{ jobId: 2416, states: ['Running', 'Completed w/ one or more errors'], jobType: 'DRORCHESTRATION', clientName: 'johndoeVm9', clientId: 385, startTime: t },
		{ jobId: 2417, states: ['Completed'], startTime: t + 60 },
		{ jobId: 2418, states: ['Failed'], startTime: t + 120, pendingReason: 'Failed to connect to the client.' },
		{ jobId: 2419, states: ['Killed'], startTime: t + 180 },
		{ jobId: 2420, states: ['Pending', 'Running', 'Running', 'Completed'], startTime: t + 240 },
		{ jobId: 2421, states: ['Completed'], startTime: t + 300, invisiblePolls: 2 },
	];
}

/**
 * The CommServe's clients: WINTER (the default jobs' client) with File System subclients in two backup
 * sets, SUMMER with a File System and a SQL Server instance's subclient (both named "default", as new
 * agents' subclients are), and the DR VM client without any.
 * @returns {ClientSeed[]}
 */
function defaultClients() {
	return [
		{
			clientId: 2,
			clientName: 'WINTER',
			subclients: [
				{ subclientId: 2, subclientName: 'default', backupsetName: 'defaultBackupSet' },
				{ subclientId: 7, subclientName: 'sql-logs', backupsetName: 'defaultBackupSet' },
				{ subclientId: 8, subclientName: 'old-projects', backupsetName: 'archive' },
			],
		},
		{
			clientId: 3,
			clientName: 'summer',
			displayName: 'SUMMER (finance)',
			subclients: [
				{ subclientId: 11, subclientName: 'default', backupsetName: 'defaultBackupSet' },
				{ subclientId: 12, subclientName: 'default', appName: 'SQL Server', instanceName: 'SUMMER\\PROD', backupsetName: 'defaultBackupSet' },
			],
		},
		{ clientId: 385, clientName: 'johndoeVm9', subclients: [] },
	];
}

/** Agent ids as `applicationId` carries them (File System 33, SQL Server 81). @type {Record<string, number>} */
const APPLICATION_IDS = { 'File System': 33, 'SQL Server': 81 };

/** XML attribute text. @param {unknown} v */
const attr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * JSON as Commvault's XML: scalars become attributes, objects child elements, lists repeated elements.
 * @param {string} name @param {any} value @returns {string}
 */
function toXml(name, value) {
	if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
	const attrs = [];
	const children = [];
	for (const [k, v] of Object.entries(value ?? {})) {
		if (v !== null && typeof v === 'object') children.push(toXml(k, v));
		else if (v !== undefined) attrs.push(` ${k}="${attr(v)}"`);
	}
	return children.length ? `<${name}${attrs.join('')}>${children.join('')}</${name}>` : `<${name}${attrs.join('')}/>`;
}

class CommvaultSimulator extends SimulatorServer {
	/** @type {Map<number, { seed: JobSeed, step: number, polls: number }>} */
	#jobs = new Map();
	#tokens = new SessionStore();
	/** The DR paths the server was made with, restored by a reset. @type {'current' | 'legacy'} */
	#drApiAtStart = 'current';
	/** @type {JobSeed[]} */
	#seeds;

	/** @param {CommvaultOptions} [options] */
	constructor(options = {}) {
		super({
			name: 'commvault',
			latencyMs: options.latencyMs,
			errorBody: (status, message) => ({ errorCode: status, errorMessage: message }),
		});
		this.username = options.username ?? 'admin';
		this.password = options.password ?? 'Sim-Commvault-1!';
		this.lockAfter = options.lockAfter ?? 3;
		this.drApi = options.drApi ?? 'current';
		this.#drApiAtStart = this.drApi;
		this.#tokens.maxRequests = options.tokenMaxRequests ?? Infinity;
		this.#seeds = structuredClone(options.jobs ?? defaultJobs());
		/** @type {ClientSeed[]} */
		this.clients = structuredClone(options.clients ?? defaultClients());
		/** Refused sign-ins in a row. */
		this.failures = 0;
		/** Every renewal's pair, for tests that check rotation. @type {Array<{ accessToken: string, refreshToken: string }>} */
		this.renewals = [];
		/** The V4 access token and refresh token that work now; both change at every renewal. */
		this.accessToken = '';
		this.refreshToken = '';
		this.reset();

		this.route('POST', `${ROOT}/Login`, (req) => this.#login(req), { session: true });
		this.route('POST', `${ROOT}/V4/AccessToken/Renew`, (req) => this.#renew(req), { session: true });
		this.route('GET', `${ROOT}/Job/:jobId`, this.#authed((req) => this.#getJob(req)));
		this.route('POST', `${ROOT}/Subclient/:subclientId/action/backup`, this.#authed((req) => this.#backUp(req)));
		this.route('GET', `${ROOT}/Subclient/:subclientId`, this.#authed((req) => this.#subclientProperties(req)));
		this.route('POST', `${ROOT}/retrieveToClient`, this.#authed((req) => this.#retrieveToClient(req)));
		this.controlRoute('GET', '/__sim/restores', () => this.restores);
		this.controlRoute('POST', '/__sim/restore-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('restore-states is {"states": ["Running", "Failed"]}');
			this.restoreStates = json.states.map(String);
			return { ok: true };
		});
		this.route('POST', `${ROOT}/Job/:jobId/action/:action`, this.#authed((req) => this.#jobAction(req)));
		this.controlRoute('GET', '/__sim/backups', () => this.backups);
		this.controlRoute('POST', '/__sim/backup-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('backup-states is {"states": ["Running", "Failed"]}');
			this.backupStates = json.states.map(String);
			return { states: this.backupStates };
		});
		this.route('GET', `${ROOT}/Job`, this.#authed((req) => this.#listJobs(req)));
		this.route('GET', `${ROOT}/Client`, this.#authed(() => this.#listClients()));
		this.route('GET', `${ROOT}/Subclient`, this.#authed((req) => this.#listSubclients(req)));
		this.route('GET', `${ROOT}/DR/JobStats`, this.#authed((req) => this.#drStats(req, 'current', 'failoverGroupId')));
		this.route('GET', `${ROOT}/DRGroups/JobStats`, this.#authed((req) => this.#drStats(req, 'legacy', 'drGroupId')));
		this.route('GET', `${ROOT}/FailoverGroups`, this.#authed((req) => this.#drGroups(req, 'current')));
		this.route('GET', `${ROOT}/DRGroups`, this.#authed((req) => this.#drGroups(req, 'legacy')));
		this.controlRoute('POST', '/__sim/jobs', (json) => ({ jobId: this.addJob(json) }));
		// For the end-to-end tests: the access-token pair that works now (a reset makes a new one), and
		// which DR paths the server has.
		this.controlRoute('GET', '/__sim/tokens', () => ({ accessToken: this.accessToken, refreshToken: this.refreshToken }));
		this.controlRoute('POST', '/__sim/dr-api', (json) => {
			if (json.drApi !== 'current' && json.drApi !== 'legacy') throw new Error('dr-api takes {"drApi": "current" | "legacy"}');
			this.drApi = json.drApi;
			return { drApi: this.drApi };
		});
	}

	/** The web service root, as the credential's Base URL takes it. @param {number} [port] */
	async start(port = 0) {
		return `${await super.start(port)}${ROOT}`;
	}

	describe() {
		return { username: this.username, password: this.password, accessToken: this.accessToken, refreshToken: this.refreshToken };
	}

	reset() {
		this.drApi = this.#drApiAtStart;
		this.#tokens.clear();
		this.failures = 0;
		this.accessToken = `cv-at-${randomBytes(12).toString('hex')}`;
		this.refreshToken = `cv-rt-${randomBytes(12).toString('hex')}`;
		this.#tokens.open(this.accessToken);
		this.#jobs.clear();
		for (const seed of this.#seeds) this.addJob(seed);
		this.backups = [];
		this.jobActions = [];
		this.backupStates = ['Running', 'Running', 'Completed'];
		this.restores = [];
		this.restoreStates = ['Running', 'Completed'];
		this.refuseNextAction = undefined;
	}

	/** Backups started (`POST Subclient/{id}/action/backup`) since the last reset. @type {Array<{ subclientId: number, backupLevel: string, jobId: number }>} */
	backups = [];
	/** Restores asked for (`POST retrieveToClient`): the body and the job made. @type {Array<{ body: any, jobId: number }>} */
	restores = [];
	/** The states of a restore job, one per read. @type {string[]} */
	restoreStates = ['Running', 'Completed'];
	/** Job actions received (`POST Job/{id}/action/…`). @type {Array<{ jobId: number, action: string }>} */
	jobActions = [];
	/** The states a started backup goes through, one per answer that holds it. @type {string[]} */
	backupStates = ['Running', 'Running', 'Completed'];
	/** The next backup or job action is refused inside HTTP 200, in Commvault's `{errorCode, errorMessage}`. @type {{ errorCode: number, errorMessage: string } | undefined} */
	refuseNextAction;

	/** The refusal set for this request, if any (once). */
	#refusal() {
		const refusal = this.refuseNextAction;
		this.refuseNextAction = undefined;
		return refusal ? { status: 200, body: refusal } : undefined;
	}

	/**
	 * `POST Subclient/{id}/action/backup?backupLevel=…`: a new job of the subclient; the answer lists its
	 * id (`{taskId, jobIds}`). @param {SimRequest} req @returns {SimResponse}
	 */
	#backUp(req) {
		const refused = this.#refusal();
		if (refused) return refused;
		const subclientId = Number(req.params.subclientId);
		const level = req.query.get('backupLevel') ?? 'Incremental';
		if (!['Full', 'Incremental', 'Differential', 'Synthetic_Full'].includes(level)) {
			return { status: 200, body: { errorCode: 2, errorMessage: `Invalid backup level [${level}].` } };
		}
		const found = this.#subclient(subclientId);
		if (!found) return { status: 200, body: { errorCode: 2, errorMessage: `Subclient [${subclientId}] was not found.` } };
		const { client } = found;
		const jobId = this.addJob({ states: this.backupStates, subclientId, clientId: client.clientId, clientName: client.clientName, backupLevel: level.replace('_', ' ') });
		this.backups.push({ subclientId, backupLevel: level, jobId });
		return { status: 200, body: { taskId: 30000 + jobId, jobIds: [String(jobId)] } };
	}

	/** `GET Subclient/{id}`: the file-system subclients 2 (default) and 7 (sql-logs) of client WINTER. @param {SimRequest} req @returns {SimResponse} */
	#subclientProperties(req) {
		const subclientId = Number(req.params.subclientId);
		if (subclientId !== 2 && subclientId !== 7) return { status: 200, body: { errorCode: 2, errorMessage: `Subclient [${subclientId}] was not found.` } };
		const subClientEntity = {
			clientId: 2,
			clientName: 'WINTER',
			instanceId: 1,
			instanceName: 'DefaultInstanceName',
			backupsetId: 3,
			backupsetName: 'defaultBackupSet',
			applicationId: 33,
			appName: 'File System',
			subclientId,
			subclientName: subclientId === 7 ? 'sql-logs' : 'default',
		};
		return { status: 200, body: { subClientProperties: [{ subClientEntity, commonProperties: { enableBackup: true } }] } };
	}

	/**
	 * `POST retrieveToClient` (the documented template: mode, serviceType, advanced, header.destination,
	 * header.filePaths, header.srcContent): a restore job of the destination client; answers its id.
	 * @param {SimRequest} req @returns {SimResponse}
	 */
	#retrieveToClient(req) {
		const refused = this.#refusal();
		if (refused) return refused;
		const header = req.json?.header;
		const paths = header?.filePaths;
		if (!Array.isArray(paths) || paths.length === 0) return { status: 200, body: { errorCode: 2, errorMessage: 'No file paths to restore.' } };
		const source = header?.srcContent;
		if (source?.subclientId !== 2 && source?.subclientId !== 7) return { status: 200, body: { errorCode: 2, errorMessage: `Subclient [${source?.subclientId}] was not found.` } };
		const destination = header?.destination ?? {};
		if (destination.clientName === 'offline-client') return { status: 200, body: { errorCode: 91, errorMessage: 'The destination client [offline-client] is not reachable.' } };
		const jobId = this.addJob({ states: [...this.restoreStates], jobType: 'Restore', clientName: destination.inPlace ? 'WINTER' : destination.clientName, subclientId: source.subclientId });
		this.restores.push({ body: req.json, jobId });
		return { status: 200, body: { taskId: 40000 + jobId, jobIds: [String(jobId)] } };
	}

	/**
	 * `POST Job/{id}/action/kill|suspend|resume|Resubmit`: kill ends it Killed, suspend holds it
	 * Suspended, resume runs it on to Completed, Resubmit starts a new job of the same subclient and
	 * answers its id. A finished job refuses all but Resubmit. @param {SimRequest} req @returns {SimResponse}
	 */
	#jobAction(req) {
		const refused = this.#refusal();
		if (refused) return refused;
		const jobId = Number(req.params.jobId);
		const job = this.#jobs.get(jobId);
		const action = req.params.action.toLowerCase();
		if (!job) return { status: 200, body: { errorCode: 1, errorMessage: `Job [${jobId}] was not found.` } };
		this.jobActions.push({ jobId, action });
		const now = job.seed.states[Math.min(job.step, job.seed.states.length - 1)];
		if (action === 'resubmit') {
			const fresh = this.addJob({ states: this.backupStates, subclientId: job.seed.subclientId, clientId: job.seed.clientId, jobType: job.seed.jobType });
			return { status: 200, body: { jobIds: [String(fresh)] } };
		}
		if (TERMINAL.test(now)) return { status: 200, body: { errorCode: 1, errorMessage: `Job [${jobId}] has already finished; it cannot be changed.` } };
		const next = { kill: ['Kill Pending', 'Killed'], suspend: ['Suspended'], resume: ['Running', 'Completed'] }[action];
		if (!next) return { status: 404, body: { errorCode: 404, errorMessage: `No action ${req.params.action}.` } };
		job.seed.states = next;
		job.step = 0;
		return { status: 200, body: { errors: [{ errList: [], entity: { jobId } }] } };
	}

	/** The subclient with this id and its client, if the CommServe has it. @param {number} subclientId */
	#subclient(subclientId) {
		for (const client of this.clients) {
			const subclient = client.subclients.find((sc) => sc.subclientId === subclientId);
			if (subclient) return { client, subclient };
		}
		return undefined;
	}

	/** `GET /Client`: every client, not paged (as the API answers it). @returns {SimResponse & { root: string }} */
	#listClients() {
		return {
			status: 200,
			root: 'App_GetClientPropertiesResponse',
			body: {
				clientProperties: this.clients.map((c) => ({
					client: {
						cvdPort: 8400,
						evmgrcPort: 8402,
						clientEntity: {
							_type_: 3,
							clientId: c.clientId,
							clientName: c.clientName,
							displayName: c.displayName ?? c.clientName,
							hostName: `${c.clientName.toLowerCase()}.example.com`,
							clientGUID: `6E2C${String(c.clientId).padStart(4, '0')}-0000-4000-8000-00000000C11E`,
						},
					},
				})),
			},
		};
	}

	/**
	 * `GET /Subclient?clientId=` (or `clientName=`): the client's subclients of every agent and backup set,
	 * not paged. A client without any answers `{}`; an unknown one an in-body error (its text illustrative).
	 * @param {SimRequest} req @returns {SimResponse & { root?: string }}
	 */
	#listSubclients(req) {
		const id = req.query.get('clientId');
		const name = req.query.get('clientName');
		if (!id && !name) return { status: 200, body: { errorCode: 2, errorMessage: 'Either clientId or clientName is required.' } };
		const client = this.clients.find((c) => (id ? String(c.clientId) === id : c.clientName.toLowerCase() === String(name).toLowerCase()));
		if (!client) return { status: 200, body: { errorCode: 2, errorMessage: `Client [${id ?? name}] was not found.` } };
		if (client.subclients.length === 0) return { status: 200, root: 'App_GetSubClientPropertiesResponse', body: {} };
		return {
			status: 200,
			root: 'App_GetSubClientPropertiesResponse',
			body: {
				subClientProperties: client.subclients.map((sc) => {
					const appName = sc.appName ?? 'File System';
					return {
						subClientEntity: {
							_type_: 7,
							clientId: client.clientId,
							clientName: client.clientName,
							appName,
							applicationId: APPLICATION_IDS[appName] ?? 0,
							instanceId: appName === 'File System' ? 1 : 2,
							instanceName: sc.instanceName ?? 'DefaultInstanceName',
							backupsetId: sc.backupsetName === 'defaultBackupSet' ? 3 : 4,
							backupsetName: sc.backupsetName,
							subclientId: sc.subclientId,
							subclientName: sc.subclientName,
						},
					};
				}),
			},
		};
	}

	expireSessions() {
		this.#tokens.clear();
	}

	/** POST /__sim/seed `{ jobs: JobSeed[] }`. @param {any} body */
	seed(body) {
		if (!Array.isArray(body?.jobs)) throw new Error('a Commvault seed is {"jobs": [{"jobId", "states": [...]}, ...]}');
		for (const job of body.jobs) this.addJob(job);
	}

	/** Adds (or replaces) a job; without an id, the next free one. @param {Partial<JobSeed>} seed */
	addJob(seed) {
		const jobId = seed.jobId ?? Math.max(3000, ...this.#jobs.keys()) + 1;
		const states = Array.isArray(seed.states) && seed.states.length ? seed.states : ['Running', 'Completed'];
		this.#jobs.set(jobId, { seed: { startTime: NOW(), ...seed, jobId, states }, step: 0, polls: 0 });
		return jobId;
	}

	/** @param {(req: SimRequest) => SimResponse} handler @returns {(req: SimRequest) => SimResponse} */
	#authed(handler) {
		return (req) => {
			const auth = String(req.headers.authorization ?? '');
			const token = auth.startsWith('Bearer ') ? auth.slice(7) : String(req.headers.authtoken ?? '');
			if (!this.#tokens.use(token)) return { status: 401, rawBody: '', contentType: 'text/html' };
			return this.#format(req, handler(req));
		};
	}

	/** JSON by default; XML when `Accept` asks for it, under the root element the route names. @param {SimRequest} req @param {SimResponse & { root?: string }} r */
	#format(req, r) {
		const wantsXml = /xml/i.test(String(req.headers.accept ?? '')) && !/json/i.test(String(req.headers.accept ?? ''));
		if (!wantsXml || r.rawBody !== undefined) return r;
		const body = /** @type {any} */ (r.body);
		const root = body && typeof body.errorCode === 'number' && body.errorCode !== 0 ? 'CVGui_GenericResp' : (r.root ?? 'App_GenericResponse');
		return { status: r.status, rawBody: `<?xml version="1.0" encoding="UTF-8"?>${toXml(root, body)}`, contentType: 'application/xml; charset=utf-8' };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#login(req) {
		this.countSignIn();
		const body = req.json ?? {};
		if (this.failures >= this.lockAfter) {
			return {
				status: 200,
				body: { errList: [{ errorCode: 1116, errLogMessage: `User account [${this.username}] is locked.` }], isAccountLocked: true, remainingLockTime: 1800 },
			};
		}
		let password = '';
		try {
			password = Buffer.from(String(body.password ?? ''), 'base64').toString('utf8');
		} catch {
			password = '';
		}
		if (body.username !== this.username || password !== this.password) {
			this.failures++;
			const locked = this.failures >= this.lockAfter;
			return {
				status: 200,
				body: {
					errList: [{ errorCode: 1, errLogMessage: `Login failed for user [${String(body.username)}]: Invalid Username or Password` }],
					...(locked ? { isAccountLocked: true, remainingLockTime: 1800 } : {}),
				},
			};
		}
		this.failures = 0;
		const token = this.#tokens.open(`QSDK ${randomBytes(24).toString('hex')}`);
		return {
			status: 200,
			body: { userName: this.username, aliasName: 'admin', loginAttempts: 0, remainingLockTime: 0, providerType: 1, forcePasswordChange: false, isAccountLocked: false, token },
		};
	}

	/** Both tokens rotate; the refresh token works once. @param {SimRequest} req @returns {SimResponse} */
	#renew(req) {
		this.countSignIn();
		const body = req.json ?? {};
		if (body.refreshToken !== this.refreshToken) {
			return { status: 200, body: { error: { errorCode: 5, errorMessage: 'The refresh token is invalid or expired.' } } };
		}
		this.#tokens.close(this.accessToken);
		this.accessToken = `cv-at-${randomBytes(12).toString('hex')}`;
		this.refreshToken = `cv-rt-${randomBytes(12).toString('hex')}`;
		this.#tokens.open(this.accessToken);
		this.renewals.push({ accessToken: this.accessToken, refreshToken: this.refreshToken });
		return { status: 200, body: { accessToken: this.accessToken, refreshToken: this.refreshToken } };
	}

	/** The job as `jobSummary`, one status further on every answer that holds it. @param {{ seed: JobSeed, step: number }} job */
	#summary(job) {
		const { seed } = job;
		const status = seed.states[Math.min(job.step, seed.states.length - 1)];
		job.step++;
		const done = TERMINAL.test(status);
		const last = job.step >= seed.states.length;
		const start = seed.startTime ?? NOW();
		const end = done ? start + 29 : 0;
		const clientName = seed.clientName ?? 'WINTER';
		const subclientName = this.#subclient(seed.subclientId ?? 2)?.subclient.subclientName ?? 'default';
		return {
			jobSummary: {
				jobId: seed.jobId,
				status,
				localizedStatus: status,
				jobType: seed.jobType ?? 'Backup',
				localizedOperationName: seed.jobType ?? 'Backup',
				appTypeName: 'File System',
				percentComplete: done ? 100 : 37,
				currentPhaseName: done ? '' : 'Backup',
				pendingReason: last ? (seed.pendingReason ?? '') : '',
				jobStartTime: start,
				jobEndTime: end,
				lastUpdateTime: done ? end : NOW(),
				isVisible: true,
				subclientName,
				destClientName: clientName,
				...(seed.backupLevel && { backupLevelName: seed.backupLevel }),
				subclient: { clientId: seed.clientId ?? 2, clientName, appName: 'File System', subclientId: seed.subclientId ?? 2, subclientName },
			},
		};
	}

	/** @param {SimRequest} req @returns {SimResponse & { root: string }} */
	#getJob(req) {
		const job = this.#jobs.get(Number(req.params.jobId));
		const root = 'JobManager_JobListResponse';
		if (!job || job.polls++ < (job.seed.invisiblePolls ?? 0)) return { status: 200, root, body: { totalRecordsWithoutPaging: 0 } };
		return { status: 200, root, body: { totalRecordsWithoutPaging: 1, jobs: [this.#summary(job)] } };
	}

	/** limit/offset from the headers (as documented) or the query. @param {SimRequest} req @returns {SimResponse & { root: string }} */
	#listJobs(req) {
		const q = req.query;
		const lookup = Number(q.get('completedJobLookupTime') ?? 31536000);
		const category = (q.get('jobCategory') ?? 'All').toLowerCase();
		const types = (q.has('jobFilter') ? String(q.get('jobFilter')) : 'Backup').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
		const client = q.get('clientId');
		const limit = Number(req.headers.limit ?? q.get('limit') ?? 100);
		const offset = Number(req.headers.offset ?? q.get('offset') ?? 0);
		const since = NOW() - lookup;
		const matching = [...this.#jobs.values()].filter((job) => {
			const s = job.seed;
			if (job.polls < (s.invisiblePolls ?? 0)) return false;
			if (types.length && !types.includes(String(s.jobType ?? 'Backup').toLowerCase())) return false;
			if (client && String(s.clientId ?? 2) !== client) return false;
			const status = s.states[Math.min(job.step, s.states.length - 1)];
			const done = TERMINAL.test(status);
			if (category === 'active' && done) return false;
			if (category === 'finished' && !done) return false;
			return !done || (s.startTime ?? 0) >= since;
		});
		const page = matching.sort((a, b) => b.seed.jobId - a.seed.jobId).slice(offset, offset + this.pageSizeOf(limit));
		return {
			status: 200,
			root: 'JobManager_JobListResponse',
			body: page.length ? { totalRecordsWithoutPaging: matching.length, jobs: page.map((job) => this.#summary(job)) } : { totalRecordsWithoutPaging: 0 },
		};
	}

	/** @param {SimRequest} req @param {'current' | 'legacy'} form @param {string} groupParam @returns {SimResponse & { root?: string }} */
	#drStats(req, form, groupParam) {
		if (form !== this.drApi) return { status: 404, body: { errorCode: 404, errorMessage: 'Not found.' } };
		const group = req.query.get(groupParam);
		if (group && group !== '38') return { status: 200, body: { errors: [{ errList: [{ errorCode: 2, errLogMessage: `DR group [${group}] was not found.` }] }] } };
		const jobId = Number(req.query.get('jobId') ?? 0);
		const jobs = [...this.#jobs.values()].filter((j) => j.seed.jobType === 'DRORCHESTRATION' && (!jobId || j.seed.jobId === jobId));
		return {
			status: 200,
			root: 'Api_VirtualAppJobDetailsResp',
			body: {
				job: jobs.map((j) => {
					const status = j.seed.states[Math.min(Math.max(j.step - 1, 0), j.seed.states.length - 1)];
					const done = TERMINAL.test(status);
					const reached = done ? DR_PHASES : DR_PHASES.slice(0, 3).map((p, i) => (i === 2 ? { ...p, end: 0 } : p));
					const phases = reached.slice(0, j.seed.drPhases ?? reached.length);
					return {
						jobId: j.seed.jobId,
						replicationId: 22,
						phase: phases.map((p) => ({
							phase: p.phase,
							status: p.status,
							startTime: { _type_: 55, time: p.start },
							...(p.end ? { endTime: { _type_: 55, time: p.end } } : {}),
						})),
						client: { clientId: 0, clientName: j.seed.clientName ?? 'johndoeVm9' },
						vapp: { vAppId: 38 },
					};
				}),
			},
		};
	}

	/** @param {SimRequest} _req @param {'current' | 'legacy'} form @returns {SimResponse & { root?: string }} */
	#drGroups(_req, form) {
		if (form !== this.drApi) return { status: 404, body: { errorCode: 404, errorMessage: 'Not found.' } };
		return {
			status: 200,
			root: 'App_GetVirtualAppResponse',
			body: {
				vApp: [
					{ vAppEntity: { vAppId: 38, vAppName: 'finance-dr' }, description: 'Finance VMs', isVirtualLab: false, operationType: 16, clientList: [{ clientId: 385, clientName: 'johndoeVm9' }] },
					{ vAppEntity: { vAppId: 41, vAppName: 'crm-dr' }, description: 'CRM', isVirtualLab: false, operationType: 16, clientList: [{ clientId: 386, clientName: 'crmVm1' }] },
				],
			},
		};
	}
}

module.exports = { CommvaultSimulator, ROOT, DR_PHASES };
