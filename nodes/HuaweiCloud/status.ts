import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, stateMapper, toMessage, type JobStatus, type JobType } from '../shared/jobStatus';
import { expectRecord, isRecord, optionalList, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';

export const PRODUCT = 'Huawei Cloud';

/**
 * A backup-policy task's `status` (reference §2). SKIP (the run was skipped) is cancelled: it ended
 * without a backup. Any other value is `unknown`, never finished.
 */
export const taskState = stateMapper({
	WAITING: 'queued',
	RUNNING: 'running',
	EXECUTE_SUCCESS: 'succeeded',
	EXECUTE_FAIL: 'failed',
	EXECUTE_TIMEOUT: 'failed',
	SKIP: 'cancelled',
}, { caseInsensitive: true });

/** A VBS job's `status` of `GET /v1/{project_id}/jobs/{job_id}` (reference §3). */
export const vbsJobState = stateMapper({
	INIT: 'queued',
	RUNNING: 'running',
	SUCCESS: 'succeeded',
	FAIL: 'failed',
}, { caseInsensitive: true });

/** A VBS job's `job_type`: `bksCreateBackup` makes a backup, `bksRestoreBackup` restores one; deleting one is other. */
export function vbsJobType(jobType: unknown): JobType {
	const text = textOf(jobType);
	if (/restore/i.test(text)) return 'restore';
	return /create.*backup/i.test(text) ? 'backup' : 'other';
}

/** The documented task status filter values, for the Status parameter. */
export const TASK_STATUSES = ['WAITING', 'RUNNING', 'EXECUTE_SUCCESS', 'EXECUTE_FAIL', 'EXECUTE_TIMEOUT', 'SKIP'] as const;

/** "text (code)", or whichever of the two is there. */
function withCode(message: unknown, code: unknown): string | null {
	const text = toMessage(message);
	const id = toMessage(code);
	if (text && id) return `${text} (${id})`;
	return text ?? id;
}

export interface TaskPage {
	tasks: IDataObject[];
	/** Every task that matches the filter, as the answer counts them. */
	count: number;
}

/** `{count, tasks}` of `…/backuptasks`; anything else is an error, never "no tasks". */
export function taskPage(body: unknown): TaskPage {
	const record = expectRecord(body, PRODUCT, 'a list of backup tasks');
	const tasks = optionalList(record, 'tasks', ['count'], PRODUCT, 'a list of backup tasks');
	const count = typeof record.count === 'number' ? record.count : Number.NaN;
	if (!Number.isFinite(count)) throw new UnexpectedAnswerError(PRODUCT, 'a list of backup tasks with its "count"', body);
	return { tasks: tasks.map((task) => expectRecord(task, PRODUCT, 'a backup task')), count };
}

/**
 * One backup-policy task as the job-status item. Its times are UTC without a zone suffix
 * (`2016-12-02T09:06:46.706`); `details` is the task as VBS sent it (its `vbs_job_id` is the id the
 * Backup Job resource reads). The task does not name its policy, so the item carries `policyId`
 * beside the normalized fields: with the job id, it is what Get needs to read the task again.
 */
export function fromTask(task: IDataObject, policyId: string, simplify: boolean): JobStatus & { policyId: string } {
	const jobId = textOf(task.job_id);
	if (jobId === '') throw new UnexpectedAnswerError(PRODUCT, 'a backup task with a "job_id"', task);
	const vendorState = textOf(task.status);
	const state = taskState(vendorState);
	const finished = state !== 'queued' && state !== 'running' && state !== 'unknown';
	const item = buildJobStatus(
		{
			vendor: 'huaweiCloud',
			jobType: 'backup',
			jobId,
			jobName: toMessage(task.backup_name),
			state,
			vendorState,
			startedAt: toIsoTime(task.created_at),
			endedAt: finished ? toIsoTime(task.finished_at) : null,
			message: withCode(task.message, task.code),
			details: {},
		},
		true,
	) as JobStatus & { policyId: string };
	// `policyId` before `details`, so the record stays the last field as on every other item. Added in
	// place: a rest-and-spread copy of each item took 0.1 s per 10,000 tasks of Get Many.
	item.policyId = policyId;
	if (!simplify) item.details = task;
	return item;
}

/** A VBS job (`GET /v1/{project_id}/jobs/{job_id}`) as the job-status item; `fail_reason` is its message. */
export function fromVbsJob(body: unknown, simplify: boolean): JobStatus {
	const job = expectRecord(body, PRODUCT, 'a VBS job');
	const jobId = textOf(job.job_id);
	if (jobId === '') throw new UnexpectedAnswerError(PRODUCT, 'a VBS job with a "job_id"', body);
	const vendorState = textOf(job.status);
	const state = vbsJobState(vendorState);
	const finished = state === 'succeeded' || state === 'failed';
	const entities = isRecord(job.entities) ? job.entities : {};
	return buildJobStatus(
		{
			vendor: 'huaweiCloud',
			jobType: vbsJobType(job.job_type),
			jobId,
			jobName: toMessage(entities.bks_create_volume_name) ?? toMessage(job.job_type),
			state,
			vendorState,
			startedAt: toIsoTime(job.begin_time),
			endedAt: finished ? toIsoTime(job.end_time) : null,
			message: withCode(job.fail_reason, job.error_code),
			details: simplify ? {} : job,
		},
		simplify,
	);
}

/** A backup policy of `GET /v2/{project_id}/backuppolicy`, as an item. */
export function policies(body: unknown): IDataObject[] {
	const record = expectRecord(body, PRODUCT, 'a list of backup policies');
	const list = optionalList(record, 'backup_policies', [], PRODUCT, 'a list of backup policies');
	return list.map((entry) => {
		const policy = expectRecord(entry, PRODUCT, 'a backup policy');
		const policyId = textOf(policy.backup_policy_id);
		if (policyId === '') throw new UnexpectedAnswerError(PRODUCT, 'a backup policy with a "backup_policy_id"', policy);
		const schedule = isRecord(policy.scheduled_policy) ? policy.scheduled_policy : {};
		return {
			policyId,
			name: textOf(policy.backup_policy_name),
			enabled: schedule.status === 'ON',
			startTime: textOf(schedule.start_time) || null,
			frequencyDays: typeof schedule.frequency === 'number' ? schedule.frequency : null,
			retentionCount: typeof schedule.rentention_num === 'number' ? schedule.rentention_num : null,
			resourceCount: typeof policy.policy_resource_count === 'number' ? policy.policy_resource_count : null,
		};
	});
}
