import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { formatIsoUtc, isoToMs } from '../shared/time';
import { allOf, compare } from './filters';
import { requireGuid } from './sessionId';
import { queryEntities } from './queryPages';
import { BACKUP_JOB_SESSION, CDP_TASK_SESSION, fromSession, RESTORE_SESSION, type SessionKind } from './status';
import { QUERY_PAGE_SIZE, VeeamApi } from './transport';

/** Pages read per poll at most (the trigger core asks for a bounded number of sessions). */
const MAX_PAGES_PER_POLL = 20;

/** A minute before the window, so a session created at its edge is not left out by clock skew. */
const SKEW_MS = 60_000;

/**
 * The kinds of session the trigger watches: CDP replica task sessions, or backup job sessions and
 * (Job Types) restore sessions. None chosen is refused when the workflow is activated.
 */
function watchedKinds(ctx: IPollFunctions): SessionKind[] {
	if (ctx.getNodeParameter('sessionType', 'backupJobSession') === 'cdpReplicaTaskSession') return [CDP_TASK_SESSION];
	const raw = ctx.getNodeParameter('jobTypes', ['backup']) as unknown;
	const types = new Set((Array.isArray(raw) ? raw : String(raw).split(',')).map((t) => String(t).trim()));
	const kinds = [...(types.has('backup') ? [BACKUP_JOB_SESSION] : []), ...(types.has('restore') ? [RESTORE_SESSION] : [])];
	if (kinds.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Job Types has no type chosen', { description: 'Choose Backup Sessions, Restore Sessions or both, so the trigger knows what to report.' });
	}
	return kinds;
}

/**
 * The newest sessions in scope, from the query API only: created since the trigger's look-back,
 * newest first, as many pages as the trigger core's limit needs (never the whole history). With
 * backup and restore sessions, each type is read within half the page bound, so a check costs no more
 * requests than with one, and the newest of both make the limit.
 */
export async function veeamSessionSource(ctx: IPollFunctions): Promise<JobSource> {
	const kinds = watchedKinds(ctx);
	const rawJob = kinds.includes(BACKUP_JOB_SESSION) ? ctx.getNodeParameter('job', '', { extractValue: true }) : '';
	const jobGuid = String(rawJob ?? '').trim() === '' ? undefined : requireGuid(ctx, rawJob, 'Job', 'Job', 0);
	const api = await VeeamApi.connect(ctx);
	const credentials = await ctx.getCredentials('veeamEnterpriseManagerApi');
	const server = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').replace(/\/api$/i, '').toLowerCase();
	const maxPages = Math.max(1, Math.floor(MAX_PAGES_PER_POLL / kinds.length));
	const read = async (kind: SessionKind, query: RecentJobsQuery): Promise<JobStatus[]> => {
		const filter = allOf([
			compare(kind.createdField, '>=', formatIsoUtc(Math.max(0, query.fromMs - SKEW_MS))),
			// the Job narrows backup sessions; a restore session belongs to no job
			jobGuid && kind === BACKUP_JOB_SESSION ? compare('JobUid', '==', `urn:veeam:Job:${jobGuid}`) : undefined,
		]);
		const pageSize = Math.min(QUERY_PAGE_SIZE, query.limit);
		// The request bound per poll holds even when the server's pages are far smaller than asked.
		const entities = await queryEntities(api, kind.uidType, { filter, sortDesc: kind.createdField, pageSize }, { limit: query.limit, maxPages });
		return entities.slice(0, query.limit).map((entity): JobStatus => fromSession(kind, entity, query.simplify));
	};
	return {
		// Backup sessions alone keep the scope they always had, so an upgrade does not start the trigger over.
		scope: `veeam ${server} ${kinds.map((k) => k.uidType).join('+')} ${jobGuid ?? '*'}`,
		recentJobs: async (query) => {
			if (kinds.length === 1) return await read(kinds[0], query);
			const jobs: JobStatus[] = [];
			for (const kind of kinds) jobs.push(...(await read(kind, query)));
			const startedMs = (job: JobStatus) => (job.startedAt === null ? -Infinity : isoToMs(job.startedAt));
			return jobs.sort((a, b) => startedMs(b) - startedMs(a)).slice(0, query.limit);
		},
	};
}
