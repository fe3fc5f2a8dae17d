import type { IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { createdPartAt, createdPartOf } from './jobId';
import { fromBackupJobDetails } from './status';
import { VcenterBackupApi, vcenterApi } from './transport';

/** The details call takes the ids in the query; chunks keep the URL well under any proxy's limit. */
const DETAILS_CHUNK = 50;

/**
 * Every file-based backup job of the appliance. The id list is one call whatever the history
 * size; only the ids created in the window (plus the jobs last seen running, which may have started
 * before it) are asked about, in `job/details` calls of 50.
 */
export async function backupJobSource(ctx: IPollFunctions): Promise<JobSource> {
	const credentials = await ctx.getCredentials(vcenterApi.credentialType);
	const api = await VcenterBackupApi.connect(ctx);
	return {
		scope: `vcenter ${String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').toLowerCase()}`,
		recentJobs: async (query) => await recentJobs(api, query),
	};
}

/** The ids created in the window, newest first, at most `limit`: the list is newest first, so it stops at the first older one. */
function windowOf(ids: string[], fromMs: number, limit: number): Set<string> {
	const start = createdPartAt(fromMs);
	const chosen = new Set<string>();
	for (const id of ids) {
		if (chosen.size >= limit) break;
		const created = createdPartOf(id);
		if (created !== undefined && created < start) break;
		chosen.add(id);
	}
	return chosen;
}

async function recentJobs(api: VcenterBackupApi, query: RecentJobsQuery): Promise<JobStatus[]> {
	const ids = await api.listJobIds();
	const chosen = windowOf(ids, query.fromMs, query.limit);
	// A job seen running stays watched until it ends, even once it started before the window.
	if (query.openJobIds.length > 0) {
		const listed = new Set(ids);
		for (const id of query.openJobIds) if (listed.has(id)) chosen.add(id);
	}

	const wanted = [...chosen];
	const jobs: JobStatus[] = [];
	for (let start = 0; start < wanted.length; start += DETAILS_CHUNK) {
		const chunk = wanted.slice(start, start + DETAILS_CHUNK);
		const details = await api.details(chunk);
		// A job pruned between the two calls has no details: it is left out, never invented.
		for (const id of chunk) if (details.has(id)) jobs.push(fromBackupJobDetails(id, details.get(id), query.simplify));
	}
	return jobs;
}
