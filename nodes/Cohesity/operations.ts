import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { collectPages } from '../shared/paging';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { cancelRunOperation, RUN_TYPES, runNowOperation, type RunNowRequest } from './actions';
import { isRecord } from '../shared/shape';
import { latestReader, runReader, type LatestQuery, type RunQuery } from './jobReads';
import { fromProtectionGroup, fromRun, newestFirst, runsOf, type RunOptions, type StatusScope } from './status';
import { limitOf } from '../shared/validate';
import { groupIdOf, runIdOf, usecsOf } from './parameters';
import { runRecoveryOperation, type RecoveryOperationName } from './recoveryOperations';
import { CohesityProtectionApi, csv, PAGE_SIZE } from './transport';

type Resource = 'protectionGroupRun' | 'protectionGroup' | 'recovery';
type Operation = 'get' | 'getAll' | 'getLatest' | 'runNow' | 'cancel' | RecoveryOperationName;

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const api = await CohesityProtectionApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	const operation = ctx.getNodeParameter('operation', 0) as Operation;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) =>
		await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'recovery') return await runRecoveryOperation(ctx, api, operation as RecoveryOperationName, run);
	if (resource === 'protectionGroup') {
		return operation === 'runNow' ? await run(runNowOperation(ctx, api, executionClock(ctx), (i) => runNowRequest(ctx, i))) : await run(listGroups(ctx, api));
	}
	switch (operation) {
		case 'cancel':
			return await run(cancelRunOperation(ctx, api, (i) => ({ groupId: groupIdOf(ctx, i), runId: runIdOf(ctx, i), options: runOptions(ctx, i) })));
		case 'getAll':
			return await run(getAll(ctx, api));
		case 'getLatest':
			return await run(getLatest(ctx, api));
		default:
			return await run(get(ctx, api));
	}
}

function runOptions(ctx: IExecuteFunctions, i: number): RunOptions {
	return {
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		scope: (ctx.getNodeParameter('statusScope', i, 'localBackup') as StatusScope) === 'allCopies' ? 'allCopies' : 'localBackup',
	};
}

/** Run Now's request: the group, a documented run type, and object ids that are whole numbers. */
function runNowRequest(ctx: IExecuteFunctions, i: number): Omit<RunNowRequest, 'ifAlreadyRunning'> {
	const runType = String(ctx.getNodeParameter('runType', i, 'kRegular'));
	if (!(RUN_TYPES as readonly string[]).includes(runType)) {
		throw new NodeOperationError(ctx.getNode(), `The Run Type "${runType}" is not one Run Now takes [item ${i}]`, {
			itemIndex: i,
			description: 'Choose Regular (Incremental), Full, Log or System.',
		});
	}
	const text = String(ctx.getNodeParameter('objectIds', i, '') ?? '').trim();
	const parts = text === '' ? [] : text.split(',').map((part) => part.trim());
	if (parts.some((part) => !/^\d+$/.test(part))) {
		throw new NodeOperationError(ctx.getNode(), `The Object IDs "${text}" are not comma-separated whole numbers [item ${i}]`, {
			itemIndex: i,
			description: 'Enter the IDs of objects of the group, e.g. 1234, 1235, or leave it empty to back up the whole group.',
		});
	}
	return { groupId: groupIdOf(ctx, i), runType, objectIds: parts.map(Number), options: runOptions(ctx, i) };
}

/** The Get Many filters as `GET …/runs` query parameters. */
function runFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const f = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	return {
		runTypes: csv(f.runTypes),
		localBackupRunStatus: csv(f.localBackupRunStatus),
		replicationRunStatus: csv(f.replicationRunStatus),
		archivalRunStatus: csv(f.archivalRunStatus),
		cloudSpinRunStatus: csv(f.cloudSpinRunStatus),
		startTimeUsecs: usecsOf(ctx, f.startTime, 'Start Time', i),
		endTimeUsecs: usecsOf(ctx, f.endTime, 'End Time', i),
		filterByEndTime: f.filterByEndTime === true ? true : undefined,
		includeObjectDetails: f.includeObjectDetails === true,
		excludeNonRestorableRuns: f.excludeNonRestorableRuns === true ? true : undefined,
		includeTenants: f.includeTenants === true ? true : undefined,
		runTags: csv(f.runTags),
		tenantIds: csv(f.tenantIds),
	};
}

