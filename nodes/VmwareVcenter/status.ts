import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, stateMapper, type JobStatus } from '../shared/jobStatus';
import { expectRecord, expectString, isRecord } from '../shared/shape';
import { toIsoTime } from '../shared/time';

const PRODUCT = 'vCenter';

/** `state` of `job/{id}` (BackupRestoreProcessState). There is no warning or cancelled value. */
export const backupJobState = stateMapper({
	NONE: 'queued',
	INPROGRESS: 'running',
	SUCCEEDED: 'succeeded',
	FAILED: 'failed',
});

/** `status` of `job/details` uses another enum (CisTaskStatus). */
export const detailsState = stateMapper({
	PENDING: 'queued',
	RUNNING: 'running',
	BLOCKED: 'running',
	SUCCEEDED: 'succeeded',
	FAILED: 'failed',
});

/** vAPI messages carry `{0}`-style placeholders filled from `args`. */
export function messageText(messages: unknown): string | null {
	if (!Array.isArray(messages)) return null;
	const texts = messages.filter(isRecord).map((m) => {
		const args = Array.isArray(m.args) ? m.args : [];
		return String(m.default_message ?? m.id ?? '').replace(/\{(\d+)\}/g, (all, n: string) =>
			args[Number(n)] === undefined ? all : String(args[Number(n)]),
		);
	});
	const text = texts.filter((t) => t !== '').join('; ');
	return text === '' ? null : text;
}

/** A `BackupJobStatus` (`job/{id}`) as the job-status item. */
export function fromBackupJobStatus(body: unknown, simplify: boolean): JobStatus {
	const job = expectRecord(body, PRODUCT, 'a backup job status');
	const vendorState = expectString(job, 'state', PRODUCT, 'a backup job status');
	return buildJobStatus(
		{
			vendor: 'vcenter',
			jobType: 'backup',
			jobId: expectString(job, 'id', PRODUCT, 'a backup job status'),
			state: backupJobState(vendorState),
			vendorState,
			progressPercent: job.progress,
			startedAt: toIsoTime(job.start_time),
			endedAt: toIsoTime(job.end_time),
			message: messageText(job.messages),
			details: job,
		},
		simplify,
	);
}

/** The restore job has no id: one per appliance. Its item's `jobId` is this, which Restore Job → Get reads back. */
export const RESTORE_JOB_ID = 'restore';

/**
 * A `RestoreJobStatus` (`restore/job`) as the job-status item: the same states as a backup job, no id
 * and, in the documented record, no times (taken where an appliance sends them).
 */
export function fromRestoreJobStatus(body: unknown, simplify: boolean): JobStatus {
	const job = expectRecord(body, PRODUCT, 'a restore job status');
	const vendorState = expectString(job, 'state', PRODUCT, 'a restore job status');
	return buildJobStatus(
		{
			vendor: 'vcenter',
			jobType: 'restore',
			jobId: RESTORE_JOB_ID,
			jobName: 'Appliance restore',
			state: backupJobState(vendorState),
			vendorState,
			progressPercent: job.progress,
			startedAt: toIsoTime(job.start_time),
			endedAt: toIsoTime(job.end_time),
			message: messageText(job.messages),
			details: job,
		},
		simplify,
	);
}

/** Its progress is `completed` of `total`, not a percentage. */
function detailsPercent(info: IDataObject): number | null {
	const progress = isRecord(info.progress) ? info.progress : {};
	const total = Number(progress.total);
	const completed = Number(progress.completed);
	return total > 0 && Number.isFinite(completed) ? Math.round((100 * completed) / total) : null;
}

/** One `DetailsInfo` of `job/details` as the job-status item (Get Details, Get Many). */
export function fromBackupJobDetails(jobId: string, body: unknown, simplify: boolean): JobStatus {
	const info = expectRecord(body, PRODUCT, `details of backup job ${jobId}`);
	const vendorState = expectString(info, 'status', PRODUCT, `details of backup job ${jobId}`);
	const error = isRecord(info.error) ? messageText([info.error]) : null;
	return buildJobStatus(
		{
			vendor: 'vcenter',
			jobType: 'backup',
			jobId,
			state: detailsState(vendorState),
			vendorState,
			progressPercent: detailsPercent(info),
			startedAt: toIsoTime(info.start_time),
			endedAt: toIsoTime(info.end_time),
			message: error ?? messageText(info.messages),
			details: { id: jobId, ...info } as IDataObject,
		},
		simplify,
	);
}

/**
 * The `job/{id}` state a details `status` stands for. BLOCKED has no value of its own there: the job
 * is in progress.
 */
const JOB_STATE_OF_STATUS: Record<string, string> = {
	PENDING: 'NONE',
	RUNNING: 'INPROGRESS',
	BLOCKED: 'INPROGRESS',
	SUCCEEDED: 'SUCCEEDED',
	FAILED: 'FAILED',
};

/**
 * A `DetailsInfo` as the simplified item Get makes from `job/{id}`, so a Get answered in bulk equals
 * one answered alone: `vendorState` in the `job/{id}` enum (BLOCKED reads INPROGRESS), the message
 * from `messages` as there (the task `error` only when `messages` says nothing), progress as a
 * percentage of `completed`/`total` (`job/{id}` reports the percentage itself; they agree while the
 * appliance counts to 100). Simplify off is never answered this way: `details` would be another record.
 * Undefined for a status without a documented `job/{id}` counterpart: only the job's own read can
 * say what `job/{id}` shows then, so the caller reads that job alone.
 */
export function fromDetailsAsBackupJobStatus(jobId: string, body: unknown): JobStatus | undefined {
	const info = expectRecord(body, PRODUCT, `details of backup job ${jobId}`);
	const status = expectString(info, 'status', PRODUCT, `details of backup job ${jobId}`);
	const vendorState = Object.hasOwn(JOB_STATE_OF_STATUS, status) ? JOB_STATE_OF_STATUS[status] : undefined;
	if (vendorState === undefined) return undefined;
	const error = isRecord(info.error) ? messageText([info.error]) : null;
	return buildJobStatus(
		{
			vendor: 'vcenter',
			jobType: 'backup',
			jobId,
			state: backupJobState(vendorState),
			vendorState,
			progressPercent: detailsPercent(info),
			startedAt: toIsoTime(info.start_time),
			endedAt: toIsoTime(info.end_time),
			message: messageText(info.messages) ?? error,
			details: info,
		},
		true,
	);
}
