import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { requireId } from '../shared/validate';
import { DISK_ID } from './diskBackups';
import { vbsJobReader, type VbsJobQuery } from './jobReads';
import type { HuaweiVbsApi } from './transport';


export interface DiskBackupRequest {
	backup: IDataObject;
	simplify: boolean;
}

export function diskBackupRequest(ctx: IExecuteFunctions, i: number): DiskBackupRequest {
	const name = String(ctx.getNodeParameter('backupName', i, '') ?? '').trim();
	const description = String(ctx.getNodeParameter('backupDescription', i, '') ?? '').trim();
	return {
		backup: {
			volume_id: requireId(ctx, ctx.getNodeParameter('volumeId', i, ''), 'Disk ID', i, DISK_ID),
			// VBS needs a name; the console's default is "manualbk_" and a suffix
			name: name !== '' ? name : `manualbk_n8n_${i}`,
			...(description !== '' && { description }),
		},
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
	};
}

/**
 * Disk Backup → Create. The answer names the VBS job (`job_id`), followed with the VBS job read. VBS
 * lists no jobs by disk, so a start whose answer was lost cannot be found: the node says it may have
 * started, never sends it again. VBS itself refuses a second backup of a disk that is being backed up,
 * in its words, so nothing is checked before the start.
 */
export function diskBackupAction(api: HuaweiVbsApi): StartAction<DiskBackupRequest, VbsJobQuery, undefined> {
	return {
		key: (r) => `${String(r.backup.volume_id)} ${String(r.backup.name)} ${r.simplify}`,
		before: async () => ({ running: undefined, snapshot: undefined }),
		start: async (r, i) => {
			const answer = await api.createDiskBackup(r.backup, i);
			const jobId = isRecord(answer) ? textOf(answer.job_id) : '';
			return jobId === '' ? undefined : { jobId, simplify: r.simplify };
		},
		find: async () => undefined,
		read: vbsJobReader(api),
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'the disk\'s backups in the Huawei Cloud console (Volume Backup Service)',
	};
}

export function diskBackupOperation(ctx: IExecuteFunctions, api: HuaweiVbsApi, clock: WaitClock): JobOperation<DiskBackupRequest, VbsJobQuery> {
	const read = vbsJobReader(api);
	return {
		query: (i) => diskBackupRequest(ctx, i),
		read: startReader(ctx, diskBackupAction(api), clock),
		wait: { again: (r, job) => ({ jobId: job.jobId, simplify: r.simplify }), read },
	};
}
