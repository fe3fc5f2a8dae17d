// @ts-check
'use strict';
/**
 * Huawei Cloud CBR (Cloud Backup and Recovery, API v3) for the Huawei simulator (huawei.js), which
 * serves it on the same server behind the same AK/SK signature check, IAM tokens, project check,
 * gateway errors and faults. Shapes from the CBR API reference (ShowOpLog, ListOpLogs, ListVault,
 * ListBackups, CreateCheckpoint, RestoreBackup):
 * - `GET /v3/{project_id}/operation-logs` filters by operation_type, status, vault_id, resource_id,
 *   provider_id, start_time and end_time (`YYYY-MM-DDTHH:MM:SSZ`, anything else is a 400), pages by
 *   offset and limit (1 to 1000; the server cap `maxPageSize` may answer fewer) and counts every match;
 * - a task moves waiting → running → success / failed / timeout / skipped, one state per answer that
 *   shows it (list or `GET …/operation-logs/{id}`); the last state stays;
 * - `GET /v3/{project_id}/vaults` and `GET /v3/{project_id}/backups` page the same way;
 * - `POST /v3/{project_id}/checkpoints` backs up a vault: one backup task per resource (carrying the
 *   checkpoint id), a resource whose backup is unfinished is skipped in the answer's `skipped_resources`;
 * - `POST /v3/{project_id}/backups/{backup_id}/restore` answers 202 without a body and adds a restore
 *   task naming the backup and target; a backup that is being restored, or not available, is refused.
 * Tasks a start makes can be hidden from the first `hiddenLooks` task lists, as a slow service would.
 */
const { randomBytes } = require('node:crypto');

/**
 * @typedef {import('./framework').SimRequest} SimRequest
 * @typedef {import('./framework').SimResponse} SimResponse
 * @typedef {import('./framework').SimulatorServer} SimulatorServer
 *
 * @typedef {object} CbrResource
 * @property {string} id
 * @property {string} name
 * @property {string} type OS::Cinder::Volume, OS::Nova::Server, OS::Sfs::Turbo
 *
 * @typedef {object} CbrVaultSeed
 * @property {string} id
 * @property {string} name
 * @property {string} object_type disk, server or turbo
 * @property {CbrResource[]} resources
 *
 * @typedef {object} CbrTaskSeed
 * @property {string} [id]
 * @property {string} operation_type backup, restore, replication, delete …
 * @property {string[]} states One per answer that shows the task; the last stays.
 * @property {string} vault_id
 * @property {string} [resource_id] Default: the vault's first resource.
 * @property {number} [ageSeconds] Created this long before the seed (default 600).
 * @property {number} [runSeconds] Ended this long after it started (default 120).
 * @property {string} [checkpoint_id]
 * @property {string} [backup_id]
 * @property {string} [backup_name]
 * @property {string} [target_resource_id] A restore's target.
 * @property {{ code: string, message: string }} [error] Shown once the task is in its last state, when it failed.
 *
 * @typedef {object} CbrBackupSeed
 * @property {string} id
 * @property {string} name
 * @property {string} vault_id
 * @property {string} resource_id
 * @property {string} [checkpoint_id]
 * @property {string} [status] available (default), error …
 * @property {number} [ageSeconds]
 *
 * @typedef {object} CbrOptions
 * @property {CbrVaultSeed[]} [vaults]
 * @property {CbrTaskSeed[]} [tasks]
 * @property {CbrBackupSeed[]} [backups]
 */

const MAX_LIMIT = 1000;
const TERMINAL = new Set(['success', 'failed', 'timeout', 'skipped']);
const CBR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const PROVIDERS = {
	'OS::Cinder::Volume': 'd1603440-187d-4516-af25-121250c7cc97',
	'OS::Nova::Server': '0daac4c5-6707-4851-97ba-169e36266b66',
	'OS::Sfs::Turbo': '3f3c3220-245c-4805-b811-758870015881',
};

