import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobStatus } from '../shared/jobStatus';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import { isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { documentOf, field } from './documents';
import { compare } from './filters';
import { latestReader, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { requireGuid } from './sessionId';
import { BACKUP_JOB_SESSION, fromSession, guidOf, queryPage } from './status';
import type { VeeamApi } from './transport';

/** Backup Job actions, as `?action=` names them. */
export type JobActionName = 'start' | 'stop' | 'retry';

export interface JobRequest {
	jobGuid: string;
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** Reads of a Task before it is taken as unfinished: it finishes within seconds on a working server. */
const TASK_READS = 20;
const TASK_PAUSE_MS = 1000;

export function jobRequest(ctx: IExecuteFunctions, i: number): JobRequest {
	return {
		jobGuid: requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', 'Job', i),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/** A Task's state and, once it is Finished, its result (`<Result Success="…"><Message>`). */
function taskOf(body: unknown): { id: string; finished: boolean; success: boolean; message: string } {
	const { doc } = documentOf(body);
	const task = isRecord(doc) ? doc : {};
	const result = field(task, 'Result');
	const record = isRecord(result) ? result : {};
	return {
		id: textOf(field(task, 'TaskId')),
		finished: textOf(field(task, 'State')).toLowerCase() === 'finished',
		success: textOf(field(record, 'Success')).toLowerCase() === 'true',
		message: textOf(field(record, 'Message')),
	};
}

/**
 * The action's Task, followed until it has finished; a failed Task is Enterprise Manager's refusal (a
 * job already running, a job that cannot be retried), in its words.
 */
async function followTask(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock, answer: unknown, what: string, i: number): Promise<void> {
	let task = taskOf(answer);
	for (let n = 0; !task.finished && task.id !== '' && n < TASK_READS; n++) {
		await clock.sleep(TASK_PAUSE_MS);
		task = taskOf(await api.task(task.id, i));
	}
	const message = !task.finished
		? `Veeam Enterprise Manager did not finish the task of ${what} (${task.id || 'no task ID'}) within ${(TASK_READS * TASK_PAUSE_MS) / 1000} s [item ${i}]`
		: !task.success
			? `Veeam Enterprise Manager refused ${what}: ${task.message || 'no reason given'} [item ${i}]`
			: undefined;
	if (message === undefined) return;
	throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: task.finished
			? 'Check the job in Enterprise Manager (Jobs). Starting, stopping and retrying jobs needs the Portal Administrator role.'
			: 'Enterprise Manager may be busy. Check the job in Enterprise Manager before running again.',
		itemIndex: i,
	});
}

/** The job's newest backup job sessions, newest first. */
async function newestSessions(api: VeeamApi, jobGuid: string, i: number): Promise<JobStatus[]> {
	const filter = compare('JobUid', '==', `urn:veeam:Job:${jobGuid}`);
	const page = queryPage(BACKUP_JOB_SESSION.uidType, await api.query(BACKUP_JOB_SESSION.uidType, { filter, sortDesc: BACKUP_JOB_SESSION.createdField, pageSize: 5, page: 1 }, i));
	return page.entities.map((entity) => fromSession(BACKUP_JOB_SESSION, entity, true));
}

/**
 * Backup Job → Start or Retry. The answer is a Task; the session the action created is the job's new
 * session, one that was not there before. Enterprise Manager refuses to start a job that runs, so
 * "Start Another" is not offered.
 */
export function startJobAction(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock, action: 'start' | 'retry'): StartAction<JobRequest, SessionQuery, Set<string>> {
	const session = (r: JobRequest, id: string): SessionQuery => ({ kind: BACKUP_JOB_SESSION, guid: guidOf(id), simplify: r.simplify });
	return {
		key: (r) => `${action} ${r.jobGuid} ${r.simplify}`,
		before: async (r, i) => {
			const sessions = await newestSessions(api, r.jobGuid, i);
			const running = sessions.find((s) => !s.isFinished);
			return { running: running ? session(r, running.jobId) : undefined, snapshot: new Set(sessions.map((s) => s.jobId)) };
		},
		start: async (r, i) => {
			await followTask(ctx, api, clock, await api.jobAction(r.jobGuid, action, i), `to ${action} the job`, i);
			return undefined;
		},
		find: async (r, before, i) => {
			const fresh = (await newestSessions(api, r.jobGuid, i)).filter((s) => !before.has(s.jobId));
			return fresh.length === 1 ? session(r, fresh[0].jobId) : undefined;
		},
		read: sessionReader(api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'the job\'s sessions in Enterprise Manager',
		findTries: 4,
		findPauseMs: 1500,
	};
}

/** Backup Job → Stop: the Task, then the job's newest session (the one being stopped). */
export function stopJobAction(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock): JobAction<LatestQuery, LatestQuery> {
	return {
		key: (q) => `stop ${q.jobGuid} ${q.simplify}`,
		target: (q) => q,
		act: async (q, i) => {
			await followTask(ctx, api, clock, await api.jobAction(q.jobGuid, 'stop', i), 'to stop the job', i);
			return undefined;
		},
		read: latestReader(ctx, api),
	};
}

export function jobActionOperation(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock, action: JobActionName): JobOperation<JobRequest, SessionQuery> | JobOperation<LatestQuery, SessionQuery> {
	const follow = { again: (q: { simplify: boolean }, job: JobStatus): SessionQuery => ({ kind: BACKUP_JOB_SESSION, guid: job.jobId, simplify: q.simplify }), read: sessionReader(api) };
	if (action === 'stop') {
		const query = (i: number): LatestQuery => {
			const { jobGuid, simplify } = jobRequest(ctx, i);
			return { jobGuid, simplify };
		};
		return { query, read: jobActionReader(ctx, stopJobAction(ctx, api, clock)), wait: follow };
	}
	return { query: (i) => jobRequest(ctx, i), read: startReader(ctx, startJobAction(ctx, api, clock, action), clock), wait: follow };
}
