// @ts-check
'use strict';
/**
 * Cohesity cluster v2 / Helios simulator (see /work/shared/reference/cohesity.md): API-key and
 * access-token sign-in (an expired token answers 401 "Token expired"), the Helios routing headers,
 * protection groups and their runs with `paginationCookie` paging, and errors as `{errorCode, message}`.
 * Each run moves one step per GET that returns it, and each part (local backup, every replication,
 * archival and CloudSpin target) has its own list of states, so the local part can finish while its
 * copies are still queued or running, and a copy can be absent until it is queued (as on a cluster).
 */
const { randomBytes } = require('node:crypto');
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 *
 * @typedef {object} PartSeed A replication, archival or CloudSpin target.
 * @property {string} name Cluster name (replication), target name (archival, CloudSpin).
 * @property {number} [id] Cluster or target id.
 * @property {(string | null)[]} states One per poll; null = the target is not queued yet (absent); the last stays.
 * @property {string} [message] Shown once the target is in its last state.
 * @property {boolean} [isInBound] Replication only: the run is an incoming copy.
 *
 * @typedef {object} RunSeed
 * @property {number} startTimeUsecs Also the second half of the run id (`jobId:startTimeUsecs`).
 * @property {(string | null)[]} local localBackupInfo.status, one per poll; the last one stays. Any string is allowed.
 * @property {string} [runType] Default kRegular.
 * @property {string[]} [messages] localBackupInfo.messages once the local part is in its last state.
 * @property {PartSeed[]} [replication]
 * @property {PartSeed[]} [archival]
 * @property {PartSeed[]} [cloudSpin]
 * @property {boolean} [isCloudArchivalDirect]
 * @property {boolean} [listed] false: the runs list leaves the run out (as beyond what a list call
 *   returns) while `…/runs/{runId}` still answers, so a client's bulk read must fall back.
 * @property {number} [stepMs] Moves one state on every `stepMs` of real time instead of one per answer, so
 *   several readers (a trigger, a workflow, the editor) see the same run at the same moment.
 *
 * @typedef {object} GroupSeed
 * @property {string} id 'clusterId:incarnationId:jobId'.
 * @property {string} name
 * @property {string} [environment] Default kVMware.
 * @property {boolean} [isActive] Default true (false: a replicated copy on a target cluster).
 * @property {boolean} [lastRunInfo] false: the groups list gives no `lastRun` for this group even when asked.
 * @property {RunSeed[]} [runs]
 *
 * @typedef {{ seed: RunSeed, group: GroupSeed, id: string, step: number, polls: number, addedAt: number }} Run
 * @typedef {{ at: string, body: any, id: string }} RecoveryRequest
 * @typedef {object} RecoverySeed A recovery the simulator moves through its states.
 * @property {string} name
 * @property {string} snapshotEnvironment
 * @property {string} recoveryAction
 * @property {number} startTimeUsecs
 * @property {string[]} states One per answer that shows the recovery; the last one stays.
 * @property {string[]} [messages] Shown once the recovery is in its last state.
 * @property {any} [params] The environment's params as sent (`vmwareParams` …), echoed back.
 * @typedef {{ seed: RecoverySeed, id: string, step: number }} Recovery
 *
 * @typedef {object} CohesityOptions
 * @property {string} [apiKey]
 * @property {string} [username]
 * @property {string} [password]
 * @property {string} [domain] Accepted case-insensitively, as AD domains are.
 * @property {string} [accessClusterId] Helios mode: every API call must send this `accessClusterId` header.
 * @property {string} [regionId] Helios SaaS mode: every API call must also send this `regionId` header.
 * @property {number} [tokenMaxRequests] Requests an access token serves before it expires ("Token expired").
 * @property {number} [maxPageSize] Caps `maxResultCount`, so tests can force paging with few records.
 * @property {number} [latencyMs] Every answer this much later (framework `latencyMs`).
 * @property {GroupSeed[]} [groups]
 */

const API = '/v2';
const GROUPS = `${API}/data-protect/protection-groups`;
/** Recover VMs, files, databases … from a snapshot (cluster v2 `POST /data-protect/recoveries`). */
const RECOVERIES = `${API}/data-protect/recoveries`;
const TERMINAL = new Set(['succeeded', 'succeededwithwarning', 'failed', 'missed', 'canceled', 'cancelled', 'skipped']);
const RESTORABLE = new Set(['succeeded', 'succeededwithwarning']);

/** errorCode per HTTP status; only KStatusUnauthorized and KValidationError are seen in vendor tooling [inferred]. */
/** @type {Record<number, string>} */
const ERROR_CODE = {
	400: 'KValidationError',
	401: 'KStatusUnauthorized',
	403: 'KPermissionDenied',
	404: 'KNotFound',
	429: 'KTooManyRequests',
	500: 'KInternalError',
	503: 'KServiceUnavailable',
};

/** "If not specified, at most 100 runs will be returned." */
const DEFAULT_NUM_RUNS = 100;

/** @param {number} status @param {string} message */
const errorBody = (status, message) => ({ errorCode: ERROR_CODE[status] ?? 'KError', message });
/** @param {number} status @param {string} message @returns {SimResponse} */
const fail = (status, message) => ({ status, body: errorBody(status, message) });

