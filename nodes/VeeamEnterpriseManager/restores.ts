import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobStatus } from '../shared/jobStatus';
import { isRecord, textOf, UnexpectedAnswerError } from '../shared/shape';
import { isoToMs } from '../shared/time';
import type { WaitClock } from '../shared/waitForJobs';
import { documentOf, field } from './documents';
import { allOf, compare } from './filters';
import { sessionReader, type SessionQuery } from './jobReads';
import { requireGuid } from './sessionId';
import { fromSession, guidOf, PRODUCT, queryPage, RESTORE_SESSION } from './status';
import { followTask, type TaskHints } from './tasks';
import type { VeeamApi } from './transport';

/**
 * Restore Point → Restore VM: Enterprise Manager's entire VM restore (`POST /vmRestorePoints/{ID}
 * ?action=restore`), which for VMware vSphere and Hyper-V restores to the VM's original location. Its
 * answer is a Task; once Finished, the Task's `Related` link names the restore session, whose item is
 * the output (jobType restore) and what Wait for Completion follows.
 */

/** The RestoreSpec's `VmRestoreSpec` elements for VMware vSphere and Hyper-V (reference: POST …?action=restore). */
export interface VmRestoreSpec {
	powerOnAfterRestore: boolean;
	quickRollback: boolean;
	keepOriginalVm: boolean;
}

export interface RestoreRequest {
	pointGuid: string;
	spec: VmRestoreSpec;
	simplify: boolean;
}

/** What tells the restore session this request started from the VM's older ones. */
interface BeforeRestore {
	vmName: string;
	seen: Set<string>;
	/** When the request was about to go out (epoch ms, this machine's clock). */
	sentAtMs: number;
}

/** Restore sessions of the VM read to tell a new one from older ones. */
const SESSIONS_LOOKED_AT = 10;
/** A restore session created this long before the request (clock skew between n8n and the server) may still be it. */
const SKEW_MS = 5 * 60_000;

const HINTS: TaskHints = {
	what: 'to restore the VM',
	refused:
		'Check the restore point and the VM in Enterprise Manager (Machines; History → Restore). Restoring needs the Portal Administrator, Portal User or Restore Operator role, with the VM in the restore scope.',
	unfinished: 'Enterprise Manager may be busy. Check History → Restore in Enterprise Manager for a restore of this VM before running again.',
};

/**
 * The item's restore, checked before any request: the restore point's ID, and that the user agreed to
 * what a restore to the original location does. The restored VM replaces the VM there unless Keep
 * Original VM is on, and Enterprise Manager takes no other location for vSphere and Hyper-V VMs.
 */
export function restoreRequest(ctx: IExecuteFunctions, i: number): RestoreRequest {
	const pointGuid = requireGuid(ctx, ctx.getNodeParameter('vmRestorePointId', i, ''), 'Restore Point ID', 'VmRestorePoint', i);
	const replace = ctx.getNodeParameter('replaceOriginalVm', i, false) === true;
	const options = ctx.getNodeParameter('restoreOptions', i, {}) as IDataObject;
	const spec: VmRestoreSpec = {
		powerOnAfterRestore: options.powerOnAfterRestore === true,
		quickRollback: options.quickRollback === true,
		keepOriginalVm: options.keepOriginalVm === true,
	};
	if (!replace && !spec.keepOriginalVm) {
		throw new NodeOperationError(ctx.getNode(), `Restore VM would replace the original VM, and Replace Original VM is off; nothing was sent [item ${i}]`, {
			itemIndex: i,
			description:
				'Enterprise Manager restores the VM to its original location, where the restored VM replaces the VM (it is powered off and overwritten). Turn on Replace Original VM to allow that, or turn on Keep Original VM (in Restore Options) to keep the VM next to the restored one.',
		});
	}
	if (spec.keepOriginalVm && spec.quickRollback) {
		throw new NodeOperationError(ctx.getNode(), `Quick Rollback and Keep Original VM cannot both be on; nothing was sent [item ${i}]`, {
			itemIndex: i,
			description: 'Quick Rollback reverts the original VM in place by its changed blocks, so there is no original VM left to keep. Turn one of them off.',
		});
	}
	return { pointGuid, spec, simplify: ctx.getNodeParameter('simplify', i, true) as boolean };
}

/**
 * The body's elements in the XML schema's order. KeepOriginalVM (0/1 occurrence) is sent only when on,
 * so a server whose schema predates it still takes the restores that do not ask for it.
 */
