import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
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

/**
 * Get (and every wait round): one task by `job_id`, or, for several tasks of one policy, the newest
 * page of its task list, which holds the tasks a wait is about; a task the page lacks is read alone.
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
			maxSize: TASK_PAGE_SIZE,
			readMany: async (queries, i) => {
				const { tasks } = taskPage(await api.tasks(queries[0].policyId, { ...NEWEST_FIRST, limit: TASK_PAGE_SIZE }, i));
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