const DEFAULT_GROUP_ID = '4594155844987574:1679899218812:880';
const PAGED_GROUP_ID = '4594155844987574:1679899218812:912';
const EMPTY_GROUP_ID = '4594155844987574:1679899218812:950';
const DR = { name: 'dr-cluster-01', id: 5012345678901234 };
const S3 = { name: 'aws_s3_standard_target', id: 1276424 };

/** Per part: seconds from the run start to the part's start, and from the part's start to its end. @type {Record<string, [number, number]>} */
const TIMING = { local: [0, 281], replication: [5, 437], archival: [283, 29], cloudSpin: [300, 120] };

/** @returns {GroupSeed[]} */
function defaultGroups() {
	/** @type {RunSeed[]} */
	const daily = [];
	for (let k = 0; k < 250; k++) {
		daily.push({
			startTimeUsecs: 1700000000000000 + k * 86400000000,
			local: [k % 10 === 9 ? 'SucceededWithWarning' : 'Succeeded'],
			...(k % 10 === 9 && { messages: ['Number of files skipped due to errors 2, please see task logs for more details'] }),
			replication: [{ ...DR, states: ['Succeeded'] }],
		});
	}
	return [
		{
			id: DEFAULT_GROUP_ID,
			name: 'cassandra_UInew',
			environment: 'kCassandra',
			runs: [
				{
					startTimeUsecs: 1680005024062490,
					runType: 'kFull',
					local: ['Succeeded'],
					replication: [{ ...DR, states: ['Succeeded'] }],
					archival: [{ ...S3, states: ['Succeeded'] }],
				},
				{
					startTimeUsecs: 1680091424062490,
					local: ['SucceededWithWarning'],
					messages: ['Number of files skipped due to errors 6, please see task logs for more details'],
					replication: [{ ...DR, states: ['Succeeded'] }],
				},
				{
					startTimeUsecs: 1680177824062490,
					local: ['Failed'],
					messages: ['Backup failed for 1 object(s). See object details for errors.'],
				},
				{
					// The latest run: the local snapshot is done on the third poll, the copies later.
					startTimeUsecs: 1680264224062490,
					local: ['Accepted', 'Running', 'Succeeded'],
					replication: [{ ...DR, states: [null, 'Accepted', 'Running', 'Running', 'Succeeded'] }],
					archival: [{ ...S3, states: [null, null, 'Accepted', 'Running', 'Succeeded'] }],
				},
			],
		},
		{ id: PAGED_GROUP_ID, name: 'vmware_prod', environment: 'kVMware', runs: daily },
		{ id: EMPTY_GROUP_ID, name: 'oracle_new', environment: 'kOracle', runs: [] },
		{ id: '5012345678901234:1679900000000:1001', name: 'cassandra_UInew_replica', environment: 'kCassandra', isActive: false, runs: [] },
	];
}

/**
 * The protected objects of a group: two VMs of a VMware group, one server otherwise.
 * @param {GroupSeed} group
 */
function objectsOf(group) {
	const environment = group.environment ?? 'kVMware';
	const names = environment === 'kVMware' ? [`${group.name}-vm-1`, `${group.name}-vm-2`] : [`${group.name}-object-1`];
	return names.map((name, k) => ({ id: 1234 + k, name, environment, sourceId: 1 }));
}

