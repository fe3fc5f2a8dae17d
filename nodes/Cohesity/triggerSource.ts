import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { isoToMs } from '../shared/time';
import type { JobStatus } from '../shared/jobStatus';
import { collectPages } from '../shared/paging';
import { ApiClient } from '../shared/request';
import { isRecord } from '../shared/shape';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { requireId } from '../shared/validate';
import { GROUP_ID } from './parameters';
import { fromRecovery, newestRecoveriesFirst, recoveriesOf } from './recoveryStatus';
import { fromRun, runsOf, type RunOptions, type StatusScope } from './status';
import { cohesityApi, CohesityProtectionApi } from './transport';

/**
 * Pages of runs read per group and poll; with `numRuns` the first page is nearly always the last.
 * Room for a cluster whose pages are far smaller than asked, still a bound per poll.
 */
const RUN_PAGES = 20;
/** Protection groups read per poll in "All Protection Groups" (ten full pages of 100). */
const MAX_GROUPS = 1000;
/** Requests for that list per poll: room for a cluster whose pages are far smaller than asked. */
const GROUP_PAGES = 50;
/** Groups whose runs are read in one poll in "All Protection Groups"; the others wait for the next. */
const MAX_GROUP_READS = 20;

/** The chosen groups, checked before any request; an expression may give a comma-separated text. */
function selectedGroups(ctx: IPollFunctions): string[] {
	const raw = ctx.getNodeParameter('protectionGroupIds', []) as unknown;
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const ids = values.map((v) => String(v).trim()).filter((v) => v !== '');
	if (ids.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Protection Group Names or IDs has no group chosen', {
			description: 'Choose at least one protection group, or set Protection Groups to "All Protection Groups".',
		});
	}
	return [...new Set(ids.map((id) => requireId(ctx, id, 'Protection Group', 0, GROUP_ID)))].sort();
}

/** Job Types, checked before any request; without the parameter (workflows from before it), backup runs only. */
function jobTypesOf(ctx: IPollFunctions): { backups: boolean; recoveries: boolean } {
	const raw = ctx.getNodeParameter('jobTypes', ['backup']) as unknown;
	const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((v) => String(v).trim());
	const chosen = { backups: values.includes('backup'), recoveries: values.includes('restore') };
	if (!chosen.backups && !chosen.recoveries) {
		throw new NodeOperationError(ctx.getNode(), 'Job Types has no job type chosen', { description: 'Choose Backup Runs, Recoveries, or both.' });
	}
	return chosen;
}

/**
 * The recoveries of the cluster that started in the window: one `GET /v2/data-protect/recoveries`
 * with `startTimeUsecs` per poll (the API does not page recoveries), the newest `limit` of them.
 */
async function recentRecoveries(api: CohesityProtectionApi, query: RecentJobsQuery): Promise<JobStatus[]> {
	const listed = recoveriesOf(await api.recoveries({ startTimeUsecs: Math.floor(query.fromMs) * 1000 }));
	return newestRecoveriesFirst(listed.map((recovery) => fromRecovery(recovery, query.simplify))).slice(0, query.limit);
}

/**
 * The runs of one protection group, several, or all, and with Job Types "Recoveries" the recoveries
 * of the cluster. Chosen groups cost one runs call each,
 * narrowed to the window with `startTimeUsecs` and capped with `numRuns`. "All" reads the group
 * list with each group's last run, and reads a group's runs only when its last run is new (so runs
 * that began and ended between two polls are not missed) or a run of it was seen running.
 */
