import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { collectPages } from '../shared/paging';
import { readRunOptions } from '../shared/properties';
import { runItems, type ItemOperation } from '../shared/runItems';
import { isRecord } from '../shared/shape';
import { requireId, requireInteger } from '../shared/validate';
import { fromProtectionGroup, fromRun, newestFirst, runsOf, type RunOptions, type StatusScope } from './status';
import { CohesityProtectionApi, csv, PAGE_SIZE } from './transport';

export const GROUP_ID = { pattern: /^\d+:\d+:\d+$/, example: '4594155844987574:1679899218812:880 (cluster ID, incarnation ID, job ID)' };
const RUN_ID = { pattern: /^\d+:\d+$/, example: '880:1680005024062490 (job ID, run start time in microseconds)' };

type Resource = 'protectionGroupRun' | 'protectionGroup';
type Operation = 'get' | 'getAll' | 'getLatest';

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const api = await CohesityProtectionApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	const operation = ctx.getNodeParameter('operation', 0) as Operation;
	const chosen = resource === 'protectionGroup' ? listGroups(ctx, api) : runOperations[operation](ctx, api);
	return await runItems(ctx, chosen, options.concurrency);
}

function runOptions(ctx: IExecuteFunctions, i: number): RunOptions {
	return {
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		scope: (ctx.getNodeParameter('statusScope', i, 'localBackup') as StatusScope) === 'allCopies' ? 'allCopies' : 'localBackup',
	};
}

function groupIdOf(ctx: IExecuteFunctions, i: number): string {
	const value = ctx.getNodeParameter('protectionGroupId', i, '', { extractValue: true });
	return requireId(ctx, value, 'Protection Group', i, GROUP_ID);
}

function runIdOf(ctx: IExecuteFunctions, i: number): string {
	return requireId(ctx, ctx.getNodeParameter('runId', i, ''), 'Run ID', i, RUN_ID);
}

function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) === true) return undefined;
	return requireInteger(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', i, { min: 1 });
}

/** A date-time parameter as the microseconds Cohesity expects. */
function usecsOf(ctx: IExecuteFunctions, value: unknown, field: string, i: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(ctx.getNode(), `The ${field} filter "${String(value)}" is not a date and time [item ${i}]`, {
			itemIndex: i,
			description: `Pick the ${field} in the date picker, or map an ISO 8601 value such as 2024-03-15T02:00:00Z.`,
		});
	}
	return ms * 1000;
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

/** Polls the one run again: what Get and Get Latest both wait on. */
function refreshRun(ctx: IExecuteFunctions, api: CohesityProtectionApi): ItemOperation['refresh'] {
	return async (i: number, job: JobStatus) => fromRun(await api.run(groupIdOf(ctx, i), job.jobId, i), runOptions(ctx, i));
}

const runOperations: Record<Operation, (ctx: IExecuteFunctions, api: CohesityProtectionApi) => ItemOperation> = {
	get: (ctx, api) => ({
		fetch: async (i) => {
			const groupId = groupIdOf(ctx, i);
			const runId = runIdOf(ctx, i);
			return [fromRun(await api.run(groupId, runId, i), runOptions(ctx, i))];
		},
		refresh: refreshRun(ctx, api),
	}),

	getLatest: (ctx, api) => ({
		fetch: async (i) => {
			const groupId = groupIdOf(ctx, i);
			const { body } = await api.runsPage(groupId, { numRuns: 1, includeObjectDetails: false }, i);
			const [newest] = newestFirst(runsOf(body).map((run) => fromRun(run, runOptions(ctx, i))));
			if (newest === undefined) {
				throw new NodeOperationError(ctx.getNode(), `The protection group ${groupId} has no runs yet [item ${i}]`, {
					itemIndex: i,
					description: 'Run the protection group in Cohesity (Run Now) or wait for its schedule, then try again.',
				});
			}
			return [newest];
		},
		refresh: refreshRun(ctx, api),
	}),

	getAll: (ctx, api) => ({
		fetch: async (i) => {
			const groupId = groupIdOf(ctx, i);
			const limit = limitOf(ctx, i);
			const options = runOptions(ctx, i);
			const filters = runFilters(ctx, i);
			const runs = await collectPages(async (cookie) => {
				const page = await api.runsPage(groupId, { ...filters, numRuns: limit, maxResultCount: PAGE_SIZE, paginationCookie: cookie }, i);
				return { items: runsOf(page.body).map((run) => fromRun(run, options)), next: page.cookie };
			}, { limit });
			const sorted = newestFirst(runs);
			return limit === undefined ? sorted : sorted.slice(0, limit);
		},
	}),
};

function listGroups(ctx: IExecuteFunctions, api: CohesityProtectionApi): ItemOperation {
	return {
		fetch: async (i) => {
			const limit = limitOf(ctx, i);
			const options = runOptions(ctx, i);
			const filters = ctx.getNodeParameter('groupFilters', i, {}) as { includeInactive?: boolean; nameContains?: string };
			const needle = (filters.nameContains ?? '').trim().toLowerCase();
			const groups = await collectPages(async (cookie) => {
				const page = await api.groupsPage(cookie, { activeOnly: filters.includeInactive !== true, lastRun: true }, i);
				const named = page.items.filter(isRecord).filter((group) => String(group.name ?? '').toLowerCase().includes(needle));
				return { items: named.map((group) => fromProtectionGroup(group, options)), next: page.next };
			}, { limit });
			return limit === undefined ? groups : groups.slice(0, limit);
		},
	};
}