/** @param {SimRequest} req @param {string} name */
function header(req, name) {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

/** @param {string} groupId */
const jobIdOf = (groupId) => groupId.split(':').pop() ?? groupId;

/** @param {string | null | undefined} status */
const isTerminal = (status) => typeof status === 'string' && TERMINAL.has(status.toLowerCase());

/** @param {URLSearchParams} q @param {string} name @returns {string[] | undefined} */
function list(q, name) {
	const values = q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
	return values.length > 0 ? values : undefined;
}

/** @param {URLSearchParams} q @param {string} name */
const flag = (q, name) => q.get(name)?.toLowerCase() === 'true';

/** @param {string | null} cookie @returns {number | undefined} */
function offsetOf(cookie) {
	if (cookie === null || cookie === '') return 0;
	try {
		const o = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')).offset;
		return Number.isInteger(o) && o >= 0 ? o : undefined;
	} catch {
		return undefined;
	}
}

/** @param {number} offset */
const cookieFor = (offset) => Buffer.from(JSON.stringify({ offset })).toString('base64url');

class CohesitySimulator extends SimulatorServer {
	#tokens = new SessionStore();
	/** @type {Map<string, GroupSeed>} */
	#groups = new Map();
	/** @type {Map<string, Run>} */
	#runs = new Map();
	/** @type {GroupSeed[]} */
	#seeds;
	/** Recoveries asked for since the last reset, oldest first. @type {RecoveryRequest[]} */
	recoveries = [];

	/** @param {CohesityOptions} [options] */
	constructor(options = {}) {
		super({ name: 'cohesity', errorBody, latencyMs: options.latencyMs });
		this.apiKey = options.apiKey ?? '5c0e7a41-sim-4d2b-9f1e-c0he51tyk3y0';
		this.username = options.username ?? 'admin';
		this.password = options.password ?? 'Sim-Cohesity-1!';
		this.domain = options.domain ?? 'LOCAL';
		this.accessClusterId = options.accessClusterId;
		this.regionId = options.regionId;
		this.#tokens.maxRequests = options.tokenMaxRequests ?? Infinity;
		this.maxPageSize = options.maxPageSize ?? 1000;
		this.#seeds = structuredClone(options.groups ?? defaultGroups());
		this.reset();

		this.route('POST', `${API}/access-tokens`, (req) => this.#signIn(req), { session: true });
		this.route('GET', GROUPS, this.#authed((req) => this.#listGroups(req)));
		this.route('GET', `${GROUPS}/:groupId/runs`, this.#authed((req) => this.#listRuns(req)));
		this.route('POST', `${GROUPS}/:groupId/runs/actions`, this.#authed((req) => this.#runAction(req)));
		this.route('POST', `${GROUPS}/:groupId/runs`, this.#authed((req) => this.#runNow(req)));
		this.route('GET', `${GROUPS}/:groupId/runs/:runId`, this.#authed((req) => this.#getRun(req)));
		this.route('POST', RECOVERIES, this.#authed((req) => this.#createRecovery(req)));
		this.route('GET', RECOVERIES, this.#authed((req) => this.#listRecoveries(req)));
		this.route('POST', `${RECOVERIES}/:id/cancel`, this.#authed((req) => this.#cancelRecovery(req)));
		this.route('GET', `${RECOVERIES}/:id`, this.#authed((req) => this.#getRecovery(req)));

		// Control routes for shell scripts and the demo: add a run that started now, read the recoveries asked for.
		this.controlRoute('POST', '/__sim/runs', (json) => ({ id: this.addRecentRun(json) }));
		this.controlRoute('GET', '/__sim/recoveries', () => this.recoveries);
		this.controlRoute('GET', '/__sim/run-nows', () => this.runNows);
		// For the end-to-end tests: the local states the next runs started with Run Now go through (a reset restores them).
		this.controlRoute('POST', '/__sim/run-now-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('run-now-states is {"states": ["Running", "Failed"]}');
			this.runNowStates = json.states.map(String);
			return { states: this.runNowStates };
		});
		// The states (and end messages) of the recoveries created next, e.g. {"states": ["Running", "Failed"]}.
		this.controlRoute('POST', '/__sim/recovery-states', (json) => {
			if (!Array.isArray(json.states) || json.states.length === 0) throw new Error('recovery-states needs {"states": [...]}');
			this.recoveryStates = json.states.map(String);
			this.recoveryMessages = Array.isArray(json.messages) ? json.messages.map(String) : undefined;
			return { ok: true };
		});
		this.controlRoute('POST', '/__sim/recoveries', (json) => ({ id: this.addRecovery(json) }));
	}

	/** Runs started with Run Now since the last reset: the group, the body and the run made. @type {Array<{ groupId: string, body: any, runId: string }>} */
	runNows = [];
	/** Cancels received: run ids. @type {string[]} */
	cancels = [];
	/** Every recovery by id, with its states. @type {Map<string, Recovery>} */
	#recoveries = new Map();
	/** The states a recovery created next goes through, one per answer that shows it. @type {string[]} */
	recoveryStates = ['Accepted', 'Running', 'Succeeded'];
	/** The messages of a recovery created next, once in its last state. @type {string[] | undefined} */
	recoveryMessages = undefined;
	/** The cluster refuses the next recovery with this message (400), then accepts again. @type {string | undefined} */
	refuseNextRecovery = undefined;
	/** Recovery cancels received: recovery ids. @type {string[]} */
	recoveryCancels = [];
	/** The local states a run started with Run Now goes through, one per answer that shows it. @type {string[]} */
	runNowStates = ['Accepted', 'Running', 'Succeeded'];
	/** Another client's run of the same type that starts together with the next Run Now (a race). */
	raceNextRunNow = false;

	/** Whether the run's local part is at a state that is not final. @param {Run} run */
	#running(run) {
		const status = run.seed.local[Math.min(run.step, run.seed.local.length - 1)];
		return status !== null && !isTerminal(status);
	}

	/**
	 * `POST …/runs` (Run Now): a new run of the group; the answer names only the group, as on a cluster.
	 * A group with a run in progress refuses another. @param {SimRequest} req @returns {SimResponse}
	 */
	#runNow(req) {
		const group = this.#group(req);
		if ('status' in group) return group;
		const body = req.json ?? {};
		const runType = String(body.runType ?? '');
		if (!['kRegular', 'kFull', 'kLog', 'kSystem', 'kHydrateCDP', 'kStorageArraySnapshot'].includes(runType)) return fail(400, `Invalid runType ${runType || '(none)'}.`);
		if ([...this.#runs.values()].some((run) => run.group === group && this.#running(run))) {
			return fail(400, `Protection group ${group.name} already has a run in progress.`);
		}
		const start = Date.now() * 1000;
		if (this.raceNextRunNow) {
			this.raceNextRunNow = false;
			this.#addRun(group, { startTimeUsecs: start - 1, local: ['Running', 'Succeeded'], runType });
		}
		const runId = this.#addRun(group, { startTimeUsecs: start, local: [...this.runNowStates], runType });
		this.runNows.push({ groupId: group.id, body, runId });
		return { status: 201, body: { protectionGroupId: group.id } };
	}

	/** `POST …/runs/actions` `{action: "Cancel", cancelParams: [{runId}]}`: the run's local part ends Canceled. @param {SimRequest} req @returns {SimResponse} */
	#runAction(req) {
		const group = this.#group(req);
		if ('status' in group) return group;
		const body = req.json ?? {};
		if (body.action !== 'Cancel') return fail(400, `Action ${String(body.action)} is not simulated.`);
		const results = [];
		for (const param of Array.isArray(body.cancelParams) ? body.cancelParams : []) {
			const run = this.#runs.get(String(param.runId));
			if (!run || run.group !== group) return fail(404, `Run ${String(param.runId)} does not exist.`);
			if (!this.#running(run)) return fail(400, `Run ${run.id} has already finished.`);
			this.cancels.push(run.id);
			run.seed.local = [...run.seed.local.slice(0, run.step), 'Canceling', 'Canceled'];
			results.push({ runId: run.id });
		}
		return { status: 200, body: { action: 'Cancel', cancelParams: results } };
	}

	describe() {
		return {
			apiKey: this.apiKey,
			username: this.username,
			password: this.password,
			domain: this.domain,
			protectionGroupId: DEFAULT_GROUP_ID,
			...(this.accessClusterId && { accessClusterId: this.accessClusterId }),
			...(this.regionId && { regionId: this.regionId }),
		};
	}

	/** Back to the construction seeds; every token is dropped. */
	reset() {
		this.#tokens.clear();
		this.recoveries = [];
		this.#recoveries.clear();
		this.recoveryStates = ['Accepted', 'Running', 'Succeeded'];
		this.recoveryMessages = undefined;
		this.refuseNextRecovery = undefined;
		this.recoveryCancels = [];
		this.runNows = [];
		this.cancels = [];
		this.runNowStates = ['Accepted', 'Running', 'Succeeded'];
		this.raceNextRunNow = false;
		this.#groups.clear();
		this.#runs.clear();
		for (const seed of this.#seeds) this.addGroup(seed);
	}

	expireSessions() {
		this.#tokens.clear();
	}

	/** POST /__sim/seed `{ groups: GroupSeed[] }`: adds (or replaces) groups and their runs. @param {any} body */
	seed(body) {
		if (!Array.isArray(body?.groups)) throw new Error('a Cohesity seed is {"groups": [{"id", "name", "runs": [...]}, ...]}');
		for (const group of body.groups) this.addGroup(group);
	}

	/** Adds (or replaces) a group and its runs until the next reset(). @param {GroupSeed} seed */
	addGroup(seed) {
		if (!/^\d+:\d+:\d+$/.test(seed?.id ?? '')) throw new Error('a group seed needs an id like 1:2:3');
		const group = structuredClone(seed);
		this.#groups.set(group.id, group);
		for (const [id, run] of this.#runs) if (run.group.id === group.id) this.#runs.delete(id);
		for (const run of group.runs ?? []) this.#addRun(group, run);
		return this;
	}

	/** Adds a run to a seeded group; returns its id. @param {string} groupId @param {RunSeed} seed */
	addRun(groupId, seed) {
		const group = this.#groups.get(groupId);
		if (!group) throw new Error(`no group ${groupId}`);
		return this.#addRun(group, structuredClone(seed));
	}

	/** @param {GroupSeed} group @param {RunSeed} seed */
	#addRun(group, seed) {
		if (!Number.isInteger(seed.startTimeUsecs) || !Array.isArray(seed.local) || seed.local.length === 0) {
			throw new Error('a run seed needs an integer startTimeUsecs and at least one local state');
		}
		const id = `${jobIdOf(group.id)}:${seed.startTimeUsecs}`;
		this.#runs.set(id, { seed, group, id, step: 0, polls: 0, addedAt: Date.now() });
		return id;
	}

	/**
	 * Adds a run that started `ageSeconds` ago (default 300: its local backup ends about now) to a group
	 * (default: the first seeded one). Returns its id.
	 * @param {{ groupId?: string, local?: string[], messages?: string[], ageSeconds?: number, stepMs?: number }} [options]
	 */
	addRecentRun(options = {}) {
		const groupId = options.groupId ?? DEFAULT_GROUP_ID;
		const local = options.local ?? ['Succeeded'];
		let start = (Date.now() - 1000 * (options.ageSeconds ?? 300)) * 1000;
		while (this.#runs.has(`${jobIdOf(groupId)}:${start}`)) start += 1;
		const failed = ['failed', 'missed'].includes(String(local[local.length - 1]).toLowerCase());
		const messages = options.messages ?? (failed ? ['Backup failed for 1 object(s). See object details for errors.'] : undefined);
		return this.addRun(groupId, { startTimeUsecs: start, local, messages, stepMs: options.stepMs });
	}

	/**
	 * Fills a group's history with `count` finished runs, one an hour back from `endBeforeMs` (default: 30
	 * days ago), every `failEvery`-th failed. Returns the ids.
	 * @param {string} groupId @param {number} count @param {{ endBeforeMs?: number, failEvery?: number }} [options]
	 */
	addHistory(groupId, count, options = {}) {
		const group = this.#groups.get(groupId);
		if (!group) throw new Error(`no group ${groupId}`);
		const end = options.endBeforeMs ?? Date.now() - 30 * 86_400_000;
		const ids = [];
		for (let k = 0; k < count; k++) {
			const failed = options.failEvery !== undefined && k % options.failEvery === 0;
			ids.push(this.#addRun(group, { startTimeUsecs: (end - (k + 1) * 3_600_000) * 1000, local: [failed ? 'Failed' : 'Succeeded'] }));
		}
		return ids;
	}

	/**
	 * Starts a run of a group every `everyMs` that runs for `runMs` and then ends, every `failEvery`-th
	 * failed: a live history for the demo. Returns a function that stops it (stop() also does).
	 * @param {{ groupId?: string, everyMs?: number, runMs?: number, failEvery?: number }} [options]
	 */
	growHistory(options = {}) {
		const everyMs = options.everyMs ?? 120_000;
		const runMs = options.runMs ?? 30_000;
		return this.every(everyMs, (n) => {
			const failed = options.failEvery !== undefined && n % options.failEvery === 0;
			this.addRecentRun({ groupId: options.groupId, ageSeconds: 0, local: ['Running', failed ? 'Failed' : 'Succeeded'], stepMs: runMs });
		});
	}

	/** How many answers have returned this run. @param {string} runId */
	runPolls(runId) {
		return this.#runs.get(runId)?.polls ?? 0;
	}

	get liveTokens() {
		return this.#tokens.size;
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#signIn(req) {
		const body = req.json ?? {};
		const domain = typeof body.domain === 'string' && body.domain !== '' ? body.domain : 'LOCAL';
		if (body.username !== this.username || body.password !== this.password || domain.toLowerCase() !== this.domain.toLowerCase()) {
			return fail(401, 'Invalid username or password.');
		}
		const accessToken = this.#tokens.open(`sim-${randomBytes(24).toString('hex')}`);
		this.countSignIn();
		return { status: 201, body: { accessToken, privileges: ['PROTECTION_VIEW'], tokenType: 'Bearer' } };
	}

	/**
	 * An API key or a Bearer token, then the Helios routing headers. Every request with a token uses
	 * one of tokenMaxRequests, so a test can make the token expire at an exact request.
	 * @param {(req: SimRequest) => SimResponse} handler @returns {(req: SimRequest) => SimResponse}
	 */
	#authed(handler) {
		return (req) => {
			const apiKey = header(req, 'apiKey');
			const bearer = /^bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
			if (apiKey !== undefined) {
				if (apiKey !== this.apiKey) return fail(401, 'API Key does not exist.');
			} else if (bearer !== undefined) {
				if (!this.#tokens.use(bearer)) return fail(401, 'Token expired');
			} else {
				return fail(401, 'Authentication required: send an apiKey header or an access token.');
			}
			// Helios answers for the cluster named in accessClusterId; without it there is no cluster to ask [inferred].
			if (this.accessClusterId !== undefined && header(req, 'accessClusterId') !== this.accessClusterId) {
				return fail(400, `accessClusterId header must name a connected cluster (${this.accessClusterId}).`);
			}
			if (this.regionId !== undefined && header(req, 'regionId') !== this.regionId) {
				return fail(400, 'regionId header must name the region of the cluster.');
			}
			return handler(req);
		};
	}

	/**
	 * `POST /v2/data-protect/recoveries`: a name, the snapshot environment and its params with a
	 * `recoveryAction` and the snapshot ids to recover from, each one a snapshot of a run here (a run's
	 * objects name them with `includeObjectDetails`). Answers 201 with the new recovery; it then moves
	 * through `recoveryStates`, one per answer that shows it.
	 * @param {SimRequest} req @returns {SimResponse}
	 */
	#createRecovery(req) {
		const body = req.json;
		if (!body || typeof body.name !== 'string' || body.name === '' || typeof body.snapshotEnvironment !== 'string') {
			return fail(400, 'A recovery needs a name and a snapshotEnvironment.');
		}
		const key = `${body.snapshotEnvironment.replace(/^k/, '').replace(/^[A-Z]+/, (/** @type {string} */ m) => m.toLowerCase())}Params`;
		const params = body[key];
		if (!params || typeof params.recoveryAction !== 'string') return fail(400, `A ${body.snapshotEnvironment} recovery needs ${key} with a recoveryAction.`);
		const snapshotIds = (Array.isArray(params.objects) ? params.objects : []).map((/** @type {any} */ o) => String(o?.snapshotId ?? ''));
		if (snapshotIds.length === 0) return fail(400, 'Specify at least one snapshot to recover from.');
		const unknown = snapshotIds.find((/** @type {string} */ id) => !this.#snapshotExists(id));
		if (unknown !== undefined) return fail(404, `Snapshot ${unknown} does not exist.`);
		if (this.refuseNextRecovery !== undefined) {
			const message = this.refuseNextRecovery;
			this.refuseNextRecovery = undefined;
			return fail(400, message);
		}
		const id = this.addRecovery({ name: body.name, snapshotEnvironment: body.snapshotEnvironment, recoveryAction: params.recoveryAction, params, paramsKey: key });
		this.recoveries.push({ at: new Date().toISOString(), body, id });
		return { status: 201, body: this.#recoveryView(/** @type {Recovery} */ (this.#recoveries.get(id))) };
	}

	/**
	 * Adds a recovery that started `ageSeconds` ago (default 0) and moves through `states` (default
	 * `recoveryStates`): what a POST makes, and the trigger tests' recoveries made in the UI. Returns its id.
	 * @param {{ name?: string, snapshotEnvironment?: string, recoveryAction?: string, states?: string[], messages?: string[], ageSeconds?: number, params?: any, paramsKey?: string }} options
	 */
	addRecovery(options = {}) {
		const id = `${DEFAULT_GROUP_ID.split(':').slice(0, 2).join(':')}:${9000 + this.#recoveries.size}`;
		const states = options.states ?? this.recoveryStates;
		const last = String(states[states.length - 1]).toLowerCase();
		const failed = last === 'failed';
		this.#recoveries.set(id, {
			id,
			step: 0,
			seed: {
				name: options.name ?? `Recover_VMs_${id.split(':').pop()}`,
				snapshotEnvironment: options.snapshotEnvironment ?? 'kVMware',
				recoveryAction: options.recoveryAction ?? 'RecoverVMs',
				startTimeUsecs: (Date.now() - 1000 * (options.ageSeconds ?? 0)) * 1000,
				states: [...states],
				messages: options.messages ?? this.recoveryMessages ?? (failed ? ['Failed to recover VM web-01: the datastore has no space left.'] : undefined),
				params: options.paramsKey ? { [options.paramsKey]: options.params } : {},
			},
		});
		return id;
	}

	/** A snapshot id names a run's object: `<group id>:<run start µs>:<object id>`. @param {string} snapshotId */
	#snapshotExists(snapshotId) {
		const parts = snapshotId.split(':');
		const runId = `${parts[2]}:${parts[3]}`;
		const run = this.#runs.get(runId);
		return run !== undefined && `${run.group.id}:${run.seed.startTimeUsecs}` === parts.slice(0, 4).join(':') && objectsOf(run.group).some((o) => String(o.id) === parts[4]);
	}

	/** The recovery as the API shows it, then one step on. @param {Recovery} r */
	#pollRecovery(r) {
		const view = this.#recoveryView(r);
		if (r.step < r.seed.states.length - 1) r.step++;
		return view;
	}

	/** @param {Recovery} r */
	#recoveryView(r) {
		const { seed } = r;
		const status = seed.states[Math.min(r.step, seed.states.length - 1)];
		const ended = isTerminal(status);
		return {
			id: r.id,
			name: seed.name,
			snapshotEnvironment: seed.snapshotEnvironment,
			recoveryAction: seed.recoveryAction,
			status,
			startTimeUsecs: seed.startTimeUsecs,
			...(ended && { endTimeUsecs: seed.startTimeUsecs + 95_000_000 }),
			...(ended && seed.messages && { messages: seed.messages }),
			progressTaskId: `recover_${r.id.split(':').pop()}`,
			creationInfo: { userName: this.username },
			isParentRecovery: false,
			canTearDown: false,
			...seed.params,
		};
	}

	/** `GET /v2/data-protect/recoveries`: filtered by ids, start time, status, environment and action; newest first; no paging. @param {SimRequest} req @returns {SimResponse} */
	#listRecoveries(req) {
		const q = req.query;
		const ids = list(q, 'ids');
		const from = Number(q.get('startTimeUsecs') ?? 0);
		const to = Number(q.get('endTimeUsecs') ?? Number.MAX_SAFE_INTEGER);
		/** @param {string} name @param {string} value */
		const accepts = (name, value) => {
			const wanted = list(q, name);
			return !wanted || wanted.some((w) => w.toLowerCase() === value.toLowerCase());
		};
		const shown = [...this.#recoveries.values()]
			.filter((r) => (!ids || ids.includes(r.id)) && r.seed.startTimeUsecs >= from && r.seed.startTimeUsecs <= to)
			.filter((r) => accepts('snapshotEnvironments', r.seed.snapshotEnvironment) && accepts('recoveryActions', r.seed.recoveryAction))
			.filter((r) => accepts('status', String(r.seed.states[Math.min(r.step, r.seed.states.length - 1)])))
			.sort((a, b) => b.seed.startTimeUsecs - a.seed.startTimeUsecs);
		return { status: 200, body: { recoveries: shown.map((r) => this.#pollRecovery(r)) } };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#getRecovery(req) {
		const r = this.#recoveries.get(req.params.id);
		return r ? { status: 200, body: this.#pollRecovery(r) } : fail(404, `Recovery ${req.params.id} does not exist.`);
	}

	/** `POST …/recoveries/{id}/cancel` (204): the recovery goes through Canceling to Canceled. @param {SimRequest} req @returns {SimResponse} */
	#cancelRecovery(req) {
		const r = this.#recoveries.get(req.params.id);
		if (!r) return fail(404, `Recovery ${req.params.id} does not exist.`);
		if (isTerminal(r.seed.states[Math.min(r.step, r.seed.states.length - 1)])) return fail(400, `Recovery ${r.id} has already finished.`);
		this.recoveryCancels.push(r.id);
		r.seed.states = [...r.seed.states.slice(0, r.step), 'Canceling', 'Canceled'];
		r.seed.messages = undefined;
		return { status: 204 };
	}

	/**
	 * The run as the API shows it at its current step (without advancing it).
	 * @param {Run} run @param {boolean} objects
	 */
	#view(run, objects) {
		const { seed, group } = run;
		if (seed.stepMs) run.step = Math.floor((Date.now() - run.addedAt) / seed.stepMs);
		const at = /** @param {(string | null)[]} states */ (states) => states[Math.min(run.step, states.length - 1)];
		const start = seed.startTimeUsecs;
		/** @param {(string | null)[]} states @param {[number, number]} timing */
		const times = (states, timing) => {
			const status = at(states);
			const partStart = start + timing[0] * 1e6;
			return {
				startTimeUsecs: partStart,
				...(isTerminal(status) && { endTimeUsecs: partStart + timing[1] * 1e6 }),
			};
		};
		/** @param {(string | null)[]} states */
		const last = (states) => run.step >= states.length - 1;
		const localStatus = at(seed.local);
		const failed = localStatus?.toLowerCase() === 'failed';
		/** @param {PartSeed[] | undefined} parts @param {[number, number]} timing @param {(p: PartSeed) => Record<string, unknown>} fields */
		const targets = (parts, timing, fields) =>
			(parts ?? [])
				.filter((p) => at(p.states) !== null)
				.map((p) => ({
					...fields(p),
					queuedTimeUsecs: start + 5e6,
					...times(p.states, timing),
					status: at(p.states),
					...(last(p.states) && p.message && { message: p.message }),
				}));
		const replication = targets(seed.replication, TIMING.replication, (p) => ({
			clusterId: p.id ?? 0,
			clusterName: p.name,
			replicationTaskId: `${group.id}:${start % 1e7}1`,
			isInBound: p.isInBound === true,
			stats: {},
		}));
		const archival = targets(seed.archival, TIMING.archival, (p) => ({
			targetId: p.id ?? 0,
			targetName: p.name,
			targetType: 'Cloud',
			usageType: 'Archival',
			ownershipContext: 'Local',
			runType: seed.runType ?? 'kRegular',
			isIncremental: seed.runType !== 'kFull',
			archivalTaskId: `${group.id}:${start % 1e7}2`,
		}));
		const cloudSpin = targets(seed.cloudSpin, TIMING.cloudSpin, (p) => ({ id: p.id ?? 0, name: p.name }));
		return {
			id: run.id,
			protectionGroupInstanceId: Number(jobIdOf(group.id)) + 1,
			protectionGroupId: group.id,
			isReplicationRun: false,
			protectionGroupName: group.name,
			objects: objects
				? objectsOf(group).map((object) => ({
						object,
						localSnapshotInfo: {
							// Only a successful snapshot has an id, as on a cluster.
							...(RESTORABLE.has(String(localStatus).toLowerCase()) && {
								snapshotInfo: { snapshotId: `${group.id}:${start}:${object.id}`, status: 'kSuccessful', startTimeUsecs: start },
							}),
							failedAttempts: [],
						},
					}))
				: null,
			...(localStatus !== null && {
				localBackupInfo: {
					runType: seed.runType ?? 'kRegular',
					isSlaViolated: failed,
					...times(seed.local, TIMING.local),
					status: localStatus,
					messages: last(seed.local) && seed.messages ? seed.messages : null,
					successfulObjectsCount: failed ? 3 : 4,
					failedObjectsCount: failed ? 1 : 0,
					cancelledObjectsCount: 0,
					localTaskId: `${group.id}:${start % 1e7}0`,
				},
			}),
			...(replication.length > 0 && { replicationInfo: { replicationTargetResults: replication } }),
			...(archival.length > 0 && { archivalInfo: { archivalTargetResults: archival } }),
			...(cloudSpin.length > 0 && { cloudSpinInfo: { cloudSpinTargetResults: cloudSpin } }),
			...(seed.isCloudArchivalDirect && { isCloudArchivalDirect: true }),
			onLegalHold: false,
			permissions: [],
			hasLocalSnapshot: !failed,
			environment: group.environment ?? 'kVMware',
		};
	}

	/** Returns the run's view and advances it one step: each answer that shows a run is one poll. @param {Run} run @param {boolean} objects */
	#poll(run, objects) {
		const view = this.#view(run, objects);
		run.polls++;
		const longest = Math.max(
			run.seed.local.length,
			...[...(run.seed.replication ?? []), ...(run.seed.archival ?? []), ...(run.seed.cloudSpin ?? [])].map((p) => p.states.length),
		);
		if (run.step < longest - 1 && !run.seed.stepMs) run.step++;
		return view;
	}

	/** @param {SimRequest} req @returns {SimResponse | GroupSeed} */
	#group(req) {
		const group = this.#groups.get(req.params.groupId);
		return group ?? fail(404, `Protection group ${req.params.groupId} does not exist.`);
	}

	/** @param {URLSearchParams} q @returns {{ size: number, offset: number } | SimResponse} */
	#paging(q) {
		const offset = offsetOf(q.get('paginationCookie'));
		if (offset === undefined) return fail(400, 'Invalid paginationCookie.');
		const requested = Number(q.get('maxResultCount') ?? this.maxPageSize);
		if (!Number.isInteger(requested) || requested < 1) return fail(400, 'maxResultCount must be a positive integer.');
		return { size: Math.min(requested, this.maxPageSize), offset };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#listRuns(req) {
		const group = this.#group(req);
		if ('status' in group) return group;
		const q = req.query;
		const paging = this.#paging(q);
		if ('status' in paging) return paging;
		const numRuns = q.get('numRuns');
		if (numRuns !== null && !/^\d+$/.test(numRuns)) return fail(400, 'numRuns must be an integer.');
		const runId = q.get('runId');
		if (runId !== null && !/^\d+:\d+$/.test(runId)) return fail(400, `Invalid run id ${runId}.`);
		const objects = flag(q, 'includeObjectDetails');
		const from = Number(q.get('startTimeUsecs') ?? 0);
		const to = Number(q.get('endTimeUsecs') ?? Number.MAX_SAFE_INTEGER);
		const runTypes = list(q, 'runTypes');
		const byEnd = flag(q, 'filterByEndTime');
		const wanted = [...this.#runs.values()]
			.filter((run) => run.group === group && run.seed.listed !== false && (runId === null || run.id === runId))
			.sort((a, b) => b.seed.startTimeUsecs - a.seed.startTimeUsecs)
			.filter((run) => {
				// By start time first, without building the run: a history of 10,000 runs stays cheap to filter.
				if (!byEnd && (run.seed.startTimeUsecs < from || run.seed.startTimeUsecs > to)) return false;
				const view = this.#view(run, false);
				const local = view.localBackupInfo;
				const t = byEnd ? (local?.endTimeUsecs ?? 0) : run.seed.startTimeUsecs;
				if (t < from || t > to) return false;
				if (runTypes && !runTypes.includes(run.seed.runType ?? 'kRegular')) return false;
				/** @param {string} name @param {(string | null | undefined)[]} statuses */
				const statusOk = (name, statuses) => {
					const accepted = list(q, name)?.map((s) => s.toLowerCase());
					return !accepted || statuses.some((s) => typeof s === 'string' && accepted.includes(s.toLowerCase()));
				};
				if (!statusOk('localBackupRunStatus', [local?.status])) return false;
				if (!statusOk('replicationRunStatus', view.replicationInfo?.replicationTargetResults.map((t) => t.status) ?? [])) return false;
				if (!statusOk('archivalRunStatus', view.archivalInfo?.archivalTargetResults.map((t) => t.status) ?? [])) return false;
				if (!statusOk('cloudSpinRunStatus', view.cloudSpinInfo?.cloudSpinTargetResults.map((t) => t.status) ?? [])) return false;
				if (flag(q, 'excludeNonRestorableRuns') && !RESTORABLE.has(String(local?.status).toLowerCase())) return false;
				return true;
			});
		// numRuns caps the whole listing (100 when unset, as documented); maxResultCount and
		// paginationCookie page through it.
		const capped = wanted.slice(0, numRuns === null ? DEFAULT_NUM_RUNS : Number(numRuns));
		const page = capped.slice(paging.offset, paging.offset + paging.size);
		const next = paging.offset + page.length;
		return {
			status: 200,
			body: {
				runs: page.map((run) => this.#poll(run, objects)),
				totalRuns: capped.length,
				...(next < capped.length && { paginationCookie: cookieFor(next) }),
			},
		};
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#getRun(req) {
		const group = this.#group(req);
		if ('status' in group) return group;
		const { runId } = req.params;
		if (!/^\d+:\d+$/.test(runId)) return fail(400, `Invalid run id ${runId}.`);
		const run = this.#runs.get(runId);
		if (!run || run.group !== group) return fail(404, `Run ${runId} of protection group ${group.id} does not exist.`);
		return { status: 200, body: this.#poll(run, flag(req.query, 'includeObjectDetails')) };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#listGroups(req) {
		const q = req.query;
		const paging = this.#paging(q);
		if ('status' in paging) return paging;
		const names = list(q, 'names');
		const ids = list(q, 'ids');
		const isActive = q.get('isActive');
		const lastRun = flag(q, 'includeLastRunInfo');
		const groups = [...this.#groups.values()]
			.filter((g) => (!names || names.includes(g.name)) && (!ids || ids.includes(g.id)))
			.filter((g) => isActive === null || String(g.isActive !== false) === isActive.toLowerCase())
			.sort((a, b) => a.name.localeCompare(b.name));
		const page = groups.slice(paging.offset, paging.offset + paging.size);
		const next = paging.offset + page.length;
		return {
			status: 200,
			body: {
				protectionGroups: page.map((g) => {
					const newest = [...this.#runs.values()]
						.filter((run) => run.group === g)
						.sort((a, b) => b.seed.startTimeUsecs - a.seed.startTimeUsecs)[0];
					return {
						id: g.id,
						name: g.name,
						environment: g.environment ?? 'kVMware',
						policyId: `${g.id.split(':').slice(0, 2).join(':')}:25`,
						isActive: g.isActive !== false,
						isDeleted: false,
						isPaused: false,
						numProtectedObjects: 4,
						// The last run as it is now: showing it is a poll, as time passes on a real cluster.
						...(lastRun && newest && g.lastRunInfo !== false && { lastRun: this.#poll(newest, false) }),
					};
				}),
				...(next < groups.length && { paginationCookie: cookieFor(next) }),
			},
		};
	}
}

module.exports = { CohesitySimulator, DEFAULT_GROUP_ID, PAGED_GROUP_ID, EMPTY_GROUP_ID, defaultGroups };