export function restoreSpecBody(spec: VmRestoreSpec): IDataObject {
	return {
		PowerOnAfterRestore: spec.powerOnAfterRestore,
		QuickRollback: spec.quickRollback,
		...(spec.keepOriginalVm ? { KeepOriginalVM: true } : {}),
	};
}

/** The VM a restore point is of: `VmName`, the query's `VmDisplayName`, or its name before the `@`. */
export function vmNameOf(point: IDataObject): string {
	const named = textOf(field(point, 'VmName')) || textOf(field(point, 'VmDisplayName'));
	if (named !== '') return named;
	const name = textOf(field(point, 'Name'));
	return name.includes('@') ? name.slice(0, name.lastIndexOf('@')) : name;
}

/** The restore session a finished Task names (`Rel="Related"` to `/restoreSessions/{ID}`), if any. */
export function restoreSessionOf(related: string[]): string | undefined {
	for (const href of related) {
		const match = /\/restoreSessions\/([0-9a-f-]{36})(?:[?#/]|$)/i.exec(href);
		if (match) return match[1].toLowerCase();
	}
	return undefined;
}

/** The VM's newest restore sessions, newest first, as items. */
async function newestRestores(api: VeeamApi, vmName: string, i: number): Promise<JobStatus[]> {
	const filter = allOf([compare('VmDisplayName', '==', vmName)]);
	const body = await api.query(RESTORE_SESSION.uidType, { filter, sortDesc: RESTORE_SESSION.createdField, pageSize: SESSIONS_LOOKED_AT, page: 1 }, i);
	return queryPage(RESTORE_SESSION.uidType, body).entities
		// a file-level restore of the same VM is not what this request started
		.filter((entity) => /^(restorevm|)$/i.test(textOf(field(entity, 'JobType'))))
		.map((entity) => fromSession(RESTORE_SESSION, entity, true));
}

export function restoreVmAction(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock): StartAction<RestoreRequest, SessionQuery, BeforeRestore> {
	const session = (r: RestoreRequest, guid: string): SessionQuery => ({ kind: RESTORE_SESSION, guid, simplify: r.simplify });
	return {
		key: (r) => `restore ${r.pointGuid} ${JSON.stringify(r.spec)} ${r.simplify}`,
		before: async (r, i) => {
			// The restore point's own read first: an unknown point is refused (404) before any write.
			const { doc } = documentOf(await api.entity('/vmRestorePoints/{id}', r.pointGuid, i));
			if (!isRecord(doc) || textOf(field(doc, 'UID')) === '') throw new UnexpectedAnswerError(PRODUCT, 'a VM restore point with its UID', doc);
			const vmName = vmNameOf(doc);
			const seen = new Set((await newestRestores(api, vmName, i)).map((s) => s.jobId));
			// A restore of the VM that runs is not this request's: a restore is never "already running".
			return { running: undefined, snapshot: { vmName, seen, sentAtMs: clock.now() } };
		},
		start: async (r, i) => {
			const task = await followTask(ctx, api, clock, await api.restoreVm(r.pointGuid, restoreSpecBody(r.spec), i), HINTS, i);
			const guid = restoreSessionOf(task.related);
			return guid === undefined ? undefined : session(r, guid);
		},
		find: async (r, before, i) => {
			// Created after the request (within the clock skew); a session without a time is not ruled out.
			const older = (s: JobStatus) => s.startedAt !== null && isoToMs(s.startedAt) < before.sentAtMs - SKEW_MS;
			const fresh = (await newestRestores(api, before.vmName, i)).filter((s) => !before.seen.has(s.jobId) && !older(s));
			return fresh.length === 1 ? session(r, guidOf(fresh[0].jobId)) : undefined;
		},
		read: sessionReader(api),
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'History → Restore in Enterprise Manager for a restore of this VM',
		findTries: 4,
		findPauseMs: 1500,
	};
}

export function restoreVmOperation(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock): JobOperation<RestoreRequest, SessionQuery> {
	return {
		query: (i) => restoreRequest(ctx, i),
		read: startReader(ctx, restoreVmAction(ctx, api, clock), clock),
		wait: { again: (r, job) => ({ kind: RESTORE_SESSION, guid: job.jobId, simplify: r.simplify }), read: sessionReader(api) },
	};
}
