// @ts-check
'use strict';
/**
 * Huawei Cloud VBS simulator (see /work/shared/reference/huawei-cloud-vbs.md). One server answers for
 * IAM and VBS (the credential's endpoint overrides point both at it):
 * - every AK/SK request's `SDK-HMAC-SHA256` signature is recomputed with the simulator's own
 *   implementation (huaweiSignature.js); a clock more than 15 min off, an unknown key, a missing or
 *   wrong security token of temporary keys, or any changed byte is refused with APIGW.0301 and 401;
 * - `POST /v3/auth/tokens` (password, account, project scope) answers 201 with `X-Subject-Token`;
 *   tokens serve `tokenMaxRequests` requests, then answer 401 ("token expires");
 * - `GET /v3/projects?name={region}` resolves the project; VBS paths must carry that project id;
 * - `…/backuppolicy/{id}/backuptasks` pages with limit (≤ 1000), offset and marker and filters by
 *   status and job id; a task moves WAITING → RUNNING → EXECUTE_* one state per answer that shows it;
 * - `POST …/backuppolicy/{id}/action` (Run Now) answers 204 and adds one task per bound disk, or
 *   refuses with AutoBackup.0225 while a task of the policy is unfinished;
 * - `/v1/{project_id}/jobs/{id}` VBS jobs move INIT → RUNNING → SUCCESS / FAIL the same way;
 * - `…/backups/detail` lists the disk backups (filters name, status, volume_id; offset and limit,
 *   `backups_links` next while more follow); `…/cloudbackups/{id}/restore` starts a restore job
 *   (`bksRestoreBackup`) of an available backup, and refuses a backup that is being restored;
 * - CBR (v3: tasks, vaults, backups, Back Up Now, restore) from huaweiCbr.js, behind the same checks;
 * - gateway errors on demand (`gatewayError({ code: 'APIGW.0308' })`, `POST /__sim/gateway`), plus
 *   every fault mode of the framework, with Huawei's error shapes.
 */
const { randomBytes } = require('node:crypto');
const { SimulatorServer } = require('./framework');
const { SessionStore } = require('./sessions');
const { verifySignature } = require('./huaweiSignature');
const { CbrState } = require('./huaweiCbr');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 *
 * @typedef {object} TaskSeed
 * @property {string} [job_id]
 * @property {string[]} states Task statuses, one per answer that shows the task; the last stays.
 * @property {number} [ageSeconds] Created this long before the simulator was seeded (default 600).
 * @property {number} [runSeconds] Finished this long after it was created (default 120).
 * @property {string} [vbs_job_id]
 * @property {string} [message] Shown once the task is in its last state.
 * @property {string} [code]
 * @property {string} [backup_name]
 * @property {string} [resource_id] The disk it backs up.
 *
 * @typedef {object} PolicySeed
 * @property {string} backup_policy_id
 * @property {string} backup_policy_name
 * @property {TaskSeed[]} tasks
 * @property {string[]} [resources] The disks bound to the policy (default one); Run Now makes a task for each.
 *
 * @typedef {object} JobSeed
 * @property {string} job_id
 * @property {string[]} states INIT, RUNNING, SUCCESS, FAIL; one per answer, the last stays.
 * @property {string} [error_code]
 * @property {string} [fail_reason]
 * @property {string} [job_type] bksCreateBackup (default) or bksRestoreBackup.
 *
 * @typedef {object} BackupSeed A disk backup of `GET /v2/{project_id}/backups/detail`.
 * @property {string} id
 * @property {string} name
 * @property {string} volume_id
 * @property {string} [status] available (default), creating, restoring, error …
 * @property {number} [ageSeconds]
 *
 * @typedef {object} HuaweiOptions
 * @property {string} [region]
 * @property {string} [projectId]
 * @property {string} [accessKeyId]
 * @property {string} [secretAccessKey]
 * @property {string} [securityToken] Temporary keys: requests must send and sign this X-Security-Token.
 * @property {string} [username]
 * @property {string} [password]
 * @property {string} [domainName]
 * @property {number} [tokenMaxRequests]
 * @property {number} [clockOffsetMs] The server clock runs this far ahead of the real one.
 * @property {PolicySeed[]} [policies]
 * @property {JobSeed[]} [jobs]
 * @property {BackupSeed[]} [backups]
 * @property {number} [latencyMs]
 * @property {import('./huaweiCbr').CbrOptions} [cbr] CBR vaults, tasks and backups (huaweiCbr.js); defaults when left out.
 */

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 20;
const TERMINAL_TASK = new Set(['EXECUTE_SUCCESS', 'EXECUTE_FAIL', 'EXECUTE_TIMEOUT', 'SKIP']);
const TERMINAL_JOB = new Set(['SUCCESS', 'FAIL']);

