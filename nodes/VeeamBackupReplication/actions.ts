import type { IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import type { JobReader } from '../shared/jobReads';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import { isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { requireGuid } from './ids';
import { followSession, latestReader, newestSessions, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { fromSession } from './status';
import type { JobActionName, VbrApi } from './transport';

export interface JobRequest {
	jobId: string;
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** Sessions read before a start: the running one is the newest, and they tell a new session from older ones. */
const SESSIONS_BEFORE = 5;

export function jobRequest(ctx: IExecuteFunctions, i: number): JobRequest {
	return {
		jobId: requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', i),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/** The session an action's answer names (a session model), if it names one. */
function answeredSession(body: unknown, simplify: boolean): SessionQuery | undefined {
	const id = isRecord(body) ? textOf(body.id) : '';
	return id === '' ? undefined : { sessionId: id.toLowerCase(), simplify };
}

/**
 * Job → Start or Retry. The answer is the new session; when it is lost, the session is the job's one
 * new session since the read before. Backup & Replication refuses to start a job that runs (its 400 is
 * the error, in its words), so "Start Another" is not offered.
 */
export function startJobAction(api: VbrApi, action: 'start' | 'retry'): StartAction<JobRequest, SessionQuery, Set<string>> {
	return {
		key: (r) => `${action} ${r.jobId} ${r.simplify}`,
		before: async (r, i) => {
			const sessions = (await newestSessions(api, r.jobId, SESSIONS_BEFORE, i)).map((s) => fromSession(s, true));
			const running = sessions.find((s) => !s.isFinished);
			return { running: running ? { sessionId: running.jobId, simplify: r.simplify } : undefined, snapshot: new Set(sessions.map((s) => s.jobId)) };
		},
		start: async (r, i) => answeredSession(await api.jobAction(r.jobId, action, i), r.simplify),
		find: async (r, before, i) => {
			const fresh = (await newestSessions(api, r.jobId, SESSIONS_BEFORE, i)).map((s) => fromSession(s, true)).filter((s) => !before.has(s.jobId));
			return fresh.length === 1 ? { sessionId: fresh[0].jobId, simplify: r.simplify } : undefined;
		},
		read: sessionReader(api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: "the job's sessions in the Backup & Replication console (Home > Jobs, or History)",
		findTries: 3,
		findPauseMs: 1500,
	};
}

type SessionRef = SessionQuery | LatestQuery;

/** The session an action answered, or, when its answer was lost, the job's newest session. */
function sessionOrLatest(ctx: IExecuteFunctions, api: VbrApi): JobReader<SessionRef> {
	const one = sessionReader(api);
	const latest = latestReader(ctx, api);
	return {
		key: (q) => ('sessionId' in q ? `session ${one.key(q)}` : `latest ${latest.key(q)}`),
		readOne: async (q, i) => ('sessionId' in q ? await one.readOne(q, i) : await latest.readOne(q, i)),
	};
}

/** Job → Stop: the answer is the session being stopped. */
export function stopJobAction(ctx: IExecuteFunctions, api: VbrApi): JobAction<LatestQuery, SessionRef> {
	return {
		key: (q) => `stop ${q.jobId} ${q.simplify}`,
		target: (q) => q,
		act: async (q, i) => answeredSession(await api.jobAction(q.jobId, 'stop', i), q.simplify),
		read: sessionOrLatest(ctx, api),
	};
}

export function jobActionOperation(ctx: IExecuteFunctions, api: VbrApi, clock: WaitClock, action: JobActionName): JobOperation<JobRequest, SessionQuery> | JobOperation<LatestQuery, SessionQuery> {
	const wait = { again: followSession, read: sessionReader(api) };
	if (action === 'stop') {
		const query = (i: number): LatestQuery => {
			const { jobId, simplify } = jobRequest(ctx, i);
			return { jobId, simplify };
		};
		return { query, read: jobActionReader(ctx, stopJobAction(ctx, api)), wait };
	}
	return { query: (i) => jobRequest(ctx, i), read: startReader(ctx, startJobAction(api, action), clock), wait };
}
