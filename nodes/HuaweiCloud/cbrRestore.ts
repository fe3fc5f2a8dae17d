import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { textOf } from '../shared/shape';
import { requireId } from '../shared/validate';
import type { WaitClock } from '../shared/waitForJobs';
import { taskFacts } from './cbrStatus';
import { CBR_ID, cbrTime } from './cbrQuery';
import { cbrTaskReader, readTaskPages, type CbrTaskQuery } from './cbrTasks';
import type { HuaweiCbrApi } from './cbrTransport';

export interface CbrRestoreRequest {
	backupId: string;
	/** The disk or server that receives the backup: what CBR's restore task names as its target. */
	targetId: string;
	restore: IDataObject;
	simplify: boolean;
}

/** What tells the restore's task from older ones: when it was sent, the restore tasks of this backup before it. */
interface Seen {
	sinceMs: number;
	ids: Set<string>;
}

/** Tasks are looked for from this long before the start: the n8n host's clock may run ahead of CBR's. */
const CLOCK_SLACK_MS = 3_600_000;
const FIND_TRIES = 5;
const FIND_LIMIT = 1000;

/**
 * The item's restore, checked before any request. A CBR restore replaces the data of the target disk
 * (or of every disk of the target server), so it needs "Overwrite the Target's Data" on: off (the
 * default) refuses here, before anything is sent.
 */
export function cbrRestoreRequest(ctx: IExecuteFunctions, i: number): CbrRestoreRequest {
	const backupId = requireId(ctx, ctx.getNodeParameter('cbrRestoreBackupId', i, ''), 'Backup ID', i, CBR_ID);
	const toServer = ctx.getNodeParameter('cbrRestoreTo', i, 'disk') === 'server';
	let targetId: string;
	let restore: IDataObject;
	if (toServer) {
		targetId = requireId(ctx, ctx.getNodeParameter('cbrServerId', i, ''), 'Server to Restore To', i, CBR_ID);
		const rows = (ctx.getNodeParameter('cbrDiskMappings', i, {}) as IDataObject).mapping;
		const mappings = (Array.isArray(rows) ? rows : []).map((row) => {
			const r = row as IDataObject;
			return {
				backup_id: requireId(ctx, r.backupId, 'Disk Backup ID', i, CBR_ID),
				volume_id: requireId(ctx, r.volumeId, 'Disk to Restore To', i, CBR_ID),
			};
		});
		if (mappings.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `A server restore needs its disks mapped; nothing was sent [item ${i}]`, {
				itemIndex: i,
				description: 'Add a Disk Mapping for each disk of the server: the disk-level backup (from the server backup\'s details) and the disk that receives it.',
			});
		}
		restore = { server_id: targetId, mappings, power_on: ctx.getNodeParameter('cbrPowerOn', i, true) !== false };
	} else {
		targetId = requireId(ctx, ctx.getNodeParameter('cbrVolumeId', i, ''), 'Disk to Restore To', i, CBR_ID);
		restore = { volume_id: targetId };
	}
	if (ctx.getNodeParameter('cbrOverwrite', i, false) !== true) {
		throw new NodeOperationError(ctx.getNode(), `Restoring backup ${backupId} replaces the data on ${toServer ? 'server' : 'disk'} ${targetId}; nothing was sent [item ${i}]`, {
			itemIndex: i,
			description: 'Turn on "Overwrite the Target\'s Data" to restore to it, or choose a new, empty disk. CBR restores whole disks: it cannot keep what is on them.',
		});
	}
	return { backupId, targetId, restore, simplify: ctx.getNodeParameter('simplify', i, true) as boolean };
}

/**
 * CBR Backup → Restore (`POST /v3/{project_id}/backups/{backup_id}/restore`). CBR answers 202 without
 * a body, naming no task; the restore shows as a task of operation type restore whose `extra_info.restore`
 * names the backup and the target. Before the start the node notes the restore tasks of this backup;
 * afterwards the one new task of this backup and target is the restore's. Two new ones (another client
 * restoring the same backup to the same target at the same moment) cannot be told apart: an error, never
 * a guess. A lost answer is looked for the same way and, when not found, is an error that says the
 * restore may have started: it is never sent again.
 */
function cbrRestoreAction(api: HuaweiCbrApi, clock: WaitClock): StartAction<CbrRestoreRequest, CbrTaskQuery, Seen> {
	const restoresOf = async (r: CbrRestoreRequest, sinceMs: number, i: number) =>
		(await readTaskPages(api, { operation_type: 'restore', start_time: cbrTime(sinceMs) }, { limit: FIND_LIMIT, itemIndex: i })).filter(
			(log) => taskFacts(log).backupId === r.backupId,
		);
	return {
		key: (r) => `${r.backupId} ${JSON.stringify(r.restore)} ${r.simplify}`,
		before: async (r, i) => {
			const sinceMs = clock.now() - CLOCK_SLACK_MS;
			const earlier = await restoresOf(r, sinceMs, i);
			return { running: undefined, snapshot: { sinceMs, ids: new Set(earlier.map((log) => textOf(log.id))) } };
		},
		start: async (r, i) => {
			await api.restoreBackup(r.backupId, r.restore, i);
			return undefined;
		},
		find: async (r, seen, i) => {
			const fresh = (await restoresOf(r, seen.sinceMs, i)).filter((log) => !seen.ids.has(textOf(log.id)));
			// a task that names its target must name this one
			const ours = fresh.filter((log) => [r.targetId, ''].includes(taskFacts(log).restoreTargetId));
			return ours.length === 1 ? { taskId: textOf(ours[0].id), simplify: r.simplify } : undefined;
		},
		read: cbrTaskReader(api),
		// CBR refuses a restore of a backup that is being restored in its own words; nothing to decide before
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'the restore tasks on the Tasks page of Cloud Backup and Recovery in the Huawei Cloud console',
		findTries: FIND_TRIES,
		findPauseMs: 2000,
	};
}

export function cbrRestoreOperation(ctx: IExecuteFunctions, api: HuaweiCbrApi, clock: WaitClock): JobOperation<CbrRestoreRequest, CbrTaskQuery> {
	const read = cbrTaskReader(api);
	return {
		query: (i) => cbrRestoreRequest(ctx, i),
		read: startReader(ctx, cbrRestoreAction(api, clock), clock),
		wait: { again: (r, job) => ({ taskId: job.jobId, simplify: r.simplify }), read },
	};
}
