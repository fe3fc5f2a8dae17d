// @ts-check
'use strict';
/**
 * The restores of the Veeam Enterprise Manager simulator (veeam.js): VM restore points
 * (`GET /api/vmRestorePoints/{ID}`, the query API's `type=VmRestorePoint`), the entire VM restore
 * (`POST /api/vmRestorePoints/{ID}?action=restore` → 202 and a Task whose `Related` link names the
 * restore session once it is Finished) and restore sessions (`GET /api/restoreSessions/{ID}`,
 * `type=RestoreSession`) that move Starting → Working → Stopped one step per answer showing them.
 * A backup job session links the restore point it wrote (`Rel="Down"` to `/restorePoints/{ID}`) once it
 * has stopped without failing. Refusals are failed Tasks, as Enterprise Manager reports them.
 */
const { randomUUID } = require('node:crypto');

/**
 * @typedef {{ state: string, result?: string, progress?: number }} Step
 * @typedef {{ id: string, vm: string }} VmPointSeed
 * @typedef {object} RestorePointSeed
 * @property {string} id The restore point's GUID (the job-level point of one backup session).
 * @property {string} backupSessionId The backup job session that wrote it.
 * @property {number} createdAt Epoch ms.
 * @property {VmPointSeed[]} vms Its VM restore points.
 * @property {string} [pointType] Full, Increment, ReverseIncrement (default Increment).
 * @typedef {object} RestoreSessionSeed
 * @property {string} [id]
 * @property {string} vm VmDisplayName.
 * @property {string} [vmRestorePointId]
 * @property {string} [jobType] RestoreVm (default) or FileLevelRestore.
 * @property {number} [createdAt]
 * @property {Step[]} steps One per answer that shows the session; the last stays.
 * @typedef {{ seed: RestoreSessionSeed & { id: string, createdAt: number, jobType: string }, step: number }} RestoreSession
 * @typedef {{ vmRestorePointId: string, vm: string, spec: any, success: boolean, sessionId?: string }} RestoreRequest
 *
 * @typedef {object} Host What veeam.js lends: its answers in the asked format, its Tasks, its host.
 * @property {string} href The API root as links show it.
 * @property {{ id: string, name: string }} backupServer
 * @property {(req: any, status: number, root: string, body: Record<string, any>, attributes: string[]) => any} answer
 * @property {(req: any, status: number, message: string) => any} error
 * @property {(req: any, task: { operation: string, success: boolean, message: string, related?: { type: string, href: string } }) => any} startTask
 * @property {(method: string, path: string, handler: (json: any) => unknown) => void} controlRoute
 */

const ATTRIBUTES = ['Type', 'Href', 'Name', 'UID', 'VmDisplayName'];

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();
/** `name@2025-06-16 04:00:52`, as Enterprise Manager names points and sessions. @param {string} who @param {number} ms */
const named = (who, ms) => `${who}@${iso(ms).slice(0, 19).replace('T', ' ')}`;

/** The default points: the Fileserver Backup sessions' (two VMs each) and SQL Nightly's. @param {number} t */
function defaultPoints(t) {
	return [
		{ id: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', backupSessionId: 'd46e39e0-1131-4585-91a7-e828ce7eafae', createdAt: t + 60_000, pointType: 'Full',
			vms: [{ id: 'b32c22c4-79af-4486-b2e2-1a3897db5c61', vm: 'fileserver01' }, { id: 'c43d33d5-8ab0-4597-83f3-2b4908ec6d72', vm: 'fileserver02' }] },
		{ id: '7a2d3e4f-5b6c-4d7e-9f80-a12b3c4d5e6f', backupSessionId: 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9', createdAt: t + 240_000,
			vms: [{ id: '5acac742-ee17-4080-8e89-a6ea67adfcf3', vm: 'fileserver01' }, { id: 'd54e44e6-9bc1-46a8-94a4-3c5a19fd7e83', vm: 'fileserver02' }] },
		{ id: '8b3e4f50-6c7d-4e8f-a091-b23c4d5e6f70', backupSessionId: '3c602890-209d-4a99-8d7b-208a7134fc97', createdAt: t + 120_000,
			vms: [{ id: 'e65f55f7-acd2-47b9-a5b5-4d6b2a0e8f94', vm: 'sql01' }] },
	];
}

