import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, stateMapper, toMessage, type JobState, type JobStatus, type JobType } from '../shared/jobStatus';
import { isRecord, numberOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';

export const PRODUCT = 'Veeam Backup & Replication';

/** The `vendor` of every item this node produces. */
export const VENDOR = 'veeamBackupReplication';

const caseInsensitive = { caseInsensitive: true };

/**
 * `state` of a session that has not ended (ESessionState). The Waiting states before any processing
 * (a repository or a task slot) are queued; waiting for a tape happens mid-run. Idle is an open
 * session between the intervals of a backup copy or a continuous job: still running.
 */
const openState = stateMapper(
	{
		Starting: 'running',
		Working: 'running',
		Stopping: 'running',
		Pausing: 'running',
		Resuming: 'running',
		Postprocessing: 'running',
		Idle: 'running',
		WaitingTape: 'running',
		WaitingRepository: 'queued',
		WaitingSlot: 'queued',
	},
	caseInsensitive,
);

/** `result.result` of a Stopped session (ESessionResult); None there is not an outcome. */
const outcome = stateMapper({ Success: 'succeeded', Warning: 'warning', Failed: 'failed' }, caseInsensitive);

const is = (value: unknown, expected: string) => typeof value === 'string' && value.trim().toLowerCase() === expected.toLowerCase();

/**
 * The normalized state from the session's `state` and `result.result`: finished only once `state` is
 * Stopped, its outcome from the result; a stop the user asked for (`result.isCanceled`) is cancelled.
 * The result of a session that still runs is not its outcome (it says None, or the worst so far).
 */
export function sessionState(state: unknown, result: unknown, isCanceled = false): JobState {
	if (!is(state, 'Stopped')) return openState(state);
	if (isCanceled) return 'cancelled';
	return outcome(result);
}

/**
 * What kind of job a session is, from its `sessionType`: restores (RestoreVm, FileLevelRestore, … any
 * restore or recovery) are `restore`; copies and replicas `other`; the other backup kinds `backup`;
 * anything else (infrastructure, health checks) `other`.
 */
export function sessionJobType(sessionType: unknown): JobType {
	const text = textOf(sessionType);
	if (/restore|recover/i.test(text)) return 'restore';
	if (/copy|replica/i.test(text)) return 'other';
	return /backup/i.test(text) ? 'backup' : 'other';
}

/** `result` of a session: `{result, message, isCanceled}`. */
function resultOf(session: IDataObject): { result: string; message: string; isCanceled: boolean } {
	const result = isRecord(session.result) ? session.result : {};
	return { result: textOf(result.result), message: textOf(result.message), isCanceled: result.isCanceled === true };
}

/** A session model (`GET /api/v1/sessions/{id}`, an entry of `data` in the list, a job action's answer) as the job-status item. */
export function fromSession(session: unknown, simplify: boolean): JobStatus {
	if (!isRecord(session)) throw new UnexpectedAnswerError(PRODUCT, 'a session', session);
	const id = textOf(session.id);
	const state = textOf(session.state);
	if (id === '' || state === '') throw new UnexpectedAnswerError(PRODUCT, 'a session with an "id" and a "state"', session);
	const { result, message, isCanceled } = resultOf(session);
	return buildJobStatus(
		{
			vendor: VENDOR,
			jobType: sessionJobType(session.sessionType),
			jobId: id.toLowerCase(),
			jobName: textOf(session.name) || null,
			state: sessionState(state, result, isCanceled),
			vendorState: result === '' ? state : `${state}/${result}`,
			progressPercent: numberOf(session.progressPercent),
			startedAt: toIsoTime(session.creationTime),
			endedAt: toIsoTime(session.endTime),
			message: toMessage(message),
			details: simplify ? {} : session,
		},
		simplify,
	);
}

/** The job a session belongs to, lower-case; '' for sessions of no job (infrastructure, restores). */
export function jobIdOf(session: IDataObject): string {
	const id = textOf(session.jobId).toLowerCase();
	return /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id) ? '' : id;
}