/** Get and Get Latest both wait on the run they found, read in bulk per protection group. */
function get(ctx: IExecuteFunctions, api: CohesityProtectionApi): JobOperation<RunQuery, RunQuery> {
	const read = runReader(api);
	return {
		query: (i) => ({ groupId: groupIdOf(ctx, i), runId: runIdOf(ctx, i), options: runOptions(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

function getLatest(ctx: IExecuteFunctions, api: CohesityProtectionApi): JobOperation<LatestQuery, RunQuery> {
	return {
		query: (i) => ({ groupId: groupIdOf(ctx, i), options: runOptions(ctx, i) }),
		read: latestReader(ctx, api),
		wait: { again: (q, job) => ({ groupId: q.groupId, runId: job.jobId, options: q.options }), read: runReader(api) },
	};
}

function getAll(ctx: IExecuteFunctions, api: CohesityProtectionApi): ListOperation<{ groupId: string; limit: number | undefined; filters: IDataObject; options: RunOptions }> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => ({ groupId: groupIdOf(ctx, i), limit: limitOf(ctx, i), filters: runFilters(ctx, i), options: runOptions(ctx, i) }),
		fetch: async (i, { groupId, limit, filters, options }) => {
			const runs = await listRuns(api, groupId, filters, options, limit, i);
			const sorted = newestFirst(runs);
			return limit === undefined ? sorted : sorted.slice(0, limit);
		},
	};
}

/** When a run started (or, with Filter by End Time, ended) in µs: what the listing's time window reads. */
function windowTime(run: unknown, byEnd: boolean): number | undefined {
	if (!isRecord(run)) return undefined;
	const local = isRecord(run.localBackupInfo) ? run.localBackupInfo : {};
	const value = byEnd ? local.endTimeUsecs : (local.startTimeUsecs ?? String(run.id ?? '').split(':')[1]);
	const usecs = Number(value);
	return Number.isSafeInteger(usecs) && usecs > 0 ? usecs : undefined;
}

/**
 * Every run of the group in the filters' window, newest first, or the first `limit`. One listing
 * returns at most `numRuns` runs (100 when unset, so Return All cannot leave it out), paged by
 * `paginationCookie`; after a full listing the next one ends just before its oldest run, as
 * Cohesity's own scripts page through a long history.
 */
async function listRuns(
	api: CohesityProtectionApi,
	groupId: string,
	filters: IDataObject,
	options: RunOptions,
	limit: number | undefined,
	i: number,
): Promise<JobStatus[]> {
	const byEnd = filters.filterByEndTime === true;
	const numRuns = Math.min(limit ?? PAGE_SIZE, PAGE_SIZE);
	return await collectPages(
		async (before) => {
			const qs = { ...filters, numRuns, maxResultCount: PAGE_SIZE, endTimeUsecs: before ?? filters.endTimeUsecs };
			const listing = await collectPages(async (cookie) => {
				const page = await api.runsPage(groupId, { ...qs, paginationCookie: cookie }, i);
				return { items: runsOf(page.body), next: page.cookie };
			});
			const times = listing.map((run) => windowTime(run, byEnd));
			const oldest = times.every((t) => t !== undefined) ? Math.min(...(times as number[])) : undefined;
			const next = listing.length >= numRuns && oldest !== undefined ? String(oldest - 1) : undefined;
			return { items: listing.map((run) => fromRun(run, options)), next };
		},
		{ limit },
	);
}

interface GroupListSettings {
	limit: number | undefined;
	options: RunOptions;
	filters: { includeInactive?: boolean; nameContains?: string };
}

function listGroups(ctx: IExecuteFunctions, api: CohesityProtectionApi): ListOperation<GroupListSettings> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => ({
			limit: limitOf(ctx, i),
			options: runOptions(ctx, i),
			filters: ctx.getNodeParameter('groupFilters', i, {}) as GroupListSettings['filters'],
		}),
		fetch: async (i, { limit, options, filters }) => {
			const needle = (filters.nameContains ?? '').trim().toLowerCase();
			const groups = await collectPages(async (cookie) => {
				const page = await api.groupsPage(cookie, { activeOnly: filters.includeInactive !== true, lastRun: true }, i);
				const named = page.items.filter(isRecord).filter((group) => String(group.name ?? '').toLowerCase().includes(needle));
				return { items: named.map((group) => fromProtectionGroup(group, options)), next: page.next, received: page.items.length };
			}, { limit });
			return limit === undefined ? groups : groups.slice(0, limit);
		},
	};
}