const VAULT_DISKS = 'b4a2e2f0-5c1d-4e3f-8a9b-0c1d2e3f4a5b';
const VAULT_SERVERS = 'c5b3f3a1-6d2e-4f40-9bac-1d2e3f4a5b6c';
const DISK_A = 'f47a4ab5-11f5-4509-97f5-80ce0dd74e37';
const DISK_B = '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc';
const SERVER_1 = '1dab32fa-ebf2-415a-ab0b-eabe6353bc86';
const CBR_BACKUP_1 = '6df2b54c-dd62-4059-a07c-1b8f24f2725d';
const CBR_BACKUP_2 = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CBR_FAILED_TASK = '2e9c5d1a-7b3f-4c8e-9a1d-6f0b4e2c8a73';
const CBR_NEWEST_TASK = '8f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f';

/** @returns {CbrVaultSeed[]} */
function defaultVaults() {
	return [
		{
			id: VAULT_DISKS,
			name: 'vault-disks',
			object_type: 'disk',
			resources: [
				{ id: DISK_A, name: 'data-disk-01', type: 'OS::Cinder::Volume' },
				{ id: DISK_B, name: 'data-disk-02', type: 'OS::Cinder::Volume' },
			],
		},
		{ id: VAULT_SERVERS, name: 'vault-servers', object_type: 'server', resources: [{ id: SERVER_1, name: 'ecs-app-01', type: 'OS::Nova::Server' }] },
	];
}