/** A file-level restore that worked and an entire VM restore that failed, from before the run. @param {number} t */
function defaultSessions(t) {
	return [
		{ id: '676dc837-f441-4ac1-8470-15be06b4cffc', vm: 'fileserver02', jobType: 'FileLevelRestore', createdAt: t - 7_200_000, steps: [{ state: 'Stopped', result: 'Success', progress: 100 }] },
		{ id: 'ed8e95ca-6ec5-4a2d-978b-e1108c4130b6', vm: 'sql01', vmRestorePointId: 'e65f55f7-acd2-47b9-a5b5-4d6b2a0e8f94', createdAt: t + 600_000,
			steps: [{ state: 'Stopped', result: 'Failed', progress: 40 }] },
	];
}

class VeeamRestores {
	/** @type {Map<string, RestorePointSeed>} */
	#points = new Map();
	/** VM restore points by id, with their parent. @type {Map<string, { id: string, vm: string, point: RestorePointSeed }>} */
	#vmPoints = new Map();
	/** @type {Map<string, RestoreSession>} */
	#sessions = new Map();
	/** @type {Host} */
	#host;
	/** @type {{ seedTime: number, restorePoints?: RestorePointSeed[], restoreSessions?: RestoreSessionSeed[] }} */
	#options;

	/** @param {Host} host @param {{ seedTime: number, restorePoints?: RestorePointSeed[], restoreSessions?: RestoreSessionSeed[] }} options */
	constructor(host, options) {
		this.#host = host;
		this.#options = options;
		/** Every restore request received, refused or not. @type {RestoreRequest[]} */
		this.requests = [];
		/** The steps of a session a restore starts; a failing one fails half way. @type {Step[]} */
		this.steps = VeeamRestores.defaultSteps();
		/** When set, every restore is refused with this Task message. @type {string | undefined} */
		this.refusal = undefined;
		host.controlRoute('GET', '/__sim/restores', () => this.requests);
		host.controlRoute('POST', '/__sim/restore-steps', (json) => {
			if (!Array.isArray(json.steps) || json.steps.length === 0) throw new Error('restore-steps needs {"steps": [{state, result, progress}, …]}');
			this.steps = json.steps;
			return { ok: true };
		});
		host.controlRoute('POST', '/__sim/restore-refusal', (json) => {
			this.refusal = typeof json.message === 'string' ? json.message : undefined;
			return { ok: true, refusal: this.refusal ?? null };
		});
	}

	/** Starting, Working half way, then Stopped with Success. @returns {Step[]} */
	static defaultSteps() {
		return [{ state: 'Starting', result: 'None', progress: 0 }, { state: 'Working', result: 'None', progress: 50 }, { state: 'Stopped', result: 'Success', progress: 100 }];
	}

