import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { collectPages } from '../shared/paging';
import { isRecord } from '../shared/shape';
import { fromRun, newestFirst, runsOf, type RunOptions } from './status';
import { PAGE_SIZE, type CohesityProtectionApi } from './transport';

/** One run of a protection group, as Get and every wait round ask for it. */
export interface RunQuery {
	groupId: string;
	runId: string;
	options: RunOptions;
}

/** The newest run of a protection group (Get Latest). */
export interface LatestQuery {
	groupId: string;
	options: RunOptions;
}

/**
 * Runs listed per bulk call at most: a window over runs asked for far apart holds every run in
 * between, so the list stops here and the runs not reached are read by id.
 */
const SCAN_RUNS = 5 * PAGE_SIZE;

/** The window reaches a second past the first and last run asked for, so neither edge is missed. */
const EDGE_USECS = 1_000_000;

/** Groups per call of the protection-groups list: their ids travel in the URL. */
const GROUPS_PER_CALL = 50;

/** Status Scope and Simplify shape the item, so they are part of the question. */
const shape = (options: RunOptions) => `${options.scope} ${options.simplify ? 'simple' : 'full'}`;
const runKey = (q: RunQuery) => `${q.groupId} ${q.runId} ${shape(q.options)}`;
const latestKey = (q: LatestQuery) => `${q.groupId} latest ${shape(q.options)}`;

/** A run id is `jobId:startTimeUsecs`, so the id alone says when the run started. */
function startUsecs(runId: string): number {
	return Number(runId.slice(runId.indexOf(':') + 1));
}

/**
 * Get: `…/runs/{runId}` alone, or the runs of one protection group from one list call for a time
 * window around the runs asked for (`startTimeUsecs`/`endTimeUsecs`, `numRuns`, paged with
 * `paginationCookie`). Both answer the same run record, so the items are equal whichever answered.
 */
export function runReader(api: CohesityProtectionApi): JobReader<RunQuery> {
	return {
		key: runKey,
		readOne: async (q, i) => fromRun(await api.run(q.groupId, q.runId, i), q.options),
		bulk: {
			batchOf: (q) => q.groupId,
			maxSize: PAGE_SIZE,
			readMany: async (queries, i) => {
				const { groupId } = queries[0];
				const wanted = new Set(queries.map((q) => q.runId));
				const starts = queries.map((q) => startUsecs(q.runId));
				const window: IDataObject = {
					startTimeUsecs: Math.min(...starts) - EDGE_USECS,
					endTimeUsecs: Math.max(...starts) + EDGE_USECS,
					numRuns: SCAN_RUNS,
					maxResultCount: PAGE_SIZE,
					includeObjectDetails: false,
				};
				const runs = await collectPages(
					async (cookie) => {
						const page = await api.runsPage(groupId, { ...window, paginationCookie: cookie }, i);
						const runs = runsOf(page.body);
						return { items: runs.filter((run) => isRecord(run) && wanted.has(String(run.id))) as IDataObject[], next: page.cookie, received: runs.length };
					},
					{ maxPages: SCAN_RUNS / PAGE_SIZE, enough: (found) => found.length >= wanted.size },
				);
				const byId = new Map(runs.map((run) => [String(run.id), run]));
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const run = byId.get(q.runId);
					if (run) found.set(runKey(q), fromRun(run, q.options));
				}
				return found;
			},
		},
	};
}

/**
 * A group's `lastRun` serves as its latest run only when it names the run and carries the part that
 * decides its state; a bare summary is left to the runs list.
 */
function usableLastRun(group: IDataObject): IDataObject | undefined {
	const run = group.lastRun;
	if (!isRecord(run) || typeof run.id !== 'string' || run.id === '') return undefined;
	if (!isRecord(run.localBackupInfo) && !isRecord(run.originalBackupInfo)) return undefined;
	return { ...run, protectionGroupName: run.protectionGroupName ?? group.name };
}

/**
 * Get Latest: `…/runs?numRuns=1` of one group, or, for simplified items of several groups, the
 * protection-groups list with `ids` and `includeLastRunInfo` (50 groups a call). A group the list
 * lacks, or whose last run comes without its local backup part, is read from its runs list. With
 * Simplify off each group is read from its runs list, so `details` is always that full record.
 */
export function latestReader(ctx: IExecuteFunctions, api: CohesityProtectionApi): JobReader<LatestQuery> {
	return {
		key: latestKey,
		readOne: async (q, i) => {
			const { body } = await api.runsPage(q.groupId, { numRuns: 1, includeObjectDetails: false }, i);
			const [newest] = newestFirst(runsOf(body).map((run) => fromRun(run, q.options)));
			if (newest === undefined) {
				throw new NodeOperationError(ctx.getNode(), `The protection group ${q.groupId} has no runs yet [item ${i}]`, {
					itemIndex: i,
					description: 'Run the protection group in Cohesity (Run Now) or wait for its schedule, then try again.',
				});
			}
			return newest;
		},
		bulk: {
			batchOf: (q) => (q.options.simplify ? 'groups' : undefined),
			maxSize: GROUPS_PER_CALL,
			readMany: async (queries, i) => {
				const ids = new Set(queries.map((q) => q.groupId));
				const groups = await collectPages(
					async (cookie) => {
						const page = await api.groupsPage(cookie, { ids: [...ids], lastRun: true }, i);
						return { items: page.items.filter((group) => isRecord(group) && ids.has(String(group.id))) as IDataObject[], next: page.next, received: page.items.length };
					},
					{ enough: (found) => found.length >= ids.size },
				);
				const lastRuns = new Map<string, IDataObject>();
				for (const group of groups) {
					const run = usableLastRun(group);
					if (run) lastRuns.set(String(group.id), run);
				}
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const run = lastRuns.get(q.groupId);
					if (run) found.set(latestKey(q), fromRun(run, q.options));
				}
				return found;
			},
		},
	};
}
