import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { expectRecord, isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { actionOf, recoveryBody, snapshotsOf, type RecoverySource, type RunSnapshot } from './recoveryBodies';
import type { RecoverRequest } from './recoveryRequests';
import { fromRecovery, recoveriesOf } from './recoveryStatus';
import { csv, type CohesityProtectionApi } from './transport';

/** One recovery, as Get, Cancel and every wait round ask for it. */
export interface RecoveryQuery {
	id: string;
	simplify: boolean;
}

/** What the start knows before its write: the recovery's source, when it asked, and older recoveries of the same name. */
interface Before extends RecoverySource {
	sinceUsecs: number;
	seen: Set<string>;
}

/** Recoveries per bulk read: their ids travel in the URL. */
const IDS_PER_CALL = 50;

/**
 * How far before the node's own clock the search for a lost recovery starts: the cluster's clock
 * may be behind. The recovery's unique name, not its time, tells it apart.
 */
const CLOCK_SKEW_USECS = 10 * 60 * 1_000_000;

const recoveryKey = (q: RecoveryQuery) => `recovery ${q.id} ${q.simplify ? 'simple' : 'full'}`;

/** Get: `…/recoveries/{id}` alone, or several recoveries from one list call with `ids`. */
export function recoveryReader(api: CohesityProtectionApi): JobReader<RecoveryQuery> {
	return {
		key: recoveryKey,
		readOne: async (q, i) => fromRecovery(await api.recovery(q.id, i), q.simplify),
		bulk: {
			batchOf: () => 'recoveries',
			maxSize: IDS_PER_CALL,
			readMany: async (queries, i) => {
				const listed = recoveriesOf(await api.recoveries({ ids: csv([...new Set(queries.map((q) => q.id))]) }, i));
				const byId = new Map(listed.map((recovery) => [textOf(recovery.id), recovery]));
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const recovery = byId.get(q.id);
					if (recovery) found.set(recoveryKey(q), fromRecovery(recovery, q.simplify));
				}
				return found;
			},
		},
	};
}

