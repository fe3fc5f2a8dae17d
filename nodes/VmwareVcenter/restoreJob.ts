import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobReader } from '../shared/jobReads';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import type { WaitClock } from '../shared/waitForJobs';
import { checkCancelled, readLocation } from './actions';
import { fromRestoreJobStatus } from './status';
import type { VcenterBackupApi } from './transport';

/** The restore job has no id: a question is only how the item is shaped. */
export interface RestoreQuery {
	simplify: boolean;
}

export interface RestoreRequest {
	restore: IDataObject;
	secrets: string[];
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** Restore Job → Get (and every wait round): `GET …/restore/job`. */
export function restoreReader(api: VcenterBackupApi): JobReader<RestoreQuery> {
	return {
		key: (q) => `restore ${q.simplify}`,
		readOne: async (q, i) => fromRestoreJobStatus(await api.restoreJob(i), q.simplify),
	};
}

/** The item's `RestoreRequest`: the backup's location, its password, the SSO administrator; checked before any request. */
export function restoreRequest(ctx: IExecuteFunctions, i: number): RestoreRequest {
	const where = readLocation(ctx, i);
	const options = ctx.getNodeParameter('restoreOptions', i, {}) as { backupPassword?: string; ssoAdminUserName?: string; ssoAdminPassword?: string; ignoreWarnings?: boolean };
	const backupPassword = String(options.backupPassword ?? '');
	const ssoUser = String(options.ssoAdminUserName ?? '').trim();
	const ssoPassword = String(options.ssoAdminPassword ?? '');
	return {
		restore: {
			...where.fields,
			...(backupPassword !== '' && { backup_password: backupPassword }),
			...(ssoUser !== '' && { sso_admin_user_name: ssoUser }),
			...(ssoPassword !== '' && { sso_admin_user_password: ssoPassword }),
			...(options.ignoreWarnings === true && { ignore_warnings: true }),
		},
		secrets: [...where.secrets, backupPassword, ssoPassword].filter((s) => s !== ''),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/**
 * Restore Job → Start on an appliance deployed in restore mode (stage 2 of a file-based restore).
 * The appliance has one restore job, so the start's answer and a lost answer are both told by reading
 * it: after a start, a job that runs or has ended since the state read before is this start's.
 */
function startRestoreAction(api: VcenterBackupApi): StartAction<RestoreRequest, RestoreQuery, string> {
	const read = restoreReader(api);
	return {
		key: (r) => `${String(r.restore.location_type)} ${String(r.restore.location)} ${r.simplify}`,
		before: async (r, i) => {
			const job = await read.readOne({ simplify: true }, i);
			return { running: job.state === 'running' ? { simplify: r.simplify } : undefined, snapshot: job.vendorState };
		},
		start: async (r, i) => {
			await api.startRestore(r.restore, r.secrets, i);
			return { simplify: r.simplify };
		},
		find: async (r, before, i) => {
			const job = await read.readOne({ simplify: true }, i);
			return job.state === 'running' || (job.vendorState !== before && job.vendorState !== 'NONE') ? { simplify: r.simplify } : undefined;
		},
		read,
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'the restore progress in the appliance management interface (port 5480) of the appliance in restore mode',
		findTries: 3,
		findPauseMs: 2000,
	};
}

export function startRestoreOperation(ctx: IExecuteFunctions, api: VcenterBackupApi, clock: WaitClock): JobOperation<RestoreRequest, RestoreQuery> {
	return {
		query: (i) => restoreRequest(ctx, i),
		read: startReader(ctx, startRestoreAction(api), clock),
		wait: { again: (r) => ({ simplify: r.simplify }), read: restoreReader(api) },
	};
}

export function getRestoreOperation(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<RestoreQuery, RestoreQuery> {
	const read = restoreReader(api);
	return { query: (i) => ({ simplify: ctx.getNodeParameter('simplify', i, true) as boolean }), read, wait: { again: (q) => q, read } };
}

/** Restore Job → Cancel: the restore's cancel action, then its item. */
export function cancelRestoreOperation(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<RestoreQuery, RestoreQuery> {
	const read = restoreReader(api);
	const cancel: JobAction<RestoreQuery, RestoreQuery> = {
		key: (q) => `restore ${q.simplify}`,
		target: (q) => q,
		act: async (_q, i) => {
			checkCancelled(ctx, await api.cancelRestore(i), 'the restore job', i);
			return undefined;
		},
		read,
	};
	return { query: (i) => ({ simplify: ctx.getNodeParameter('simplify', i, true) as boolean }), read: jobActionReader(ctx, cancel), wait: { again: (q) => q, read } };
}
