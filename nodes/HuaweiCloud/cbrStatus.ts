import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, stateMapper, toMessage, type JobStatus, type JobType } from '../shared/jobStatus';
import { expectRecord, isRecord, numberOf, optionalList, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';
import { PRODUCT } from './status';

/**
 * A CBR task (operation log) as the job-status item. Status values and fields from the CBR API
 * reference, *Querying a Single Task* (ShowOpLog) and *Querying the Task List* (ListOpLogs).
 */

/** The documented task statuses, for the Status filter. */
export const CBR_TASK_STATUSES = ['success', 'skipped', 'failed', 'running', 'timeout', 'waiting'] as const;

/** The documented operation types, for the Operation Type filter. */
export const CBR_OPERATION_TYPES = ['backup', 'copy', 'replication', 'restore', 'delete', 'sync', 'vault_delete', 'remove_resource', 'migrate_resources'] as const;

/**
 * `status` of an operation log. `skipped` (a check failed, the task never started) is cancelled, as
 * VBS's SKIP; `timeout` (a step ran longer than CBR allows and was stopped) is failed. Anything else
 * is `unknown`, never finished.
 */
export const cbrTaskState = stateMapper({
	waiting: 'queued',
	running: 'running',
	success: 'succeeded',
	failed: 'failed',
	timeout: 'failed',
	skipped: 'cancelled',
}, { caseInsensitive: true });

/** `operation_type`: backup and restore as such; replication, copy, delete, sync and the rest are other. */
export function cbrJobType(operationType: unknown): JobType {
	const type = textOf(operationType).toLowerCase();
	if (type === 'backup') return 'backup';
	return type === 'restore' ? 'restore' : 'other';
}

const recordOf = (value: unknown): IDataObject => (isRecord(value) ? value : {});

/** What a task's `extra_info` says about it: its backup, the resource, a restore's source and target. */
export function taskFacts(log: IDataObject): { backupId: string; backupName: string; resourceId: string; resourceName: string; restoreTargetId: string; progress: number | undefined } {
	const extra = recordOf(log.extra_info);
	const backup = recordOf(extra.backup);
	const restore = recordOf(extra.restore);
	const resource = recordOf(extra.resource);
	return {
		backupId: textOf(backup.backup_id) || textOf(restore.backup_id),
		backupName: textOf(backup.backup_name) || textOf(restore.backup_name),
		resourceId: textOf(resource.id),
		resourceName: textOf(resource.name),
		restoreTargetId: textOf(restore.target_resource_id),
		progress: numberOf(recordOf(extra.common).progress),
	};
}

/** "text (code)", or whichever of the two is there. */
function errorText(log: IDataObject): string | null {
	const error = recordOf(log.error_info);
	const text = toMessage(error.message);
	const code = toMessage(error.code);
	if (text && code) return `${text} (${code})`;
	return text ?? code;
}

/**
 * One operation log as the job-status item. `jobName` is the backup's name (a backup task's, or the
 * backup a restore reads), else the resource's, else the vault's. Times carry a zone (`…Z`); a task
 * that has not started has only `created_at`.
 */
export function fromOperationLog(body: unknown, simplify: boolean): JobStatus {
	const log = expectRecord(body, PRODUCT, 'a CBR task');
	const jobId = textOf(log.id);
	if (jobId === '') throw new UnexpectedAnswerError(PRODUCT, 'a CBR task with an "id"', body);
	const vendorState = textOf(log.status);
	const state = cbrTaskState(vendorState);
	const finished = state !== 'queued' && state !== 'running' && state !== 'unknown';
	const facts = taskFacts(log);
	return buildJobStatus(
		{
			vendor: 'huaweiCloud',
			jobType: cbrJobType(log.operation_type),
			jobId,
			jobName: toMessage(facts.backupName) ?? toMessage(facts.resourceName) ?? toMessage(log.vault_name),
			state,
			vendorState,
			progressPercent: facts.progress,
			startedAt: toIsoTime(log.started_at) ?? toIsoTime(log.created_at),
			endedAt: finished ? toIsoTime(log.ended_at) : null,
			message: errorText(log),
			details: simplify ? {} : log,
		},
		simplify,
	);
}

/** `{operation_log}` of `GET …/operation-logs/{id}`. */
export function operationLogOf(body: unknown): IDataObject {
	const record = expectRecord(body, PRODUCT, 'a CBR task');
	// the whole answer in the error: an answer without the field is of another shape, not "nothing"
	if (!isRecord(record.operation_log)) throw new UnexpectedAnswerError(PRODUCT, 'a CBR task ("operation_log")', body);
	return record.operation_log;
}

export interface CbrPage {
	records: IDataObject[];
	/** Every record that matches the filter, as the answer counts them. */
	count: number;
}

/**
 * `{<list>, count, offset?, limit?}` of a CBR list (`operation_logs`, `vaults`, `backups`); anything
 * else is an error, never "none".
 */
export function cbrPage(body: unknown, field: string, what: string): CbrPage {
	const record = expectRecord(body, PRODUCT, `a list of ${what}`);
	const list = optionalList(record, field, ['count', 'offset', 'limit'], PRODUCT, `a list of ${what}`);
	const count = typeof record.count === 'number' ? record.count : Number.NaN;
	if (!Number.isFinite(count)) throw new UnexpectedAnswerError(PRODUCT, `a list of ${what} with its "count"`, body);
	return { records: list.map((entry) => expectRecord(entry, PRODUCT, what)), count };
}

/** A vault of `GET /v3/{project_id}/vaults` as an item: what picking one and backing it up needs. */
export function fromVault(vault: IDataObject, simplify: boolean): IDataObject {
	const vaultId = textOf(vault.id);
	if (vaultId === '') throw new UnexpectedAnswerError(PRODUCT, 'a CBR vault with an "id"', vault);
	const billing = recordOf(vault.billing);
	const resources = Array.isArray(vault.resources) ? vault.resources.filter(isRecord) : [];
	return {
		vaultId,
		name: textOf(vault.name) || null,
		status: textOf(billing.status) || null,
		objectType: textOf(billing.object_type) || null,
		protectType: textOf(billing.protect_type) || null,
		sizeGb: numberOf(billing.size) ?? null,
		usedGb: numberOf(billing.used) ?? null,
		policyId: textOf(vault.policy_id) || null,
		resourceCount: resources.length,
		resources: resources.map((r) => ({ id: textOf(r.id), name: textOf(r.name) || null, type: textOf(r.type) || null, protectStatus: textOf(r.protect_status) || null })),
		createdAt: toIsoTime(vault.created_at),
		...(simplify ? {} : { details: vault }),
	};
}

/** A backup (restore point of one resource) of `GET /v3/{project_id}/backups` as an item. */
export function fromCbrBackup(backup: IDataObject, simplify: boolean): IDataObject {
	const backupId = textOf(backup.id);
	if (backupId === '') throw new UnexpectedAnswerError(PRODUCT, 'a CBR backup with an "id"', backup);
	return {
		backupId,
		name: textOf(backup.name) || null,
		status: textOf(backup.status) || null,
		vaultId: textOf(backup.vault_id) || null,
		checkpointId: textOf(backup.checkpoint_id) || null,
		resourceId: textOf(backup.resource_id) || null,
		resourceName: textOf(backup.resource_name) || null,
		resourceType: textOf(backup.resource_type) || null,
		imageType: textOf(backup.image_type) || null,
		// zone-less UTC, as CBR writes its backup times
		createdAt: toIsoTime(backup.created_at),
		expiresAt: toIsoTime(backup.expired_at),
		...(simplify ? {} : { details: backup }),
	};
}