	reset() {
		this.#points.clear();
		this.#vmPoints.clear();
		this.#sessions.clear();
		this.requests = [];
		this.steps = VeeamRestores.defaultSteps();
		this.refusal = undefined;
		for (const point of this.#options.restorePoints ?? defaultPoints(this.#options.seedTime)) this.addPoint(point);
		for (const session of this.#options.restoreSessions ?? defaultSessions(this.#options.seedTime)) this.addSession(session);
	}

	/** @param {RestorePointSeed} point */
	addPoint(point) {
		this.#points.set(point.id, point);
		for (const vm of point.vms) this.#vmPoints.set(vm.id, { ...vm, point });
	}

	/** @param {RestoreSessionSeed} seed @returns {string} */
	addSession(seed) {
		const id = String(seed.id ?? randomUUID()).toLowerCase();
		this.#sessions.set(id, { seed: { ...seed, id, createdAt: seed.createdAt ?? Date.now(), jobType: seed.jobType ?? 'RestoreVm' }, step: 0 });
		return id;
	}

	/** How many answers showed the restore session so far. @param {string} id */
	sessionPolls(id) {
		return this.#sessions.get(id)?.step ?? 0;
	}

	/**
	 * The link a backup job session's entity gets once it has written its restore point.
	 * @param {string} backupSessionId @param {boolean} written @returns {Array<Record<string, string>>}
	 */
	sessionLinks(backupSessionId, written) {
		if (!written) return [];
		const point = [...this.#points.values()].find((p) => p.backupSessionId === backupSessionId);
		return point ? [{ Rel: 'Down', Type: 'RestorePointReference', Href: `${this.#host.href}/restorePoints/${point.id}`, Name: iso(point.createdAt) }] : [];
	}

	// ---- entities ----

	/** @param {{ id: string, vm: string, point: RestorePointSeed }} p @param {boolean} listed the query's form names the VM */
	#pointEntity(p, listed) {
		const { href, backupServer } = this.#host;
		const name = named(p.vm, p.point.createdAt);
		return {
			Type: 'VmRestorePoint',
			Href: `${href}/vmRestorePoints/${p.id}?format=Entity`,
			Name: name,
			UID: `urn:veeam:VmRestorePoint:${p.id}`,
			// the single entity's example has neither: the VM is then known by the name's part before the @
			VmDisplayName: listed ? p.vm : null,
			Links: [
				{ Rel: 'Restore', Href: `${href}/vmRestorePoints/${p.id}?action=restore` },
				{ Rel: 'Up', Type: 'BackupServerReference', Href: `${href}/backupServers/${backupServer.id}`, Name: backupServer.name },
				{ Rel: 'Up', Type: 'RestorePointReference', Href: `${href}/restorePoints/${p.point.id}`, Name: iso(p.point.createdAt) },
				{ Rel: 'Alternate', Type: 'VmRestorePointReference', Href: `${href}/vmRestorePoints/${p.id}`, Name: name },
			],
			CreationTimeUTC: iso(p.point.createdAt),
			VmName: listed ? p.vm : null,
			Algorithm: p.point.pointType === 'Full' ? 'Full' : 'Incremental',
			PointType: p.point.pointType ?? 'Increment',
			HierarchyObjRef: `urn:VMware:Vm:de28dc43-b8ee-4e17-8e63-3d38b6604033.vm-${p.id.slice(0, 4)}`,
		};
	}

	/** @param {RestoreSession} s @param {Step} step */
	#sessionEntity(s, step) {
		const { href, backupServer } = this.#host;
		const done = step.state === 'Stopped';
		const name = s.seed.jobType === 'FileLevelRestore' ? named(`FLR_[${s.seed.vm}]`, s.seed.createdAt) : named(s.seed.vm, s.seed.createdAt);
		const point = s.seed.vmRestorePointId;
		return {
			Type: 'RestoreSession',
			Href: `${href}/restoreSessions/${s.seed.id}?format=Entity`,
			Name: name,
			UID: `urn:veeam:RestoreSession:${s.seed.id}`,
			VmDisplayName: s.seed.vm,
			Links: [
				{ Rel: 'Up', Type: 'BackupServerReference', Href: `${href}/backupServers/${backupServer.id}`, Name: backupServer.name },
				{ Rel: 'Alternate', Type: 'RestoreSessionReference', Href: `${href}/restoreSessions/${s.seed.id}`, Name: name },
				...(point ? [{ Rel: 'Related', Type: 'VmRestorePointReference', Href: `${href}/vmRestorePoints/${point}`, Name: s.seed.vm }] : []),
			],
			JobType: s.seed.jobType,
			CreationTimeUTC: iso(s.seed.createdAt),
			EndTimeUTC: done ? iso(s.seed.createdAt + 9 * 60_000) : null,
			State: step.state,
			Result: step.result ?? 'None',
			Progress: step.progress ?? (done ? 100 : 0),
		};
	}

	/** @param {RestoreSession} s */
	#stepOf(s) {
		return s.seed.steps[Math.min(s.step, s.seed.steps.length - 1)];
	}

	/**
	 * The query API's rows of a type this file serves, or undefined for another type. Filtering reads a
	 * session as it is now; only what the answer shows moves it on.
	 * @param {string} type @returns {{ rows: Array<{ fields: Record<string, any>, entity: () => Record<string, any> }>, attributes: string[] } | undefined}
	 */
	queryRows(type) {
		const server = { BackupServerUid: `urn:veeam:BackupServer:${this.#host.backupServer.id}`, BackupServerName: this.#host.backupServer.name };
		if (type === 'VmRestorePoint') {
			const rows = [...this.#vmPoints.values()].map((p) => {
				const e = this.#pointEntity(p, true);
				const fields = { UID: e.UID, Name: e.Name, CreationTime: e.CreationTimeUTC, Type: e.PointType, Algorithm: e.Algorithm, RestorePointId: `urn:veeam:RestorePoint:${p.point.id}`,
					RestorePointName: e.Links[2].Name, VmDisplayName: p.vm, ...server };
				return { fields, entity: () => e };
			});
			return { rows, attributes: ATTRIBUTES };
		}
		if (type === 'RestoreSession') {
			const rows = [...this.#sessions.values()].map((s) => {
				const e = this.#sessionEntity(s, this.#stepOf(s));
				const fields = { UID: e.UID, Name: e.Name, Type: e.JobType, CreationTime: e.CreationTimeUTC, EndTime: e.EndTimeUTC, State: e.State, Result: e.Result, VmDisplayName: s.seed.vm, ...server };
				return { fields, entity: () => this.#sessionEntity(s, this.#advance(s)) };
			});
			return { rows, attributes: ATTRIBUTES };
		}
		return undefined;
	}

