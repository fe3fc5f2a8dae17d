import type { IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobStatus } from '../shared/jobStatus';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import type { WaitClock } from '../shared/waitForJobs';
import { compare } from './filters';
import { latestReader, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { requireGuid } from './sessionId';
import { BACKUP_JOB_SESSION, fromSession, guidOf, queryPage } from './status';
import { followTask, type TaskHints } from './tasks';
import type { VeeamApi } from './transport';

/** Backup Job actions, as `?action=` names them. */
export type JobActionName = 'start' | 'stop' | 'retry';

export interface JobRequest {
	jobGuid: string;
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

export function jobRequest(ctx: IExecuteFunctions, i: number): JobRequest {
	return {
		jobGuid: requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', 'Job', i),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/** What a job's user checks when its Task failed or did not finish. */
function jobHints(what: string): TaskHints {
	return {
		what,
		refused: 'Check the job in Enterprise Manager (Jobs). Starting, stopping and retrying jobs needs the Portal Administrator role.',
		unfinished: 'Enterprise Manager may be busy. Check the job in Enterprise Manager before running again.',
	};
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
			await followTask(ctx, api, clock, await api.jobAction(r.jobGuid, action, i), jobHints(`to ${action} the job`), i);
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
			await followTask(ctx, api, clock, await api.jobAction(q.jobGuid, 'stop', i), jobHints('to stop the job'), i);
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
