import type { IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { collectPages } from '../shared/paging';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { isoToMs } from '../shared/time';
import { requireId } from '../shared/validate';
import { textOf } from '../shared/shape';
import { regionOf, vbsEndpoint } from './endpoints';
import { POLICY_ID } from './operations';
import { fromTask, policies, taskPage } from './status';
import { HuaweiVbsApi, TASK_PAGE_SIZE } from './transport';

/**
 * Pages of a policy's newest tasks read per poll at most: room for a service whose pages are far
 * smaller than asked (three pages of 5 would miss new tasks), still a bound per poll.
 */
const TASK_PAGES = 20;
/** Policies whose tasks are read in one poll with "All Backup Policies"; the list itself is one call. */
const MAX_POLICY_READS = 20;

/**
 * A policy's tasks, newest first, until one started before the window, the poll's share is read, or
 * the answer's `count` is reached; offsets follow what the pages held, whatever their size.
 */
async function newestTasks(api: HuaweiVbsApi, policyId: string, query: RecentJobsQuery, limit: number): Promise<JobStatus[]> {
	let received = 0;
	const jobs = await collectPages(
		async (cursor) => {
			const offset = cursor === undefined ? 0 : Number(cursor);
			const { tasks, count } = taskPage(await api.tasks(policyId, { sort_key: 'created_at', sort_dir: 'desc', limit: TASK_PAGE_SIZE, offset }));
			received += tasks.length;
			const items = tasks.map((task) => fromTask(task, policyId, query.simplify));
			const inWindow = items.filter((job) => !(job.startedAt !== null && isoToMs(job.startedAt) < query.fromMs));
			const older = inWindow.length < items.length;
			const ended = older || tasks.length === 0 || received >= count;
			return { items: inWindow, next: ended ? undefined : String(received) };
		},
		{ limit, maxPages: TASK_PAGES },
	);
	return jobs.slice(0, limit);
}

/** The tasks of one backup policy or of every policy of the project, newest first. */
export async function huaweiTaskSource(ctx: IPollFunctions): Promise<JobSource> {
	const all = ctx.getNodeParameter('policyScope', 'one') === 'all';
	const policyId = all ? undefined : requireId(ctx, ctx.getNodeParameter('policyId', '', { extractValue: true }), 'Backup Policy', 0, POLICY_ID);
	const credentials = await ctx.getCredentials('huaweiCloudApi');
	const api = await HuaweiVbsApi.connect(ctx);
	// The typed project only: the one resolved at the first poll must not make the second start over.
	const where = [vbsEndpoint(credentials), regionOf(credentials), textOf(credentials.projectId)].map((s) => s.toLowerCase()).join(' ');
	return {
		scope: `huaweiCloud ${where} ${policyId ?? '*'}`,
		recentJobs: async (query) => {
			if (policyId !== undefined) return await newestTasks(api, policyId, query, query.limit);
			const ids = policies(await api.policies())
				.map((p) => String(p.policyId))
				.sort()
				.slice(0, MAX_POLICY_READS);
			const jobs: JobStatus[] = [];
			const share = Math.max(1, Math.floor(query.limit / Math.max(1, ids.length)));
			// One policy after the other: the first call may sign in, the others reuse its token.
			for (const id of ids) jobs.push(...(await newestTasks(api, id, query, share)));
			return jobs;
		},
	};
}