	/** @param {RestoreSession} s */
	#advance(s) {
		const step = this.#stepOf(s);
		s.step++;
		return step;
	}

	// ---- routes ----

	/** `GET /api/vmRestorePoints/{ID}[?format=Entity]`. @param {any} req */
	vmRestorePoint(req) {
		const p = this.#vmPoints.get(req.params.id.toLowerCase());
		if (!p) return this.#host.error(req, 404, `VmRestorePoint ${req.params.id} was not found.`);
		const entity = this.#pointEntity(p, false);
		if (req.query.get('format') !== 'Entity') {
			const ref = { Type: 'VmRestorePointReference', Href: entity.Href.replace('?format=Entity', ''), Name: entity.Name, UID: entity.UID, Links: entity.Links.slice(1) };
			return this.#host.answer(req, 200, 'EntityRef', ref, ATTRIBUTES);
		}
		return this.#host.answer(req, 200, 'VmRestorePoint', entity, ATTRIBUTES);
	}

	/** `GET /api/restoreSessions/{ID}[?format=Entity]`. @param {any} req */
	restoreSession(req) {
		const s = this.#sessions.get(req.params.id.toLowerCase());
		if (!s) return this.#host.error(req, 404, `RestoreSession ${req.params.id} was not found.`);
		const entity = this.#sessionEntity(s, this.#advance(s));
		if (req.query.get('format') !== 'Entity') {
			const ref = { Type: 'RestoreSessionReference', Href: entity.Href.replace('?format=Entity', ''), Name: entity.Name, UID: entity.UID, Links: entity.Links.slice(0, 1) };
			return this.#host.answer(req, 200, 'EntityRef', ref, ATTRIBUTES);
		}
		return this.#host.answer(req, 200, 'RestoreSession', entity, ATTRIBUTES);
	}

	/**
	 * `POST /api/vmRestorePoints/{ID}?action=restore` with a RestoreSpec (JSON): PowerOnAfterRestore and
	 * QuickRollback are required (1/1), KeepOriginalVM optional and not with QuickRollback. A restore of
	 * a VM whose restore runs is refused, as is every restore while `refusal` is set.
	 * @param {any} req
	 */
	restore(req) {
		const p = this.#vmPoints.get(req.params.id.toLowerCase());
		if (!p) return this.#host.error(req, 404, `VmRestorePoint ${req.params.id} was not found.`);
		if (req.query.get('action') !== 'restore') return this.#host.error(req, 400, `The action ${req.query.get('action')} is not simulated.`);
		const spec = req.json?.VmRestoreSpec;
		const isBool = (/** @type {unknown} */ v) => typeof v === 'boolean';
		if (!spec || typeof spec !== 'object' || !isBool(spec.PowerOnAfterRestore) || !isBool(spec.QuickRollback) || !['undefined', 'boolean'].includes(typeof spec.KeepOriginalVM)) {
			return this.#host.error(req, 400, 'The RestoreSpec does not conform to the schema: VmRestoreSpec needs PowerOnAfterRestore and QuickRollback.');
		}
		if (spec.KeepOriginalVM === true && spec.QuickRollback === true) return this.#host.error(req, 400, 'QuickRollback must be false when KeepOriginalVM is true.');
		const running = [...this.#sessions.values()].some((s) => s.seed.vm === p.vm && this.#stepOf(s).state !== 'Stopped');
		const refusal = this.refusal ?? (running ? `A restore of VM "${p.vm}" is already in progress.` : undefined);
		/** @type {RestoreRequest} */
		const request = { vmRestorePointId: p.id, vm: p.vm, spec, success: refusal === undefined };
		this.requests.push(request);
		if (refusal !== undefined) return this.#host.startTask(req, { operation: 'StartVMRestore', success: false, message: refusal });
		const sessionId = this.addSession({ vm: p.vm, vmRestorePointId: p.id, steps: this.steps });
		request.sessionId = sessionId;
		const related = { type: 'RestoreSession', href: `${this.#host.href}/restoreSessions/${sessionId}?format=Entity` };
		return this.#host.startTask(req, { operation: 'StartVMRestore', success: true, message: 'Ok', related });
	}
}

module.exports = { VeeamRestores };
