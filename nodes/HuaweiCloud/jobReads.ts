import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { readOffsetPages } from '../shared/offsetPages';
import { fromTask, fromVbsJob, taskPage } from './status';
import { TASK_PAGE_SIZE, type HuaweiVbsApi } from './transport';

export interface TaskQuery {
	policyId: string;
	jobId: string;
	simplify: boolean;
}

export interface LatestQuery {
	policyId: string;
	simplify: boolean;
}

export interface VbsJobQuery {
	jobId: string;
	simplify: boolean;
}

const NEWEST_FIRST = { sort_key: 'created_at', sort_dir: 'desc' } as const;

const taskKey = (q: TaskQuery) => `${q.simplify ? 'simple' : 'full'} ${q.policyId} ${q.jobId}`;

/** How far back a bulk read looks: the newest 1,000 tasks of a policy, in pages of TASK_PAGE_SIZE. */
const BULK_PAGES = 10;

/**
 * The tasks sought among the newest of the policy, by offset (VBS's `count` is the total): the pages
 * that can hold them together, then the next ones side by side until every one is found, the list ends
 * or BULK_PAGES were read (readOffsetPages). One page was not enough: 500 items asking about the newest 500
 * tasks came in 5 calls of 100 questions, each read the same newest page, and 400 tasks were then
 * read alone (405 requests; now one call, 5 pages).
 */
async function newestTasks(api: HuaweiVbsApi, policyId: string, wanted: Set<string>, i: number, spread?: Spread): Promise<IDataObject[]> {
	const tasks = await readOffsetPages<IDataObject>({
		pageSize: TASK_PAGE_SIZE,
		maxPages: BULK_PAGES,
		spread,
		seek: { ids: wanted, idOf: (t) => String(t.job_id) },
		readAt: async (offset, size) => {
			const page = taskPage(await api.tasks(policyId, { ...NEWEST_FIRST, limit: size, ...(offset > 0 && { offset }) }, i));
			return { records: page.tasks, total: page.count };
		},
	});
	return tasks.filter((t) => wanted.has(String(t.job_id)));
}

/**
 * Get (and every wait round): one task by `job_id`, or, for several tasks of one policy, the newest
 * pages of its task list, which hold the tasks a check or a wait is about; a task they lack is read alone.
 */
export function taskReader(ctx: IExecuteFunctions, api: HuaweiVbsApi): JobReader<TaskQuery> {
	return {
		key: taskKey,
		readOne: async (q, i) => {
			const { tasks } = taskPage(await api.tasks(q.policyId, { job_id: q.jobId, limit: 1 }, i));
			const task = tasks.find((t) => t.job_id === q.jobId);
			if (task) return fromTask(task, q.policyId, q.simplify);
			throw new NodeOperationError(ctx.getNode(), `The backup policy ${q.policyId} has no task ${q.jobId} [item ${i}]`, {
				itemIndex: i,
				description: 'Check the Task Job ID (the job_id of a backup task of this policy) and the Backup Policy.',
			});
		},
		bulk: {
			batchOf: (q) => q.policyId,
			// As many questions as the pages read hold: calls of 100 each read the same newest pages again.
			maxSize: BULK_PAGES * TASK_PAGE_SIZE,
			readMany: async (queries, i, spread) => {
				const tasks = await newestTasks(api, queries[0].policyId, new Set(queries.map((q) => q.jobId)), i, spread);
				const byId = new Map(tasks.map((t) => [String(t.job_id), t]));
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const task = byId.get(q.jobId);
					if (task) found.set(taskKey(q), fromTask(task, q.policyId, q.simplify));
				}
				return found;
			},
		},
	};
}

/** Get Latest: the newest task of the policy (`sort_key=created_at&sort_dir=desc&limit=1`). */
export function latestReader(ctx: IExecuteFunctions, api: HuaweiVbsApi): JobReader<LatestQuery> {
	return {
		key: (q) => `${q.simplify ? 'simple' : 'full'} ${q.policyId}`,
		readOne: async (q, i) => {
			const { tasks } = taskPage(await api.tasks(q.policyId, { ...NEWEST_FIRST, limit: 1 }, i));
			if (tasks.length > 0) return fromTask(tasks[0], q.policyId, q.simplify);
			throw new NodeOperationError(ctx.getNode(), `The backup policy ${q.policyId} has no backup tasks yet [item ${i}]`, {
				itemIndex: i,
				description: 'The policy has not run yet. Check the Backup Policy, or run it first (its tasks appear once it starts).',
			});
		},
	};
}

/** Backup Job Get: `GET /v1/{project_id}/jobs/{job_id}`. */
export function vbsJobReader(api: HuaweiVbsApi): JobReader<VbsJobQuery> {
	return {
		key: (q) => `${q.simplify ? 'simple' : 'full'} ${q.jobId}`,
		readOne: async (q, i) => fromVbsJob(await api.vbsJob(q.jobId, i), q.simplify),
	};
}