export async function protectionRunSource(ctx: IPollFunctions): Promise<JobSource> {
	const types = jobTypesOf(ctx);
	const all = ctx.getNodeParameter('groupScope', 'selected') === 'all';
	// Groups matter to backup runs only: a trigger on recoveries alone needs none chosen.
	const groups = all || !types.backups ? undefined : selectedGroups(ctx);
	const statusScope: StatusScope = ctx.getNodeParameter('statusScope', 'localBackup') === 'allCopies' ? 'allCopies' : 'localBackup';
	const credentials = await ctx.getCredentials(cohesityApi.credentialType);
	const api = new CohesityProtectionApi(ApiClient.fromCredentials(ctx, cohesityApi, credentials));
	const cluster = ['baseUrl', 'accessClusterId', 'regionId'].map((f) => String(credentials[f] ?? '').trim().replace(/\/+$/, '').toLowerCase());
	const backupScope = `${statusScope} ${groups ? groups.join(',') : '*'}`;
	// Backup runs alone keep the scope they had before Job Types, so an existing trigger goes on from its state.
	const scope = [types.backups ? backupScope : undefined, types.recoveries ? 'recoveries' : undefined].filter((part) => part !== undefined).join(' ');
	const backupRuns = async (query: RecentJobsQuery): Promise<JobStatus[]> => {
		const options: RunOptions = { simplify: query.simplify, scope: statusScope };
		if (!groups) return await allGroupRuns(api, query, options);
		// One group after the other: the first call may sign in, and the others reuse its token.
		const jobs: JobStatus[] = [];
		for (const id of groups) jobs.push(...(await groupRuns(api, id, query, options)));
		return jobs;
	};
	return {
		scope: `cohesity ${cluster.join(' ')} ${scope}`,
		recentJobs: async (query) => [...(types.backups ? await backupRuns(query) : []), ...(types.recoveries ? await recentRecoveries(api, query) : [])],
	};
}

async function groupRuns(api: CohesityProtectionApi, groupId: string, query: RecentJobsQuery, options: RunOptions): Promise<JobStatus[]> {
	const qs: IDataObject = { startTimeUsecs: Math.floor(query.fromMs) * 1000, numRuns: query.limit, includeObjectDetails: false };
	return await collectPages(
		async (cookie) => {
			const page = await api.runsPage(groupId, { ...qs, paginationCookie: cookie });
			return { items: runsOf(page.body).map((run) => fromRun(run, options)), next: page.cookie };
		},
		{ limit: query.limit, maxPages: RUN_PAGES },
	);
}

/** A run id is `<job id>:<start µs>`, the job id being the last part of its group's id. */
const jobNumberOfRun = (runId: string) => runId.split(':')[0];
const jobNumberOfGroup = (groupId: string) => groupId.split(':').pop() ?? groupId;

async function allGroupRuns(api: CohesityProtectionApi, query: RecentJobsQuery, options: RunOptions): Promise<JobStatus[]> {
	const groups = (await collectPages(async (cookie) => await api.groupsPage(cookie, { activeOnly: true, lastRun: true }), { limit: MAX_GROUPS, maxPages: GROUP_PAGES })).filter(isRecord);
	const jobs: JobStatus[] = [];
	let reads = 0;
	for (const group of groups) {
		if (typeof group.id !== 'string') continue;
		const last = isRecord(group.lastRun) && typeof group.lastRun.id === 'string' ? fromRun({ protectionGroupName: group.name, ...group.lastRun }, options) : undefined;
		const started = last?.startedAt ? isoToMs(last.startedAt) : Number.NaN;
		const lastInWindow = last !== undefined && !(started < query.fromMs);
		const jobNumber = jobNumberOfGroup(group.id);
		const runningBefore = query.openJobIds.some((id) => jobNumberOfRun(id) === jobNumber && id !== last?.jobId);
		// An old last run means no new run since: nothing to read for this group.
		if (!lastInWindow && !runningBefore) continue;
		const lookCloser = query.purpose === 'poll' && (runningBefore || (last !== undefined && !query.seen(last.jobId)));
		if (!lookCloser) {
			if (last) jobs.push(last);
			continue;
		}
		// Left for the next poll as a whole, so its last run stays new and is read then.
		if (reads >= MAX_GROUP_READS) continue;
		reads++;
		jobs.push(...(await groupRuns(api, group.id, query, options)));
	}
	return jobs;
}
