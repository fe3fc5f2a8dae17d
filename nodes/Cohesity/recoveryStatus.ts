import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, toMessage, type JobStatus } from '../shared/jobStatus';
import { expectRecord, expectString, optionalList } from '../shared/shape';
import { spanSeconds, toIsoTime } from '../shared/time';
import { runPartState } from './status';

const PRODUCT = 'Cohesity';

/**
 * The status values of a recovery (`Recovery.status` of the v2 API): Accepted, Running, Canceled,
 * Canceling, Failed, Missed, Succeeded, SucceededWithWarning, OnHold, Finalizing, Skipped. They are the
 * run-part values without Paused, so a recovery is read with the same mapping as a run: a failed
 * restore and a failed backup branch alike in an IF.
 */
export const RECOVERY_STATUSES = [
	'Accepted',
	'Canceled',
	'Canceling',
	'Failed',
	'Finalizing',
	'Missed',
	'OnHold',
	'Running',
	'Skipped',
	'Succeeded',
	'SucceededWithWarning',
] as const;

export const recoveryState = runPartState;

function messageOf(recovery: IDataObject): string | null {
	const list = Array.isArray(recovery.messages) ? recovery.messages : [];
	const texts = list.map(toMessage).filter((t): t is string => t !== null);
	return texts.length > 0 ? texts.join('; ') : null;
}

/** One recovery (`GET /v2/data-protect/recoveries/{id}`, or one of the list) as the job-status item. */
export function fromRecovery(body: unknown, simplify: boolean): JobStatus {
	const recovery = expectRecord(body, PRODUCT, 'a recovery');
	const vendorState = typeof recovery.status === 'string' ? recovery.status : '';
	return buildJobStatus(
		{
			vendor: 'cohesity',
			jobType: 'restore',
			jobId: expectString(recovery, 'id', PRODUCT, 'a recovery'),
			jobName: typeof recovery.name === 'string' ? recovery.name : null,
			state: recoveryState(vendorState),
			vendorState,
			startedAt: toIsoTime(recovery.startTimeUsecs, 'microseconds'),
			// Cohesity sets the end time only once the recovery has finished.
			endedAt: toIsoTime(recovery.endTimeUsecs, 'microseconds'),
			durationSeconds: spanSeconds(recovery.startTimeUsecs, recovery.endTimeUsecs, 'microseconds'),
			message: messageOf(recovery),
			details: recovery,
		},
		simplify,
	);
}

/** The `recoveries` of a `GET /v2/data-protect/recoveries` answer; a cluster without any may leave the list out. */
export function recoveriesOf(body: unknown): IDataObject[] {
	const page = expectRecord(body, PRODUCT, 'a list of recoveries');
	return optionalList(page, 'recoveries', [], PRODUCT, 'a list of recoveries') as IDataObject[];
}

/** Newest first by start time: the list's own order is not documented. */
export function newestRecoveriesFirst(jobs: JobStatus[]): JobStatus[] {
	return [...jobs].sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}