/** @returns {CbrTaskSeed[]} */
function defaultTasks() {
	return [
		{ id: CBR_NEWEST_TASK, operation_type: 'backup', states: ['waiting', 'running', 'success'], vault_id: VAULT_DISKS, resource_id: DISK_A, ageSeconds: 60, backup_id: CBR_BACKUP_1, backup_name: 'autobk_cbr_01', checkpoint_id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b' },
		{
			id: CBR_FAILED_TASK,
			operation_type: 'backup',
			states: ['failed'],
			vault_id: VAULT_DISKS,
			resource_id: DISK_B,
			ageSeconds: 3600,
			backup_name: 'autobk_cbr_02',
			error: { code: 'BackupService.6202', message: 'Failed to create the snapshot of the disk.' },
		},
		{ id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', operation_type: 'restore', states: ['success'], vault_id: VAULT_DISKS, resource_id: DISK_B, ageSeconds: 7200, backup_id: CBR_BACKUP_2, backup_name: 'autobk_cbr_00', target_resource_id: DISK_B },
		{ id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', operation_type: 'replication', states: ['success'], vault_id: VAULT_SERVERS, ageSeconds: 9000 },
		{ id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', operation_type: 'backup', states: ['timeout'], vault_id: VAULT_SERVERS, ageSeconds: 10800, error: { code: 'BackupService.6316', message: 'The backup task timed out.' } },
		{ id: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c', operation_type: 'backup', states: ['skipped'], vault_id: VAULT_SERVERS, ageSeconds: 14400 },
		{ id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', operation_type: 'delete', states: ['success'], vault_id: VAULT_DISKS, ageSeconds: 18000 },
	];
}

/** @returns {CbrBackupSeed[]} */
function defaultBackups() {
	return [
		{ id: CBR_BACKUP_1, name: 'autobk_cbr_01', vault_id: VAULT_DISKS, resource_id: DISK_A, checkpoint_id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', ageSeconds: 60 },
		{ id: CBR_BACKUP_2, name: 'autobk_cbr_00', vault_id: VAULT_DISKS, resource_id: DISK_B, ageSeconds: 14400 },
		{ id: '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f', name: 'autobk_cbr_srv', vault_id: VAULT_SERVERS, resource_id: SERVER_1, status: 'error', ageSeconds: 3600 },
	];
}

const uuid = () => {
	const h = randomBytes(16).toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** `2020-02-23T01:00:32Z`, as the reference writes task times. @param {number} ms */
const taskTime = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** `2020-02-05T10:38:34.209782`: backup times are zone-less UTC with microseconds. @param {number} ms */
const backupTime = (ms) => `${new Date(ms).toISOString().replace('Z', '')}000`;

/** CBR's error shape. @param {string} code @param {string} message */
const cbrError = (code, message) => ({ error_code: code, error_msg: message });

class CbrState {
	/** @type {CbrVaultSeed[]} */
	#vaultSeeds;
	/** @type {CbrTaskSeed[]} */
	#taskSeeds;
	/** @type {CbrBackupSeed[]} */
	#backupSeeds;

	/** @param {CbrOptions} options @param {{ projectId: string, nowMs: number }} context */
	constructor(options, context) {
		this.projectId = context.projectId;
		this.seedMs = context.nowMs;
		this.#vaultSeeds = structuredClone(options.vaults ?? defaultVaults());
		this.#taskSeeds = structuredClone(options.tasks ?? defaultTasks());
		this.#backupSeeds = structuredClone(options.backups ?? defaultBackups());
		this.reset();
	}

	/** @type {Map<string, CbrVaultSeed>} */
	vaults = new Map();
	/** @type {Array<{ seed: CbrTaskSeed & { id: string }, createdMs: number, step: number, hiddenLooks: number }>} */
	tasks = [];
	/** @type {Array<CbrBackupSeed & { status: string, createdMs: number }>} */
	backups = [];
	/** Back Up Now requests: the body and the checkpoint made. @type {Array<{ vaultId: string, parameters: any, checkpointId: string, taskIds: string[] }>} */
	checkpoints = [];
	/** Restore requests: the backup, the body and the task made. @type {Array<{ backupId: string, restore: any, taskId: string }>} */
	restores = [];
	/** States of the tasks a Back Up Now makes, one per answer. @type {string[]} */
	backupStates = ['waiting', 'running', 'success'];
	/** States of the task a restore makes. @type {string[]} */
	restoreStates = ['waiting', 'running', 'success'];
	/** Task lists that leave out the tasks a start has just made. */
	hiddenLooks = 0;

	reset() {
		this.vaults = new Map(this.#vaultSeeds.map((v) => [v.id, structuredClone(v)]));
		this.tasks = [];
		for (const seed of this.#taskSeeds) this.addTask(seed, this.seedMs);
		this.backups = this.#backupSeeds.map((b) => ({ ...b, status: b.status ?? 'available', createdMs: this.seedMs - (b.ageSeconds ?? 0) * 1000 }));
		this.checkpoints = [];
		this.restores = [];
		this.backupStates = ['waiting', 'running', 'success'];
		this.restoreStates = ['waiting', 'running', 'success'];
		this.hiddenLooks = 0;
	}

	/** Adds a task created `ageSeconds` before `nowMs`; returns its id. @param {Partial<CbrTaskSeed>} seed */
	addTask(seed, nowMs = Date.now()) {
		const vault = this.vaults.get(String(seed.vault_id));
		if (!vault) throw new Error(`no CBR vault ${seed.vault_id}`);
		const states = Array.isArray(seed.states) && seed.states.length ? seed.states : ['running', 'success'];
		const id = seed.id ?? uuid();
		const full = { operation_type: 'backup', ...seed, id, states, vault_id: vault.id, resource_id: seed.resource_id ?? vault.resources[0]?.id };
		this.tasks.push({ seed: /** @type {CbrTaskSeed & { id: string }} */ (full), createdMs: nowMs - (seed.ageSeconds ?? 0) * 1000, step: 0, hiddenLooks: 0 });
		return id;
	}

	/** Moves a task to its last state, as if it had been watched to its end. @param {string} id */
	settle(id) {
		const task = this.tasks.find((t) => t.seed.id === id);
		if (!task) throw new Error(`no CBR task ${id}`);
		task.step = task.seed.states.length - 1;
	}

	/** How often a task has been shown. @param {string} id */
	taskPolls(id) {
		return this.tasks.find((t) => t.seed.id === id)?.step ?? 0;
	}

	/** @param {{ seed: CbrTaskSeed, step: number }} t */
	#stateOf(t) {
		return t.seed.states[Math.min(t.step, t.seed.states.length - 1)];
	}

	/** The task as CBR shows it, which moves it one state on. @param {{ seed: CbrTaskSeed & { id: string }, createdMs: number, step: number }} t */
	#show(t) {
		const seed = t.seed;
		const status = this.#stateOf(t);
		const last = t.step >= seed.states.length - 1;
		t.step++;
		const vault = /** @type {CbrVaultSeed} */ (this.vaults.get(seed.vault_id));
		const resource = vault.resources.find((r) => r.id === seed.resource_id) ?? { id: String(seed.resource_id ?? ''), name: 'resource', type: 'OS::Cinder::Volume' };
		const started = status !== 'waiting';
		/** @type {Record<string, unknown>} */
		const extra = {
			common: { progress: TERMINAL.has(status) ? 100 : status === 'running' ? 50 : 0, request_id: `req-${seed.id.slice(0, 8)}` },
			resource: { id: resource.id, name: resource.name, type: resource.type },
		};
		if (seed.operation_type === 'backup') extra.backup = { backup_id: seed.backup_id ?? '', backup_name: seed.backup_name ?? '', incremental: 'true', app_consistency_status: '0' };
		if (seed.operation_type === 'restore') {
			extra.restore = { backup_id: seed.backup_id ?? '', backup_name: seed.backup_name ?? '', target_resource_id: seed.target_resource_id ?? resource.id, target_resource_name: resource.name };
		}
		return {
			id: seed.id,
			status,
			operation_type: seed.operation_type,
			vault_id: vault.id,
			vault_name: vault.name,
			provider_id: PROVIDERS[/** @type {keyof typeof PROVIDERS} */ (resource.type)] ?? PROVIDERS['OS::Cinder::Volume'],
			project_id: this.projectId,
			policy_id: '',
			checkpoint_id: seed.checkpoint_id ?? '',
			created_at: taskTime(t.createdMs),
			...(started ? { started_at: taskTime(t.createdMs + 1000) } : {}),
			...(TERMINAL.has(status) ? { ended_at: taskTime(t.createdMs + (seed.runSeconds ?? 120) * 1000) } : {}),
			updated_at: taskTime(t.createdMs + 1000),
			...(last && seed.error && status !== 'success' ? { error_info: { code: seed.error.code, message: seed.error.message } } : {}),
			extra_info: extra,
		};
	}

	/**
	 * offset and limit of a list request, or the 400 CBR answers. @param {SimRequest} req
	 * @returns {{ offset: number, limit: number } | SimResponse}
	 */
	#paging(req) {
		const limit = req.query.get('limit') === null ? MAX_LIMIT : Number(req.query.get('limit'));
		const offset = req.query.get('offset') === null ? 0 : Number(req.query.get('offset'));
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { status: 400, body: cbrError('BackupService.6101', `Invalid limit: it must be from 1 to ${MAX_LIMIT}.`) };
		if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: cbrError('BackupService.6101', 'Invalid offset.') };
		return { offset, limit };
	}

	/** @param {SimulatorServer} sim @param {SimRequest} req @returns {SimResponse} */
	listTasks(sim, req) {
		const paging = this.#paging(req);
		if ('status' in paging) return paging;
		const q = req.query;
		/** @type {Record<string, number>} */
		const times = {};
		for (const name of ['start_time', 'end_time']) {
			const value = q.get(name);
			if (value === null) continue;
			if (!CBR_TIME.test(value)) return { status: 400, body: cbrError('BackupService.6101', `Invalid ${name}: the format is %YYYY-%mm-%ddT%HH:%MM:%SSZ.`) };
			times[name] = Date.parse(value);
		}
		let tasks = this.tasks.filter((t) => {
			if (t.hiddenLooks > 0) {
				t.hiddenLooks--;
				return false;
			}
			return true;
		});
		tasks.sort((a, b) => b.createdMs - a.createdMs);
		const vaultOf = (/** @type {CbrTaskSeed} */ s) => this.vaults.get(s.vault_id);
		/** @type {Array<[string, (t: (typeof tasks)[number]) => string]>} */
		const filters = [
			['operation_type', (t) => t.seed.operation_type],
			['status', (t) => this.#stateOf(t)],
			['vault_id', (t) => t.seed.vault_id],
			['resource_id', (t) => String(t.seed.resource_id)],
			['provider_id', (t) => {
				const resource = vaultOf(t.seed)?.resources.find((r) => r.id === t.seed.resource_id);
				return PROVIDERS[/** @type {keyof typeof PROVIDERS} */ (resource?.type ?? 'OS::Cinder::Volume')] ?? '';
			}],
		];
		for (const [param, valueOf] of filters) {
			const wanted = q.get(param);
			if (wanted !== null) tasks = tasks.filter((t) => valueOf(t) === wanted);
		}
		// whole seconds, as the filter is given
		if (times.start_time !== undefined) tasks = tasks.filter((t) => Math.floor(t.createdMs / 1000) * 1000 >= times.start_time);
		if (times.end_time !== undefined) tasks = tasks.filter((t) => t.createdMs <= times.end_time);
		const page = tasks.slice(paging.offset, paging.offset + sim.pageSizeOf(paging.limit));
		return { status: 200, body: { operation_logs: page.map((t) => this.#show(t)), count: tasks.length, offset: paging.offset, limit: paging.limit } };
	}

	/** @param {SimRequest} req @returns {SimResponse} */
	getTask(req) {
		const task = this.tasks.find((t) => t.seed.id === req.params.taskId);
		if (!task) return { status: 404, body: cbrError('BackupService.6604', `The task ${req.params.taskId} does not exist.`) };
		return { status: 200, body: { operation_log: this.#show(task) } };
	}

	/** @param {SimulatorServer} sim @param {SimRequest} req @returns {SimResponse} */
	listVaults(sim, req) {
		const paging = this.#paging(req);
		if ('status' in paging) return paging;
		let vaults = [...this.vaults.values()];
		const name = req.query.get('name');
		const type = req.query.get('object_type');
		if (name !== null) vaults = vaults.filter((v) => v.name === name);
		if (type !== null) vaults = vaults.filter((v) => v.object_type === type);
		const page = vaults.slice(paging.offset, paging.offset + sim.pageSizeOf(paging.limit));
		return {
			status: 200,
			body: {
				vaults: page.map((v) => ({
					id: v.id,
					name: v.name,
					project_id: this.projectId,
					provider_id: PROVIDERS[/** @type {keyof typeof PROVIDERS} */ (v.resources[0]?.type ?? 'OS::Cinder::Volume')],
					billing: { status: 'available', object_type: v.object_type, protect_type: 'backup', size: 100, used: 12, allocated: 40, charging_mode: 'post_paid', consistent_level: 'crash_consistent', spec_code: 'vault.backup.volume.normal' },
					resources: v.resources.map((r) => ({ id: r.id, name: r.name, type: r.type, protect_status: 'available', size: 40, backup_size: 2048, backup_count: 3 })),
					created_at: backupTime(this.seedMs - 86_400_000),
					auto_bind: false,
					enterprise_project_id: '0',
				})),
				count: vaults.length,
				offset: paging.offset,
				limit: paging.limit,
			},
		};
	}

	/** @param {typeof this.backups[number]} b */
	#backupStatus(b) {
		const restoring = this.tasks.some((t) => t.seed.operation_type === 'restore' && t.seed.backup_id === b.id && !TERMINAL.has(this.#stateOf(t)));
		return restoring ? 'restoring' : b.status;
	}

	/** @param {SimulatorServer} sim @param {SimRequest} req @returns {SimResponse} */
	listBackups(sim, req) {
		const paging = this.#paging(req);
		if ('status' in paging) return paging;
		const q = req.query;
		const sort = q.get('sort');
		let list = [...this.backups].sort((a, b) => (sort === 'created_at:asc' ? a.createdMs - b.createdMs : b.createdMs - a.createdMs));
		for (const param of /** @type {const} */ (['vault_id', 'resource_id', 'checkpoint_id', 'name'])) {
			const wanted = q.get(param);
			if (wanted !== null) list = list.filter((b) => b[param] === wanted);
		}
		const status = q.get('status');
		if (status !== null) list = list.filter((b) => this.#backupStatus(b) === status);
		for (const name of ['start_time', 'end_time']) {
			const value = q.get(name);
			if (value === null) continue;
			if (!CBR_TIME.test(value)) return { status: 400, body: cbrError('BackupService.6101', `Invalid ${name}: the format is %YYYY-%mm-%ddT%HH:%MM:%SSZ.`) };
			const ms = Date.parse(value);
			list = list.filter((b) => (name === 'start_time' ? b.createdMs >= ms : b.createdMs <= ms));
		}
		const page = list.slice(paging.offset, paging.offset + sim.pageSizeOf(paging.limit));
		return {
			status: 200,
			body: {
				backups: page.map((b) => {
					const vault = this.vaults.get(b.vault_id);
					const resource = vault?.resources.find((r) => r.id === b.resource_id);
					return {
						id: b.id,
						name: b.name,
						status: this.#backupStatus(b),
						vault_id: b.vault_id,
						checkpoint_id: b.checkpoint_id ?? uuid(),
						resource_id: b.resource_id,
						resource_name: resource?.name ?? '',
						resource_type: resource?.type ?? 'OS::Cinder::Volume',
						resource_size: 40,
						resource_az: 'cn-north-4a',
						image_type: 'backup',
						project_id: this.projectId,
						created_at: backupTime(b.createdMs),
						updated_at: backupTime(b.createdMs),
						expired_at: null,
						protected_at: backupTime(b.createdMs),
						description: '',
						parent_id: null,
						enterprise_project_id: '0',
						provider_id: PROVIDERS[/** @type {keyof typeof PROVIDERS} */ (resource?.type ?? 'OS::Cinder::Volume')],
						children: [],
						extend_info: { auto_trigger: false, bootable: false, incremental: true, snapshot_id: uuid() },
					};
				}),
				count: list.length,
				offset: paging.offset,
				limit: paging.limit,
			},
		};
	}

	/** `POST /v3/{project_id}/checkpoints` `{checkpoint: {vault_id, parameters?}}`. @param {SimRequest} req @returns {SimResponse} */
	createCheckpoint(req) {
		const body = req.json?.checkpoint;
		const vault = this.vaults.get(String(body?.vault_id ?? ''));
		if (!body?.vault_id) return { status: 400, body: cbrError('BackupService.6101', 'The vault_id is missing.') };
		if (!vault) return { status: 404, body: cbrError('BackupService.6301', `The vault ${body.vault_id} does not exist.`) };
		const name = body.parameters?.name;
		if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 64)) return { status: 400, body: cbrError('BackupService.6101', 'The backup name must have 1 to 64 characters.') };
		const checkpointId = uuid();
		const now = Date.now();
		/** @type {CbrResource[]} */
		const backedUp = [];
		/** @type {Array<Record<string, string>>} */
		const skipped = [];
		const taskIds = [];
		for (const resource of vault.resources) {
			const busy = this.tasks.some((t) => t.seed.operation_type === 'backup' && t.seed.resource_id === resource.id && !TERMINAL.has(this.#stateOf(t)));
			if (busy) {
				skipped.push({ id: resource.id, type: resource.type, name: resource.name, code: 'BackupService.6113', reason: 'The resource is being backed up.' });
				continue;
			}
			backedUp.push(resource);
			const backupId = uuid();
			const backupName = name ?? `manualbk_${checkpointId.slice(0, 4)}`;
			const taskId = this.addTask({ operation_type: 'backup', states: [...this.backupStates], vault_id: vault.id, resource_id: resource.id, checkpoint_id: checkpointId, backup_id: backupId, backup_name: backupName, ageSeconds: 0 }, now);
			const task = this.tasks[this.tasks.length - 1];
			task.hiddenLooks = this.hiddenLooks;
			taskIds.push(taskId);
			this.backups.push({ id: backupId, name: backupName, vault_id: vault.id, resource_id: resource.id, checkpoint_id: checkpointId, status: 'available', createdMs: now });
		}
		this.checkpoints.push({ vaultId: vault.id, parameters: body.parameters ?? {}, checkpointId, taskIds });
		return {
			status: 200,
			body: {
				checkpoint: {
					id: checkpointId,
					status: 'protecting',
					created_at: backupTime(now),
					project_id: this.projectId,
					vault: {
						id: vault.id,
						name: vault.name,
						resources: backedUp.map((r) => ({ id: r.id, name: r.name, type: r.type, protect_status: 'protecting', resource_size: '40', extra_info: '{}' })),
						skipped_resources: skipped,
					},
					extra_info: { name: name ?? '', description: body.parameters?.description ?? '', retention_duration: -1 },
				},
			},
		};
	}

	/** `POST /v3/{project_id}/backups/{backup_id}/restore` `{restore: {volume_id | server_id, mappings?, power_on?}}`. @param {SimRequest} req @returns {SimResponse} */
	restore(req) {
		const body = req.json?.restore;
		const backup = this.backups.find((b) => b.id === req.params.backupId);
		if (!backup) return { status: 404, body: cbrError('BackupService.6302', `The backup ${req.params.backupId} does not exist.`) };
		const target = body?.volume_id ?? body?.server_id;
		if (typeof target !== 'string' || target === '') return { status: 400, body: cbrError('BackupService.6101', 'The restore needs a volume_id or a server_id.') };
		if (body.server_id !== undefined && (!Array.isArray(body.mappings) || body.mappings.length === 0)) return { status: 400, body: cbrError('BackupService.6101', 'A server restore needs its mappings.') };
		const status = this.#backupStatus(backup);
		if (status === 'restoring') return { status: 400, body: cbrError('BackupService.6115', 'The backup is being restored.') };
		if (status !== 'available') return { status: 400, body: cbrError('BackupService.6114', `The backup status is ${status}; only an available backup can be restored.`) };
		if (target === 'ffffffff-ffff-4fff-8fff-ffffffffffff') return { status: 400, body: cbrError('BackupService.6512', 'The target resource does not exist.') };
		const taskId = this.addTask(
			{ operation_type: 'restore', states: [...this.restoreStates], vault_id: backup.vault_id, resource_id: backup.resource_id, backup_id: backup.id, backup_name: backup.name, target_resource_id: target, ageSeconds: 0 },
			Date.now(),
		);
		this.tasks[this.tasks.length - 1].hiddenLooks = this.hiddenLooks;
		this.restores.push({ backupId: backup.id, restore: body, taskId });
		return { status: 202 };
	}

	/**
	 * The CBR routes, each behind the Huawei simulator's sign-in and project check (`authed`).
	 * @param {SimulatorServer} sim @param {(handler: (req: SimRequest) => SimResponse) => (req: SimRequest) => SimResponse} authed
	 */
	install(sim, authed) {
		sim.route('GET', '/v3/:projectId/operation-logs', authed((req) => this.listTasks(sim, req)));
		sim.route('GET', '/v3/:projectId/operation-logs/:taskId', authed((req) => this.getTask(req)));
		sim.route('GET', '/v3/:projectId/vaults', authed((req) => this.listVaults(sim, req)));
		sim.route('GET', '/v3/:projectId/backups', authed((req) => this.listBackups(sim, req)));
		sim.route('POST', '/v3/:projectId/checkpoints', authed((req) => this.createCheckpoint(req)));
		sim.route('POST', '/v3/:projectId/backups/:backupId/restore', authed((req) => this.restore(req)));
		sim.controlRoute('GET', '/__sim/cbr-checkpoints', () => this.checkpoints);
		sim.controlRoute('GET', '/__sim/cbr-restores', () => this.restores);
		sim.controlRoute('POST', '/__sim/cbr-states', (json) => {
			for (const key of ['backup', 'restore']) {
				const states = json?.[key];
				if (states === undefined) continue;
				if (!Array.isArray(states) || states.length === 0) throw new Error('cbr-states is {"backup": ["running", "failed"], "restore": [...]}');
				if (key === 'backup') this.backupStates = states;
				else this.restoreStates = states;
			}
			return { ok: true };
		});
		sim.controlRoute('POST', '/__sim/cbr-tasks', (json) => ({ id: this.addTask({ vault_id: VAULT_DISKS, ...json }) }));
	}
}

module.exports = { CbrState, VAULT_DISKS, VAULT_SERVERS, DISK_A, DISK_B, SERVER_1, CBR_BACKUP_1, CBR_BACKUP_2, CBR_FAILED_TASK, CBR_NEWEST_TASK };
