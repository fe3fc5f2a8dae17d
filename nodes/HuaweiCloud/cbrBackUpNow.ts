import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { isRecord, textOf } from '../shared/shape';
import { requireId } from '../shared/validate';
import type { WaitClock } from '../shared/waitForJobs';
import { taskFacts } from './cbrStatus';
import { CBR_ID, cbrTime } from './cbrQuery';
import { cbrTaskReader, readTaskPages, type CbrTaskQuery } from './cbrTasks';
import type { HuaweiCbrApi } from './cbrTransport';

export interface BackUpNowRequest {
	vaultId: string;
	/** The restore point's name: the node's own unless one is typed, so a lost answer can be found by it. */
	name: string;
	description: string;
	incremental: boolean;
	simplify: boolean;
}

/** What the start learnt: when it was sent, and the restore point CBR made (unless the answer was lost). */
interface Sent {
	sinceMs: number;
	checkpointId?: string;
	/** The resources CBR backs up (the vault's, less the skipped ones): one task each. */
	resources?: number;
	looks: number;
}

/** Tasks are looked for from this long before the start: the n8n host's clock may run ahead of CBR's. */
const CLOCK_SLACK_MS = 3_600_000;
const FIND_TRIES = 5;
/** A vault's backup tasks read per look: a start makes one per resource, a vault holds a few hundred at most. */
const FIND_LIMIT = 1000;

/** The checkpoint of the answer (`{checkpoint: {id, vault: {resources, skipped_resources}}}`). */
function checkpointOf(answer: unknown): { id: string; resources: IDataObject[]; skipped: IDataObject[] } {
	const checkpoint = isRecord(answer) && isRecord(answer.checkpoint) ? answer.checkpoint : {};
	const vault = isRecord(checkpoint.vault) ? checkpoint.vault : {};
	const list = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
	return { id: textOf(checkpoint.id), resources: list(vault.resources), skipped: list(vault.skipped_resources) };
}

/**
 * CBR Vault → Back Up Now (`POST /v3/{project_id}/checkpoints`). CBR answers with the new restore
 * point (checkpoint), not a task; the backup shows as one task per resource of the vault (operation
 * type backup) that carries the checkpoint's id. The node reads the vault's backup tasks since the
 * start and follows those of its checkpoint, each as an item. A resource that is being backed up is
 * skipped by CBR itself (it says so in the answer), so nothing is checked before the start. When the
 * answer is lost the checkpoint id is unknown: the node looks for the tasks by the backup name it
 * sent, and never sends the start again.
 */
export function backUpNowAction(ctx: IExecuteFunctions, api: HuaweiCbrApi, clock: WaitClock): StartAction<BackUpNowRequest, CbrTaskQuery, Sent> {
	const refOf = (r: BackUpNowRequest, task: IDataObject): CbrTaskQuery => ({ taskId: textOf(task.id), simplify: r.simplify });
	return {
		key: (r) => `${r.vaultId} ${r.name} ${r.incremental} ${r.simplify}`,
		before: async () => ({ running: undefined, snapshot: { sinceMs: clock.now() - CLOCK_SLACK_MS, looks: 0 } }),
		start: async (r, i, sent) => {
			const parameters = { name: r.name, incremental: r.incremental, ...(r.description !== '' && { description: r.description }) };
			const checkpoint = checkpointOf(await api.createCheckpoint({ vault_id: r.vaultId, parameters }, i));
			if (checkpoint.resources.length === 0 && checkpoint.skipped.length > 0) {
				const reasons = checkpoint.skipped.map((s) => `${textOf(s.name) || textOf(s.id)}: ${textOf(s.reason) || textOf(s.code)}`).join('; ');
				throw new NodeOperationError(ctx.getNode(), `CBR skipped every resource of vault ${r.vaultId}, so no backup was made (${reasons}) [item ${i}]`, {
					itemIndex: i,
					description: 'Wait until the running backups of the vault have finished, then back it up again.',
				});
			}
			sent.checkpointId = checkpoint.id || undefined;
			sent.resources = checkpoint.resources.length || undefined;
			return undefined;
		},
		// Each resource's task may take a moment to be listed: until all are, ask again; the last look takes what there is.
		find: async (r, sent, i) => {
			sent.looks++;
			const logs = await readTaskPages(api, { operation_type: 'backup', vault_id: r.vaultId, start_time: cbrTime(sent.sinceMs) }, { limit: FIND_LIMIT, itemIndex: i });
			const ours = logs.filter((log) => (sent.checkpointId !== undefined ? textOf(log.checkpoint_id) === sent.checkpointId : taskFacts(log).backupName === r.name));
			if (ours.length < (sent.resources ?? 1) && sent.looks < FIND_TRIES) return undefined;
			return ours.map((log) => refOf(r, log));
		},
		read: cbrTaskReader(api),
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'the vault\'s backups and the Tasks page of Cloud Backup and Recovery in the Huawei Cloud console',
		findTries: FIND_TRIES,
		findPauseMs: 2000,
	};
}

export function backUpNowOperation(ctx: IExecuteFunctions, api: HuaweiCbrApi, clock: WaitClock): JobOperation<BackUpNowRequest, CbrTaskQuery> {
	// One stamp per execution: items of one run get distinct names, a later run never reuses one.
	const stamp = clock.now().toString(36);
	const read = cbrTaskReader(api);
	return {
		query: (i) => {
			const name = String(ctx.getNodeParameter('cbrBackupName', i, '') ?? '').trim();
			if (name.length > 64) {
				throw new NodeOperationError(ctx.getNode(), `The Backup Name has ${name.length} characters; CBR takes at most 64 [item ${i}]`, {
					itemIndex: i,
					description: 'Shorten the Backup Name, or leave it empty for one made by the node.',
				});
			}
			return {
				vaultId: requireId(ctx, ctx.getNodeParameter('cbrVaultId', i, '', { extractValue: true }), 'Vault', i, CBR_ID),
				// CBR takes 1 to 64 characters; the console's own names start with "manualbk_"
				name: name !== '' ? name : `manualbk_n8n_${stamp}_${i}`,
				description: String(ctx.getNodeParameter('cbrBackupDescription', i, '') ?? '').trim(),
				incremental: ctx.getNodeParameter('cbrIncremental', i, true) !== false,
				simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
			};
		},
		read: startReader(ctx, backUpNowAction(ctx, api, clock), clock),
		wait: { again: (r, job) => ({ taskId: job.jobId, simplify: r.simplify }), read },
	};
}
