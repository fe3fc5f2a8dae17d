import type { IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource } from '../shared/trigger';
import { formatIsoUtc } from '../shared/time';
import { allOf, compare } from './filters';
import { requireGuid } from './sessionId';
import { queryEntities } from './queryPages';
import { BACKUP_JOB_SESSION, CDP_TASK_SESSION, fromSession } from './status';
import { QUERY_PAGE_SIZE, VeeamApi } from './transport';

/** Pages read per poll at most (the trigger core asks for a bounded number of sessions). */
const MAX_PAGES_PER_POLL = 20;

/** A minute before the window, so a session created at its edge is not left out by clock skew. */
const SKEW_MS = 60_000;

/**
 * The newest sessions in scope, from the query API only: created since the trigger's look-back,
 * newest first, as many pages as the trigger core's limit needs (never the whole history).
 */
export async function veeamSessionSource(ctx: IPollFunctions): Promise<JobSource> {
	const kind = ctx.getNodeParameter('sessionType', 'backupJobSession') === 'cdpReplicaTaskSession' ? CDP_TASK_SESSION : BACKUP_JOB_SESSION;
	const rawJob = kind === BACKUP_JOB_SESSION ? ctx.getNodeParameter('job', '', { extractValue: true }) : '';
	const jobGuid = String(rawJob ?? '').trim() === '' ? undefined : requireGuid(ctx, rawJob, 'Job', 'Job', 0);
	const api = await VeeamApi.connect(ctx);
	const credentials = await ctx.getCredentials('veeamEnterpriseManagerApi');
	const server = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').replace(/\/api$/i, '').toLowerCase();
	return {
		scope: `veeam ${server} ${kind.uidType} ${jobGuid ?? '*'}`,
		recentJobs: async (query) => {
			const filter = allOf([
				compare(kind.createdField, '>=', formatIsoUtc(Math.max(0, query.fromMs - SKEW_MS))),
				jobGuid ? compare('JobUid', '==', `urn:veeam:Job:${jobGuid}`) : undefined,
			]);
			const pageSize = Math.min(QUERY_PAGE_SIZE, query.limit);
			// The request bound per poll holds even when the server's pages are far smaller than asked.
			const entities = await queryEntities(api, kind.uidType, { filter, sortDesc: kind.createdField, pageSize }, { limit: query.limit, maxPages: MAX_PAGES_PER_POLL });
			return entities.slice(0, query.limit).map((entity): JobStatus => fromSession(kind, entity, query.simplify));
		},
	};
}