const POLICY_1 = 'af8a20b0-117d-4fc3-ae53-aa3968a4f870';
const POLICY_2 = '5d2d2a3e-6c1b-4c43-9b8e-3f0c2a9e7d11';
const FAILED_VBS_JOB = '4010b39b5281d3590152874bfa3b1604';
const GOOD_VBS_JOB = 'ff8080817d2b4c1a017d2b6f0c5e0001';

/** Every simulator of a test run shares one seed time, so their task times agree. */
const SEED_TIME_MS = Date.now();

/** @returns {PolicySeed[]} */
function defaultPolicies() {
	return [
		{
			backup_policy_id: POLICY_1,
			backup_policy_name: 'plan01',
			resources: ['f47a4ab5-11f5-4509-97f5-80ce0dd74e37', '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc'],
			tasks: [
				{ job_id: '3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10', states: ['WAITING', 'RUNNING', 'EXECUTE_SUCCESS'], ageSeconds: 60, backup_name: 'autobk_7c21' },
				{
					job_id: '0781095c-b8ab-4ce5-99f3-4c5f6ff75319',
					states: ['EXECUTE_FAIL'],
					ageSeconds: 3600,
					vbs_job_id: FAILED_VBS_JOB,
					code: 'VolumeBackup.0081',
					message: 'The quota for the capacity of backups has been used up.',
				},
				{ job_id: '6a0e2f4b-5a63-4c0e-8f53-3b4f0d9c2e01', states: ['EXECUTE_TIMEOUT'], ageSeconds: 7200 },
				{ job_id: '9d4c8b1e-2f7a-4e3b-a1c6-5e8f7d6c4b02', states: ['SKIP'], ageSeconds: 10800 },
				{ job_id: 'c11b5a18-4559-4731-b7b3-58e2bd89cdb9', states: ['EXECUTE_SUCCESS'], ageSeconds: 14400, vbs_job_id: GOOD_VBS_JOB },
			],
		},
		{
			backup_policy_id: POLICY_2,
			backup_policy_name: 'plan02',
			tasks: [
				{ job_id: 'e2a1c3b4-7d6e-4f80-9a1b-2c3d4e5f6a03', states: ['RUNNING', 'EXECUTE_FAIL'], ageSeconds: 300, code: 'VolumeBackup.0064', message: 'The backup status is error.' },
				{ job_id: 'f3b2d4c5-8e7f-4091-ab2c-3d4e5f6a7b04', states: ['EXECUTE_SUCCESS'], ageSeconds: 5400 },
			],
		},
	];
}

/** @returns {JobSeed[]} */
function defaultJobs() {
	return [
		{ job_id: FAILED_VBS_JOB, states: ['INIT', 'RUNNING', 'FAIL'], error_code: 'VolumeBackup.0064', fail_reason: 'The backup status is error.' },
		{ job_id: GOOD_VBS_JOB, states: ['SUCCESS'] },
	];
}

