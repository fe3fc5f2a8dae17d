import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { isRecord, textOf } from '../shared/shape';
import { requireId } from '../shared/validate';
import type { WaitClock } from '../shared/waitForJobs';
import { BACKUP_ID, DISK_ID } from './diskBackups';
import { vbsJobReader, type VbsJobQuery } from './jobReads';
import type { HuaweiVbsApi } from './transport';

export interface RestoreRequest {
	backupId: string;
	volumeId: string;
	simplify: boolean;
}

/**
 * The item's restore, checked before any request. A VBS restore replaces everything on the target
 * disk, so it needs "Overwrite the Disk's Data" on: off (the default) refuses here, not at the disk.
 */
export function restoreRequest(ctx: IExecuteFunctions, i: number): RestoreRequest {
	const backupId = requireId(ctx, ctx.getNodeParameter('backupId', i, ''), 'Backup ID', i, BACKUP_ID);
	const volumeId = requireId(ctx, ctx.getNodeParameter('restoreVolumeId', i, ''), 'Disk to Restore To', i, DISK_ID);
	if (ctx.getNodeParameter('overwriteDisk', i, false) !== true) {
		throw new NodeOperationError(ctx.getNode(), `Restoring backup ${backupId} replaces all data on disk ${volumeId}; nothing was sent [item ${i}]`, {
			itemIndex: i,
			description: 'Turn on "Overwrite the Disk\'s Data" to restore to this disk, or choose a new, empty disk. VBS restores a whole disk: it cannot keep what is on it.',
		});
	}
	return { backupId, volumeId, simplify: ctx.getNodeParameter('simplify', i, true) as boolean };
}

/**
 * Disk Backup → Restore (`POST /v2/{project_id}/cloudbackups/{backup_id}/restore` `{restore: {volume_id}}`):
 * the answer names the VBS job (`job_id`), followed with the VBS job read like a backup's. VBS lists no
 * jobs by backup or disk, so a restore whose answer was lost cannot be found: the node says it may have
 * started (the backup then shows "restoring"), and never sends it again.
 */
function restoreAction(api: HuaweiVbsApi): StartAction<RestoreRequest, VbsJobQuery, undefined> {
	return {
		key: (r) => `${r.backupId} ${r.volumeId} ${r.simplify}`,
		before: async () => ({ running: undefined, snapshot: undefined }),
		start: async (r, i) => {
			const answer = await api.restoreDiskBackup(r.backupId, r.volumeId, i);
			const jobId = isRecord(answer) ? textOf(answer.job_id) : '';
			return jobId === '' ? undefined : { jobId, simplify: r.simplify };
		},
		find: async () => undefined,
		read: vbsJobReader(api),
		// VBS refuses a second restore of a disk in its own words; nothing to decide before the write
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'the backup\'s status ("restoring") and the disk in the Huawei Cloud console',
	};
}

export function restoreOperation(ctx: IExecuteFunctions, api: HuaweiVbsApi, clock: WaitClock): JobOperation<RestoreRequest, VbsJobQuery> {
	const read = vbsJobReader(api);
	return {
		query: (i) => restoreRequest(ctx, i),
		read: startReader(ctx, restoreAction(api), clock),
		wait: { again: (r, job) => ({ jobId: job.jobId, simplify: r.simplify }), read },
	};
}
