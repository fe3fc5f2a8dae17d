import type { IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource } from '../shared/trigger';
import { isoToMs } from '../shared/time';
import { requireId } from '../shared/validate';
import { listJobSummaries } from './jobList';
import { fromJobSummary } from './status';
import { CommvaultJobApi } from './transport';

/**
 * Pages of `GET /Job` read per poll at most; the trigger core caps the jobs it asks for anyway. Room
 * for a server whose pages are far smaller than asked, still a bound per poll.
 */
const MAX_PAGES = 20;

/** A minute more than the window, so a job that ended at its edge is not left out by clock skew. */
const SKEW_SECONDS = 60;

/**
 * The jobs of a type, a client, or all, from `GET /Job` with a lookup window as short as the
 * trigger's look-back (never the server's one-year default); running jobs are listed whatever the
 * window, and jobs that started before it are dropped here.
 */
export async function commvaultJobSource(ctx: IPollFunctions): Promise<JobSource> {
	const jobTypes = (ctx.getNodeParameter('jobTypes', []) as string[]).map((t) => String(t).trim()).filter((t) => t !== '').sort();
	const rawClient = String(ctx.getNodeParameter('clientId', '') ?? '').trim();
	const clientId = rawClient === '' ? undefined : requireId(ctx, rawClient, 'Client ID', 0, { pattern: /^\d+$/, example: '2 (a whole number)' });
	const api = await CommvaultJobApi.connect(ctx);
	const credentials = await ctx.getCredentials('commvaultApi');
	const server = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '').toLowerCase();
	return {
		scope: `commvault ${server} ${jobTypes.join(',') || '*'} ${clientId ?? '*'}`,
		recentJobs: async (query) => {
			const lookup = Math.max(1, Math.ceil((Date.now() - query.fromMs) / 1000)) + SKEW_SECONDS;
			const qs = { jobCategory: 'All', completedJobLookupTime: lookup, jobFilter: jobTypes.join(','), clientId };
			const summaries = await listJobSummaries(api, qs, { limit: query.limit, maxPages: MAX_PAGES });
			const jobs = summaries.map((s): JobStatus => fromJobSummary(s, query.simplify));
			return jobs.filter((job) => !(job.startedAt !== null && isoToMs(job.startedAt) < query.fromMs));
		},
	};
}