/** A name no other recovery has: Cohesity names recoveries after what and when, so does the node. */
function generatedName(request: RecoverRequest, groupName: string): string {
	const what = request.kind === 'vms' ? 'Recover_VMs' : 'Recover_Files';
	const when = new Date().toISOString().replace(/[-:]/g, '').replace('.', '_');
	return `n8n_${what}_${groupName || request.groupId}_${when}_${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The snapshots of the run that the request recovers from, or an error before the write: a run of
 * another environment, a VM or server the run did not back up, a run with no snapshot to recover.
 */
function chosenSnapshots(ctx: IExecuteFunctions, request: RecoverRequest, run: IDataObject, i: number): { environment: string; snapshots: RunSnapshot[] } {
	const refuse = (message: string, description: string) => new NodeOperationError(ctx.getNode(), `${message} [item ${i}]`, { itemIndex: i, description });
	const environment = textOf(run.environment);
	const all = snapshotsOf(run);
	const names = all.map((s) => s.name).join(', ') || 'none';
	if (request.kind === 'vms') {
		if (environment !== 'kVMware') throw refuse(`The run ${request.runId} is a ${environment || 'non-VMware'} backup; Recover VMs recovers VMware VMs`, 'Choose a run of a VMware protection group.');
		const wanted = request.vmNames.map((n) => n.toLowerCase());
		const missing = request.vmNames.filter((n) => !all.some((s) => s.name.toLowerCase() === n.toLowerCase()));
		if (missing.length > 0) throw refuse(`The run ${request.runId} has no snapshot of ${missing.join(', ')}`, `The VMs with a snapshot in this run: ${names}.`);
		const snapshots = wanted.length === 0 ? all : all.filter((s) => wanted.includes(s.name.toLowerCase()));
		if (snapshots.length === 0) throw refuse(`The run ${request.runId} has no VM snapshot to recover from`, 'Choose a run whose local backup succeeded (or succeeded with warnings).');
		return { environment, snapshots };
	}
	if (environment !== 'kVMware' && environment !== 'kPhysical') {
		throw refuse(`The run ${request.runId} is a ${environment || 'non-file'} backup; Recover Files and Folders recovers from VMware VMs and physical servers`, 'Choose a run of a VMware or Physical protection group.');
	}
	const source = request.source.toLowerCase();
	const snapshot = all.find((s) => s.name.toLowerCase() === source || String(s.objectId) === request.source);
	if (!snapshot) throw refuse(`The run ${request.runId} has no snapshot of "${request.source}"`, `The VMs or servers with a snapshot in this run: ${names}.`);
	return { environment, snapshots: [snapshot] };
}

/**
 * Recovery → Recover VMs / Recover Files and Folders. Before the write, the run's snapshots are read
 * (`…/runs/{runId}?includeObjectDetails=true`); the answer of `POST /v2/data-protect/recoveries` names
 * the recovery. When that answer is lost, the recovery is the one of the node's unique name among the
 * recoveries of the window; with the user's own Recovery Name, the ones of that name that were there
 * before are never taken for it.
 */
export function recoverAction(ctx: IExecuteFunctions, api: CohesityProtectionApi): StartAction<RecoverRequest, RecoveryQuery, Before> {
	const listSince = async (r: RecoverRequest, b: Pick<Before, 'sinceUsecs' | 'environment'>, i: number) =>
		recoveriesOf(await api.recoveries({ startTimeUsecs: b.sinceUsecs - CLOCK_SKEW_USECS, ...filtersOf(r, b.environment) }, i));
	const named = (list: IDataObject[], name: string) => list.filter((recovery) => recovery.name === name).map((recovery) => textOf(recovery.id));
	return {
		// Items whose every parameter is equal start one recovery and share its item.
		key: (r) => JSON.stringify(r),
		before: async (r, i) => {
			const run = expectRecord(await api.run(r.groupId, r.runId, i, true), 'Cohesity', 'a protection group run');
			const { environment, snapshots } = chosenSnapshots(ctx, r, run, i);
			const name = r.name !== '' ? r.name : generatedName(r, textOf(run.protectionGroupName));
			const sinceUsecs = Date.now() * 1000;
			// Only a name the user chose can be there already.
			const seen = new Set(r.name !== '' ? named(await listSince(r, { sinceUsecs, environment }, i), name) : []);
			return { running: undefined, snapshot: { name, environment, snapshots, sinceUsecs, seen } };
		},
		start: async (r, i, b) => {
			const answer = await api.createRecovery(recoveryBody(r, b), i);
			// An answer without the id (a proxy's empty 200) is no reason to start again: the name finds it.
			const id = isRecord(answer) ? textOf(answer.id) : '';
			return id === '' ? undefined : { id, simplify: r.simplify };
		},
		find: async (r, b, i) => {
			const fresh = named(await listSince(r, b, i), b.name).filter((id) => id !== '' && !b.seen.has(id));
			return fresh.length === 1 ? { id: fresh[0], simplify: r.simplify } : undefined;
		},
		read: recoveryReader(api),
		// A recovery never blocks another one.
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'Data Protection > Recoveries in the Cohesity UI',
		// a recovery appears in the list a moment after the request
		findTries: 4,
		findPauseMs: 1500,
	};
}

/** The list filters that narrow the search for a lost recovery to its own kind. */
function filtersOf(r: RecoverRequest, environment: string): IDataObject {
	const { recoveryAction, snapshotEnvironment } = actionOf(r, environment);
	return { recoveryActions: recoveryAction, snapshotEnvironments: snapshotEnvironment };
}

export function recoverOperation(
	ctx: IExecuteFunctions,
	api: CohesityProtectionApi,
	clock: WaitClock,
	request: (i: number) => RecoverRequest,
): JobOperation<RecoverRequest, RecoveryQuery> {
	return {
		query: request,
		read: startReader(ctx, recoverAction(ctx, api), clock),
		wait: { again: (r, job) => ({ id: job.jobId, simplify: r.simplify }), read: recoveryReader(api) },
	};
}

export function getRecoveryOperation(api: CohesityProtectionApi, query: (i: number) => RecoveryQuery): JobOperation<RecoveryQuery, RecoveryQuery> {
	const read = recoveryReader(api);
	return { query, read, wait: { again: (q) => q, read } };
}

/** Recovery → Cancel: `POST …/recoveries/{id}/cancel`, then the recovery's item. */
export function cancelRecoveryOperation(ctx: IExecuteFunctions, api: CohesityProtectionApi, query: (i: number) => RecoveryQuery): JobOperation<RecoveryQuery, RecoveryQuery> {
	const read = recoveryReader(api);
	const action: JobAction<RecoveryQuery, RecoveryQuery> = {
		key: recoveryKey,
		target: (q) => q,
		act: async (q, i) => {
			await api.cancelRecovery(q.id, i);
			return undefined;
		},
		read,
	};
	return { query, read: jobActionReader(ctx, action), wait: { again: (q) => q, read } };
}