/** @returns {BackupSeed[]} The backup a plan01 task made, the one a good VBS job names, and one that failed. */
function defaultBackups() {
	return [
		{ id: 'c2a6f0e4-3b1d-4e5f-9a7b-8c9d0e1f2a3b', name: 'autobk_7c21', volume_id: 'f47a4ab5-11f5-4509-97f5-80ce0dd74e37', ageSeconds: 60 },
		{ id: 'ba5401a2-7cd2-4c01-8c0d-c936ab412d6d', name: 'autobk_volume', volume_id: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc', ageSeconds: 14400 },
		{ id: 'e0e0e0e0-1111-4222-8333-444455556666', name: 'autobk_failed', volume_id: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc', status: 'error', ageSeconds: 3600 },
	];
}

/** `2016-12-02T09:06:46.706`: UTC without a zone suffix, as VBS writes task times. @param {number} ms */
const zoneless = (ms) => new Date(ms).toISOString().replace('Z', '');

/** @param {string} code @param {string} message */
const gatewayBody = (code, message) => ({ error_msg: message, error_code: code, request_id: randomBytes(16).toString('hex') });
/** @param {string} code @param {string} message */
const serviceBody = (code, message) => ({ error: { message, code } });

/** @param {PolicySeed} policy */
const resourcesOf = (policy) => (Array.isArray(policy.resources) && policy.resources.length ? [...policy.resources] : ['f47a4ab5-11f5-4509-97f5-80ce0dd74e37']);

const uuid = () => {
	const h = randomBytes(16).toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

class HuaweiSimulator extends SimulatorServer {
	#tokens = new SessionStore();
	/** @type {Map<string, { name: string, resources: string[], tasks: Array<{ seed: TaskSeed, createdMs: number, step: number }> }>} */
	#policies = new Map();
	/** @type {Map<string, { seed: JobSeed, step: number, beginMs: number }>} */
	#jobs = new Map();
	/** @type {Array<{ code: string, status: number, message: string, remaining: number }>} */
	#gateway = [];
	/** @type {PolicySeed[]} */
	#policySeeds;
	/** @type {JobSeed[]} */
	#jobSeeds;
	/** @type {BackupSeed[]} */
	#backupSeeds;

	/** @param {HuaweiOptions} [options] */
	constructor(options = {}) {
		super({
			name: 'huawei',
			latencyMs: options.latencyMs,
			errorBody: (status, message) => {
				if (status === 429) return gatewayBody('APIGW.0308', `The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute`);
				if (status === 401) return gatewayBody('APIGW.0301', `Incorrect IAM authentication information: ${message}`);
				return serviceBody('common.0011', message);
			},
		});
		this.region = options.region ?? 'cn-north-4';
		this.projectId = options.projectId ?? '0123456789abcdef0123456789abcdef';
		this.accessKeyId = options.accessKeyId ?? 'HPUASIMULATORAK00001';
		this.secretAccessKey = options.secretAccessKey ?? 'Sim-Huawei-SK-9f8e7d6c5b4a39281706f5e4d3c2';
		this.securityToken = options.securityToken;
		this.username = options.username ?? 'backup-monitor';
		this.password = options.password ?? 'Sim-Huawei-Pass-1!';
		this.domainName = options.domainName ?? 'domainA';
		this.clockOffsetMs = options.clockOffsetMs ?? 0;
		this.#tokens.maxRequests = options.tokenMaxRequests ?? Infinity;
		this.#policySeeds = structuredClone(options.policies ?? defaultPolicies());
		this.#jobSeeds = structuredClone(options.jobs ?? defaultJobs());
		this.#backupSeeds = structuredClone(options.backups ?? defaultBackups());
		/** Project lookups (`GET /v3/projects`) answered. */
		this.projectLookups = 0;
		/** Signatures refused, with the reason, for tests. @type {string[]} */
		this.refusedSignatures = [];
		/** Every token handed out, for the secret checks. @type {string[]} */
		this.issuedTokens = [];
		/** Cloud Backup and Recovery on the same server (huaweiCbr.js). */
		this.cbr = new CbrState(options.cbr ?? {}, { projectId: this.projectId, nowMs: SEED_TIME_MS });
		this.reset();

		this.route('POST', '/v3/auth/tokens', (req) => this.#signIn(req), { session: true });
		this.route('GET', '/v3/projects', this.#authed((req) => this.#projects(req), false), { session: true });
		this.route('GET', '/v2/:projectId/backuppolicy', this.#authed(() => this.#listPolicies()));
		this.route('GET', '/v2/:projectId/backuppolicy/:policyId/backuptasks', this.#authed((req) => this.#listTasks(req)));
		this.route('GET', '/v1/:projectId/jobs/:jobId', this.#authed((req) => this.#getJob(req)));
		this.route('POST', '/v2/:projectId/cloudbackups', this.#authed((req) => this.#createBackup(req)));
		this.route('POST', '/v2/:projectId/backuppolicy/:policyId/action', this.#authed((req) => this.#runPolicy(req)));
		this.route('GET', '/v2/:projectId/backups/detail', this.#authed((req) => this.#listBackups(req)));
		this.route('POST', '/v2/:projectId/cloudbackups/:backupId/restore', this.#authed((req) => this.#restore(req)));
		this.cbr.install(this, (handler) => this.#authed(handler));
		this.controlRoute('GET', '/__sim/restores', () => this.restores);
		this.controlRoute('POST', '/__sim/restore-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('restore-states is {"states": ["RUNNING", "FAIL"]}');
			this.restoreStates = json.states;
			return { ok: true };
		});
		this.controlRoute('GET', '/__sim/disk-backups', () => this.diskBackups);
		this.controlRoute('GET', '/__sim/policy-runs', () => this.policyRuns);
		this.controlRoute('POST', '/__sim/run-now-states', (json) => {
			if (!Array.isArray(json?.states) || json.states.length === 0) throw new Error('run-now-states is {"states": ["RUNNING", "EXECUTE_FAIL"]}');
			this.runNowStates = json.states;
			return { ok: true };
		});
		this.controlRoute('POST', '/__sim/tasks', (json) => ({ job_id: this.addTask(json.policyId ?? POLICY_1, json) }));
		this.controlRoute('POST', '/__sim/signatures', () => ({ refused: this.refusedSignatures, projectLookups: this.projectLookups }));
		this.controlRoute('POST', '/__sim/gateway', (json) => {
			this.gatewayError(json);
			return { ok: true };
		});
	}

	describe() {
		return {
			vbsEndpoint: this.baseUrl,
			cbrEndpoint: this.baseUrl,
			iamEndpoint: this.baseUrl,
			region: this.region,
			projectId: this.projectId,
			accessKeyId: this.accessKeyId,
			secretAccessKey: this.secretAccessKey,
			username: this.username,
			password: this.password,
			domainName: this.domainName,
			policyId: POLICY_1,
		};
	}

	reset() {
		this.cbr?.reset();
		this.#tokens.clear();
		this.#gateway = [];
		this.refusedSignatures = [];
		this.projectLookups = 0;
		this.#policies.clear();
		this.#jobs.clear();
		this.diskBackups = [];
		this.diskBackupStates = ['INIT', 'RUNNING', 'SUCCESS'];
		this.runNowStates = ['WAITING', 'RUNNING', 'EXECUTE_SUCCESS'];
		this.policyRuns = [];
		this.restores = [];
		this.restoreStates = ['INIT', 'RUNNING', 'SUCCESS'];
		this.backups = this.#backupSeeds.map((b) => ({ ...b, status: b.status ?? 'available', createdMs: SEED_TIME_MS - (b.ageSeconds ?? 0) * 1000 }));
		for (const policy of this.#policySeeds) {
			this.#policies.set(policy.backup_policy_id, { name: policy.backup_policy_name, resources: resourcesOf(policy), tasks: [] });
			for (const task of policy.tasks) this.addTask(policy.backup_policy_id, task, SEED_TIME_MS);
		}
		for (const job of this.#jobSeeds) this.addJob(job);
	}

	expireSessions() {
		this.#tokens.clear();
	}

	/** POST /__sim/seed `{ policies?: PolicySeed[], jobs?: JobSeed[] }`. @param {any} body */
	seed(body) {
		if (!Array.isArray(body?.policies) && !Array.isArray(body?.jobs)) throw new Error('a Huawei seed is {"policies": [...], "jobs": [...]}');
		for (const policy of body.policies ?? []) {
			this.#policies.set(policy.backup_policy_id, { name: policy.backup_policy_name, resources: resourcesOf(policy), tasks: [] });
			for (const task of policy.tasks ?? []) this.addTask(policy.backup_policy_id, task);
		}
		for (const job of body.jobs ?? []) this.addJob(job);
	}

	/** Adds a task to a policy (created `ageSeconds` ago, default now); returns its job_id. @param {string} policyId @param {Partial<TaskSeed>} seed */
	addTask(policyId, seed, nowMs = Date.now()) {
		const policy = this.#policies.get(policyId);
		if (!policy) throw new Error(`no policy ${policyId}`);
		const states = Array.isArray(seed.states) && seed.states.length ? seed.states : ['RUNNING', 'EXECUTE_SUCCESS'];
		const job_id = seed.job_id ?? uuid();
		policy.tasks.push({ seed: { ...seed, job_id, states }, createdMs: nowMs - (seed.ageSeconds ?? 0) * 1000, step: 0 });
		return job_id;
	}

	/** Disk backups asked for (`POST /v2/{project_id}/cloudbackups`): the body and the job made. @type {Array<{ backup: any, jobId: string }>} */
	diskBackups = [];
	/** The states of the VBS job a disk backup makes, one per read. @type {string[]} */
	diskBackupStates = ['INIT', 'RUNNING', 'SUCCESS'];

	/**
	 * `POST /v2/{project_id}/cloudbackups` `{backup: {volume_id, name, description?}}` → `{job_id}` of the
	 * VBS job that makes the backup. @param {SimRequest} req @returns {SimResponse}
	 */
	#createBackup(req) {
		const backup = req.json?.backup;
		if (!backup || typeof backup.volume_id !== 'string' || backup.volume_id === '') {
			return { status: 400, body: serviceBody('VolumeBackup.0001', 'The volume_id is missing.') };
		}
		if (backup.volume_id === 'ffffffff-ffff-4fff-8fff-ffffffffffff') return { status: 400, body: serviceBody('VolumeBackup.0011', 'The volume does not exist.') };
		const jobId = uuid();
		this.addJob({ job_id: jobId, states: [...this.diskBackupStates] });
		this.diskBackups.push({ backup, jobId });
		return { status: 200, body: { job_id: jobId } };
	}

	/** The states of the tasks a Run Now makes, one per answer that shows a task. @type {string[]} */
	runNowStates = ['WAITING', 'RUNNING', 'EXECUTE_SUCCESS'];
	/** Run Now requests carried out, by policy, for tests. @type {string[]} */
	policyRuns = [];

	/**
	 * `POST /v2/{project_id}/backuppolicy/{policy_id}/action`: backs up every disk of the policy now. VBS
	 * answers 204 without a body, so nothing names the tasks; it refuses while the policy runs.
	 * @param {SimRequest} req @returns {SimResponse}
	 */
	#runPolicy(req) {
		const policy = this.#policies.get(req.params.policyId);
		if (!policy) return { status: 404, body: serviceBody('AutoBackup.1100', 'The queried policy does not exist.') };
		const busy = policy.tasks.some((t) => !TERMINAL_TASK.has(t.seed.states[Math.min(t.step, t.seed.states.length - 1)]));
		if (busy) return { status: 400, body: serviceBody('AutoBackup.0225', 'The policy is being executed.') };
		this.policyRuns.push(req.params.policyId);
		const now = Date.now();
		policy.resources.forEach((resource, n) => {
			this.addTask(req.params.policyId, { states: [...this.runNowStates], backup_name: `autobk_${n}`, resource_id: resource }, now);
		});
		return { status: 204, body: undefined };
	}

	/** Disk backups of the project. @type {Array<BackupSeed & { status: string, createdMs: number }>} */
	backups = [];
	/** Restores asked for: the backup, the disk, the job made. @type {Array<{ backupId: string, volumeId: string, jobId: string }>} */
	restores = [];
	/** The states of the VBS job a restore makes, one per read. @type {string[]} */
	restoreStates = ['INIT', 'RUNNING', 'SUCCESS'];

	/** @param {SimRequest} req @returns {SimResponse} */
	#listBackups(req) {
		const q = req.query;
		const limit = q.get('limit') === null ? 1000 : Number(q.get('limit'));
		const offset = q.get('offset') === null ? 0 : Number(q.get('offset'));
		if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) return { status: 400, body: serviceBody('VolumeBackup.0001', 'The limit or offset is invalid.') };
		let list = [...this.backups].sort((a, b) => b.createdMs - a.createdMs);
		for (const [param, fieldName] of /** @type {const} */ ([['name', 'name'], ['status', 'status'], ['volume_id', 'volume_id']])) {
			const value = q.get(param);
			if (value !== null) list = list.filter((b) => b[fieldName] === value);
		}
		const page = list.slice(offset, offset + this.pageSizeOf(limit));
		const more = offset + page.length < list.length;
		return {
			status: 200,
			body: {
				backups: page.map((b) => ({
					id: b.id,
					name: b.name,
					status: b.status,
					volume_id: b.volume_id,
					size: 40,
					availability_zone: 'cn-north-4a',
					created_at: zoneless(b.createdMs),
					description: null,
					fail_reason: b.status === 'error' ? 'The backup failed.' : null,
					container: b.id,
					object_count: 0,
				})),
				...(more ? { backups_links: [{ href: `${this.baseUrl}${req.path}?offset=${offset + page.length}`, rel: 'next' }] } : {}),
			},
		};
	}

	/**
	 * `POST /v2/{project_id}/cloudbackups/{backup_id}/restore` `{restore: {volume_id}}` → `{job_id}` of the
	 * restore's VBS job. @param {SimRequest} req @returns {SimResponse}
	 */
	#restore(req) {
		const volumeId = req.json?.restore?.volume_id;
		if (typeof volumeId !== 'string' || volumeId === '') return { status: 400, body: serviceBody('VolumeBackup.0001', 'The volume_id is missing.') };
		const backup = this.backups.find((b) => b.id === req.params.backupId);
		if (!backup) return { status: 404, body: serviceBody('VolumeBackup.0010', 'The backup does not exist.') };
		if (backup.status !== 'available') return { status: 400, body: serviceBody('VolumeBackup.0100', `The backup status is ${backup.status}; only an available backup can be restored.`) };
		if (volumeId === 'ffffffff-ffff-4fff-8fff-ffffffffffff') return { status: 400, body: serviceBody('VolumeBackup.0011', 'The volume does not exist.') };
		const jobId = uuid();
		this.addJob({ job_id: jobId, states: [...this.restoreStates], job_type: 'bksRestoreBackup' });
		this.restores.push({ backupId: backup.id, volumeId, jobId });
		return { status: 200, body: { job_id: jobId } };
	}

	/** @param {JobSeed} seed */
	addJob(seed) {
		this.#jobs.set(seed.job_id, { seed, step: 0, beginMs: Date.now() - 600_000 });
	}

	/** How often a task has been shown. @param {string} jobId */
	taskPolls(jobId) {
		for (const policy of this.#policies.values()) for (const t of policy.tasks) if (t.seed.job_id === jobId) return t.step;
		return 0;
	}

	/**
	 * The next `times` VBS requests answer a gateway error: APIGW.0308 (429, throttled) or APIGW.0301
	 * (401, signature or token refused), unless another status is given.
	 * @param {{ code?: string, times?: number, status?: number, message?: string }} plan
	 */
	gatewayError(plan) {
		const code = plan.code ?? 'APIGW.0308';
		const throttled = /0308$/.test(code);
		this.#gateway.push({
			code,
			status: plan.status ?? (throttled ? 429 : 401),
			message:
				plan.message ??
				(throttled ? 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute' : 'Incorrect IAM authentication information: verify aksk signature fail'),
			remaining: plan.times ?? 1,
		});
	}

	/** The caller of an API route: an IAM token or a valid AK/SK signature. @param {SimRequest} req @returns {SimResponse | undefined} */
	#refusal(req) {
		const token = req.headers['x-auth-token'];
		if (typeof token === 'string' && token !== '') {
			if (this.#tokens.use(token)) return undefined;
			return { status: 401, body: gatewayBody('APIGW.0301', 'Incorrect IAM authentication information: token expires, expires_at: 2024-03-16T02:00:00.000000Z') };
		}
		if (req.headers.authorization === undefined) return { status: 401, body: gatewayBody('APIGW.0301', 'Incorrect IAM authentication information: x-auth-token not found') };
		const verdict = verifySignature(
			{ method: req.method, path: req.path, rawQuery: req.rawQuery, headers: req.headers, body: req.body },
			{ secretOf: (ak) => (ak === this.accessKeyId ? this.secretAccessKey : undefined), nowMs: Date.now() + this.clockOffsetMs },
		);
		/** @param {string} reason */
		const refuse = (reason) => {
			this.refusedSignatures.push(reason);
			return { status: 401, body: gatewayBody('APIGW.0301', `Incorrect IAM authentication information: ${reason}`) };
		};
		if (!verdict.ok) return refuse(verdict.reason);
		const sentToken = req.headers['x-security-token'];
		if (this.securityToken !== undefined || sentToken !== undefined) {
			if (sentToken !== this.securityToken || !verdict.signedHeaders.includes('x-security-token')) return refuse('the security token is invalid or not signed');
		}
		const projectHeader = req.headers['x-project-id'];
		if (projectHeader !== undefined && projectHeader !== this.projectId) return refuse('the X-Project-Id does not belong to this account');
		return undefined;
	}

	/**
	 * @param {(req: SimRequest) => SimResponse} handler
	 * @param {boolean} [projectScoped] VBS routes check the project id of their path.
	 * @returns {(req: SimRequest) => SimResponse}
	 */
	#authed(handler, projectScoped = true) {
		return (req) => {
			const refused = this.#refusal(req);
			if (refused) return refused;
			const gateway = this.#gateway[0];
			if (gateway && projectScoped) {
				if (--gateway.remaining <= 0) this.#gateway.shift();
				return { status: gateway.status, body: gatewayBody(gateway.code, gateway.message) };
			}
			if (projectScoped && req.params.projectId !== this.projectId) {
				return { status: 403, body: serviceBody('AutoBackup.0213', 'The project ID in the URL is not the project of this account.') };
			}
			return handler(req);
		};
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#signIn(req) {
		this.countSignIn();
		const auth = req.json?.auth;
		const user = auth?.identity?.password?.user;
		const scope = auth?.scope?.project;
		if (!Array.isArray(auth?.identity?.methods) || !auth.identity.methods.includes('password') || !user) {
			return { status: 400, body: serviceBody('IAM.0007', 'The request body is invalid.') };
		}
		if (user.name !== this.username || user.password !== this.password || user.domain?.name !== this.domainName) {
			return { status: 401, body: serviceBody('IAM.0101', 'The username or password is wrong.') };
		}
		if (!scope || (scope.name !== undefined && scope.name !== this.region) || (scope.id !== undefined && scope.id !== this.projectId)) {
			return { status: 400, body: serviceBody('IAM.0011', 'The project in the scope does not exist.') };
		}
		const token = `MIIsim${randomBytes(24).toString('hex')}`;
		this.#tokens.open(token);
		this.issuedTokens.push(token);
		const domain = { id: 'd0000000000000000000000000000001', name: this.domainName };
		const now = Date.now();
		return {
			status: 201,
			headers: { 'x-subject-token': token },
			body: {
				token: {
					methods: ['password'],
					expires_at: new Date(now + 86_400_000).toISOString(),
					issued_at: new Date(now).toISOString(),
					user: { domain, id: 'u0000000000000000000000000000001', name: this.username },
					project: { domain, id: this.projectId, name: this.region },
					roles: [{ name: 'vbs_adm', id: 'roleid1' }],
				},
			},
		};
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#projects(req) {
		// With AK/SK this is the credential's one sign-in step (its preAuthentication), counted as one.
		this.countSignIn();
		this.projectLookups++;
		const name = req.query.get('name');
		const all = [{ id: this.projectId, name: this.region, domain_id: 'd0000000000000000000000000000001', enabled: true }];
		return { status: 200, body: { projects: name === null ? all : all.filter((p) => p.name === name), links: { self: `${this.baseUrl}/v3/projects` } } };
	}

	/** @returns {SimResponse} */
	#listPolicies() {
		const backup_policies = [...this.#policies.entries()].map(([id, p]) => ({
			backup_policy_id: id,
			backup_policy_name: p.name,
			scheduled_policy: { remain_first_backup_of_curMonth: 'Y', rentention_num: 10, frequency: 1, start_time: '12:00', status: 'ON' },
			policy_resource_count: p.resources.length,
		}));
		return { status: 200, body: { backup_policies } };
	}

	/** A task as the API shows it, which moves it one state on. @param {{ seed: TaskSeed, createdMs: number, step: number }} t */
	#show(t) {
		const states = t.seed.states;
		const status = states[Math.min(t.step, states.length - 1)];
		const last = t.step >= states.length - 1;
		t.step++;
		/** @type {Record<string, unknown>} */
		const task = {
			status,
			job_id: t.seed.job_id,
			created_at: zoneless(t.createdMs),
			backup_name: t.seed.backup_name ?? `autobk_${String(t.seed.job_id).slice(0, 4)}`,
			resource_id: t.seed.resource_id ?? 'f47a4ab5-11f5-4509-97f5-80ce0dd74e37',
			resource_type: 'volume',
		};
		if (TERMINAL_TASK.has(status)) task.finished_at = zoneless(t.createdMs + (t.seed.runSeconds ?? 120) * 1000);
		if (t.seed.vbs_job_id) task.vbs_job_id = t.seed.vbs_job_id;
		if (last && t.seed.message) task.message = t.seed.message;
		if (last && t.seed.code) task.code = t.seed.code;
		return task;
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#listTasks(req) {
		const policy = this.#policies.get(req.params.policyId);
		if (!policy) return { status: 404, body: serviceBody('AutoBackup.1100', 'The queried policy does not exist.') };
		const q = req.query;
		const sortKey = q.get('sort_key');
		if (sortKey !== null && sortKey !== 'created_at') return { status: 400, body: serviceBody('AutoBackup.0102', 'The sort_key must be created_at.') };
		const dir = q.get('sort_dir') ?? 'desc';
		if (dir !== 'asc' && dir !== 'desc') return { status: 400, body: serviceBody('AutoBackup.0102', 'The sort_dir must be asc or desc.') };
		const limit = q.get('limit') === null ? DEFAULT_LIMIT : Number(q.get('limit'));
		const offset = q.get('offset') === null ? 0 : Number(q.get('offset'));
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { status: 400, body: serviceBody('AutoBackup.0102', `The limit must be from 1 to ${MAX_LIMIT}.`) };
		if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: serviceBody('AutoBackup.0102', 'The offset must be 0 or more.') };
		let tasks = [...policy.tasks].sort((a, b) => (dir === 'asc' ? a.createdMs - b.createdMs : b.createdMs - a.createdMs));
		const status = q.get('status');
		const jobId = q.get('job_id');
		// The filter sees the state the task is in now, as shown next.
		if (status !== null) tasks = tasks.filter((t) => t.seed.states[Math.min(t.step, t.seed.states.length - 1)] === status);
		if (jobId !== null) tasks = tasks.filter((t) => t.seed.job_id === jobId);
		const count = tasks.length;
		const marker = q.get('marker');
		if (marker !== null) {
			const at = tasks.findIndex((t) => t.seed.job_id === marker);
			if (at < 0) return { status: 400, body: serviceBody('AutoBackup.0102', 'The marker is not a backup job of this policy.') };
			tasks = tasks.slice(at + 1);
		}
		const page = tasks.slice(offset, offset + this.pageSizeOf(limit));
		return { status: 200, body: { tasks: page.map((t) => this.#show(t)), count } };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	#getJob(req) {
		const job = this.#jobs.get(req.params.jobId);
		if (!job) return { status: 404, body: serviceBody('common.0011', 'Failed to query the job: it does not exist.') };
		const states = job.seed.states;
		const status = states[Math.min(job.step, states.length - 1)];
		job.step++;
		const ended = TERMINAL_JOB.has(status);
		const failed = status === 'FAIL';
		return {
			status: 200,
			body: {
				status,
				entities: ended && !failed ? { bks_create_volume_name: 'autobk_volume', backup_id: 'ba5401a2-7cd2-4c01-8c0d-c936ab412d6d', volume_id: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc' } : {},
				job_id: job.seed.job_id,
				job_type: job.seed.job_type ?? 'bksCreateBackup',
				begin_time: new Date(job.beginMs).toISOString(),
				end_time: ended ? new Date(job.beginMs + 300_000).toISOString() : '',
				error_code: failed ? (job.seed.error_code ?? null) : null,
				fail_reason: failed ? (job.seed.fail_reason ?? null) : null,
			},
		};
	}
}

module.exports = { HuaweiSimulator, POLICY_1, POLICY_2, FAILED_VBS_JOB, GOOD_VBS_JOB };
