import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { formatIsoUtc } from '../shared/time';
import { requireGuid } from './ids';
import { listAll, PAGE_LIMIT } from './listPages';
import { fromSession, jobIdOf } from './status';
import { CREDENTIAL_TYPE, VbrApi } from './transport';
import { serverRoot } from './serverUrl';

/** Pages read per poll and job at most (the trigger core asks for a bounded number of sessions). */
const MAX_PAGES_PER_POLL = 20;

/** Sessions seen running that left the window, read by ID per poll at most. */
const MAX_OPEN_READS = 20;

/** A minute before the window, so a session created at its edge is not left out by clock skew. */
const SKEW_MS = 60_000;

/** The chosen jobs of the trigger (none: every job). */
function chosenJobs(ctx: IPollFunctions): string[] {
	// Jobs → Job: `{job: [{job: <resource locator>}, …]}`; a locator is `{__rl, mode, value}` or a bare ID.
	const raw = ctx.getNodeParameter('jobs', {}) as IDataObject;
	const entries = Array.isArray(raw?.job) ? (raw.job as IDataObject[]) : [];
	const values = entries.map((entry) => entry?.job).map((value) => (typeof value === 'object' && value !== null ? (value as IDataObject).value : value));
	const ids = values.filter((v) => String(v ?? '').trim() !== '').map((v) => requireGuid(ctx, v, 'Job', 0));
	return [...new Set(ids)].sort();
}

/**
 * The newest job sessions in scope: created since the trigger's look-back, newest first, one query per
 * chosen job (`jobIdFilter`) or one for every job, as many pages as the trigger core's limit needs
 * (never the whole history); plus, by ID, sessions seen running that started before the window.
 */
export async function vbrSessionSource(ctx: IPollFunctions): Promise<JobSource> {
	const jobs = chosenJobs(ctx);
	const api = await VbrApi.connect(ctx);
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return {
		scope: `veeamBackupReplication ${serverRoot(String(credentials.baseUrl ?? '')).toLowerCase()} ${jobs.join(',') || '*'}`,
		recentJobs: async (query) => await recentJobs(api, jobs, query),
	};
}

async function recentJobs(api: VbrApi, jobs: string[], query: RecentJobsQuery): Promise<JobStatus[]> {
	const qs: IDataObject = { createdAfterFilter: formatIsoUtc(Math.max(0, query.fromMs - SKEW_MS)), orderColumn: 'CreationTime', orderAsc: false };
	const scopes: IDataObject[] = jobs.length === 0 ? [qs] : jobs.map((jobIdFilter) => ({ ...qs, jobIdFilter }));
	const limit = Math.max(1, Math.floor(query.limit / scopes.length));
	const sessions = new Map<string, JobStatus>();
	for (const scope of scopes) {
		const page = await listAll(async (skip, pageLimit) => await api.sessions({ ...scope, skip, limit: pageLimit }), 'sessions', {
			limit,
			maxPages: MAX_PAGES_PER_POLL,
			pageLimit: Math.min(PAGE_LIMIT, limit),
		});
		// Sessions of no job (infrastructure, restores) are not job runs.
		for (const session of page.slice(0, limit)) if (jobIdOf(session) !== '') sessions.set(String(session.id).toLowerCase(), fromSession(session, query.simplify));
	}
	// A session seen running stays watched until it ends, even once it started before the window.
	const open = query.openJobIds.filter((id) => !sessions.has(id)).slice(0, MAX_OPEN_READS);
	for (const id of open) sessions.set(id, fromSession(await api.session(id), query.simplify));
	return [...sessions.values()];
}
