import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import { isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { requireId } from '../shared/validate';
import { jobReader, type JobQuery } from './jobReads';
import { messageText } from './status';
import type { VcenterBackupApi } from './transport';

/** The location types of `BackupRequest` (reference §3). */
export const LOCATION_TYPES = ['FTP', 'FTPS', 'HTTP', 'HTTPS', 'SCP', 'SFTP', 'NFS', 'SMB'] as const;

/** Backup Now of the appliance: one `BackupRequest`, the item's Simplify and If Already Running. */
export interface StartRequest {
	backup: IDataObject;
	/** The passwords it carries, kept out of every error. */
	secrets: string[];
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

function text(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '') ?? '').trim();
}

/** A backup location as vCenter takes it (BackupRequest, RestoreRequest) and the passwords it carries. */
export interface Location {
	fields: IDataObject;
	secrets: string[];
}

/** The item's Location Type, Location, Location User and Password, checked before any request. */
export function readLocation(ctx: IExecuteFunctions, i: number): Location {
	const locationType = text(ctx, 'locationType', i);
	if (!(LOCATION_TYPES as readonly string[]).includes(locationType)) {
		throw new NodeOperationError(ctx.getNode(), `The Location Type "${locationType}" is not one vCenter backs up to [item ${i}]`, {
			itemIndex: i,
			description: `Choose one of ${LOCATION_TYPES.join(', ')}.`,
		});
	}
	const location = text(ctx, 'location', i);
	if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(location)) {
		throw new NodeOperationError(ctx.getNode(), `The Location "${location}" is not a URL [item ${i}]`, {
			itemIndex: i,
			description: 'Enter the backup location as vCenter shows it under Backup, e.g. sftp://backup.example.com/vcsa.',
		});
	}
	const user = text(ctx, 'locationUser', i);
	const password = String(ctx.getNodeParameter('locationPassword', i, '') ?? '');
	return {
		fields: {
			location_type: locationType,
			location,
			...(user !== '' && { location_user: user }),
			...(password !== '' && { location_password: password }),
		},
		secrets: password !== '' ? [password] : [],
	};
}

/** The item's Backup Now, checked before any request: the location is a URL of the chosen type's kind. */
export function startRequest(ctx: IExecuteFunctions, i: number): StartRequest {
	const where = readLocation(ctx, i);
	const parts = ctx.getNodeParameter('parts', i, []) as unknown;
	const options = ctx.getNodeParameter('backupOptions', i, {}) as { backupPassword?: string; comment?: string };
	const backupPassword = String(options.backupPassword ?? '');
	const backup: IDataObject = {
		parts: Array.isArray(parts) ? parts.map(String) : [],
		...where.fields,
		...(backupPassword !== '' && { backup_password: backupPassword }),
		...(String(options.comment ?? '').trim() !== '' && { comment: String(options.comment).trim() }),
	};
	return {
		backup,
		secrets: [...where.secrets, backupPassword].filter((s) => s !== ''),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/** The new job's id from the start's `BackupJobStatus` (`/rest`: already unwrapped). */
function startedId(body: unknown): string | undefined {
	const id = isRecord(body) ? textOf(body.id) : '';
	return id === '' ? undefined : id;
}

/**
 * Backup Job → Start. vCenter runs one backup or restore at a time (a second is refused with
 * FEATURE_IN_USE), so "Start Another" is not offered. The job list before the start tells the new job
 * from older ones when its answer is lost; the newest job is the one that may be running.
 */
export function startBackupAction(api: VcenterBackupApi): StartAction<StartRequest, JobQuery, Set<string>> {
	return {
		// the same location and parts: the same backup (passwords and comment do not make another)
		key: (r) => `${String(r.backup.location_type)} ${String(r.backup.location)} ${JSON.stringify(r.backup.parts)} ${r.simplify}`,
		before: async (r, i) => {
			const ids = await api.listJobIds(i);
			return { running: ids.length > 0 ? { id: ids[0], simplify: r.simplify } : undefined, snapshot: new Set(ids) };
		},
		start: async (r, i) => {
			const id = startedId(await api.startBackup(r.backup, r.secrets, i));
			return id === undefined ? undefined : { id, simplify: r.simplify };
		},
		find: async (r, before, i) => {
			const fresh = (await api.listJobIds(i)).filter((id) => !before.has(id));
			// one backup at a time: a single new job is this start's; more cannot be told apart
			return fresh.length === 1 ? { id: fresh[0], simplify: r.simplify } : undefined;
		},
		read: jobReader(api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'Backup in the appliance management interface (port 5480)',
		findTries: 3,
		findPauseMs: 2000,
	};
}

/** `ReturnResult` of a cancel: FAIL is vCenter's refusal, in its words. `what`: "backup job 2024…", "the restore job". */
export function checkCancelled(ctx: IExecuteFunctions, body: unknown, what: string, i: number): void {
	const result = isRecord(body) ? body : {};
	if (textOf(result.status).toUpperCase() !== 'FAIL') return;
	const said = messageText(result.messages) ?? 'no reason given';
	const message = `vCenter did not cancel ${what}: ${said} [item ${i}]`;
	throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: 'Only a job that is still running can be cancelled. Check its state with Get.',
		itemIndex: i,
	});
}

/** Backup Job → Cancel: the job's cancel action, then its item. */
export function cancelAction(ctx: IExecuteFunctions, api: VcenterBackupApi): JobAction<JobQuery, JobQuery> {
	return {
		key: (q) => `${q.id} ${q.simplify}`,
		target: (q) => q,
		act: async (q, i) => {
			checkCancelled(ctx, await api.cancel(q.id, i), `backup job ${q.id}`, i);
			return undefined;
		},
		read: jobReader(api),
	};
}

/** Start, waiting on the job it started with the reader of Get. */
export function startOperation(ctx: IExecuteFunctions, api: VcenterBackupApi, clock: WaitClock): JobOperation<StartRequest, JobQuery> {
	return {
		query: (i) => startRequest(ctx, i),
		read: startReader(ctx, startBackupAction(api), clock),
		wait: { again: (r, job) => ({ id: job.jobId, simplify: r.simplify }), read: jobReader(api) },
	};
}

/** Cancel, optionally waiting until the job has ended. */
export function cancelOperation(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<JobQuery, JobQuery> {
	return {
		query: (i) => ({ id: requireId(ctx, ctx.getNodeParameter('jobId', i, '', { extractValue: true }), 'Backup Job', i), simplify: ctx.getNodeParameter('simplify', i, true) as boolean }),
		read: jobActionReader(ctx, cancelAction(ctx, api)),
		wait: { again: (q) => q, read: jobReader(api) },
	};
}
