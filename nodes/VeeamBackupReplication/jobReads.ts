import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { listPage } from './listPages';
import { fromSession, PRODUCT } from './status';
import type { VbrApi } from './transport';

/** One session by its ID. */
export interface SessionQuery {
	sessionId: string;
	simplify: boolean;
}

/** The newest session of a job. */
export interface LatestQuery {
	jobId: string;
	simplify: boolean;
}

const mode = (simplify: boolean) => (simplify ? 'simple' : 'full');

/** The newest sessions of a job, newest first: `jobIdFilter`, by creation time, descending. */
export async function newestSessions(api: VbrApi, jobId: string, limit: number, itemIndex: number): Promise<IDataObject[]> {
	const qs = { jobIdFilter: jobId, orderColumn: 'CreationTime', orderAsc: false, limit };
	return listPage(await api.sessions(qs, itemIndex), 'sessions').data;
}

/** Get: `GET /api/v1/sessions/{id}`. Items asking for the same session share the read. */
export function sessionReader(api: VbrApi): JobReader<SessionQuery> {
	return {
		key: (q) => `${mode(q.simplify)} ${q.sessionId}`,
		readOne: async (q, i) => fromSession(await api.session(q.sessionId, i), q.simplify),
	};
}

/** Get Latest: the job's newest session in one request. */
export function latestReader(ctx: IExecuteFunctions, api: VbrApi): JobReader<LatestQuery> {
	return {
		key: (q) => `${mode(q.simplify)} ${q.jobId}`,
		readOne: async (q, i): Promise<JobStatus> => {
			const [newest] = await newestSessions(api, q.jobId, 1, i);
			if (newest) return fromSession(newest, q.simplify);
			throw new NodeOperationError(ctx.getNode(), `${PRODUCT} has no session of the job ${q.jobId} [item ${i}]`, {
				itemIndex: i,
				description: 'The job has not run yet, or its sessions were removed from the history. Check the job in the console (Home > Jobs).',
			});
		},
	};
}

/** After Get Latest or an action, the wait follows that session by its ID: a newer run must not replace it. */
export const followSession = (q: { simplify: boolean }, job: JobStatus): SessionQuery => ({ sessionId: job.jobId, simplify: q.simplify });
