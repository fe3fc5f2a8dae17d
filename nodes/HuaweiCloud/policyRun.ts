import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import type { WaitClock } from '../shared/waitForJobs';
import { taskReader, type TaskQuery } from './jobReads';
import { fromTask, policies, taskPage } from './status';
import { MAX_TASK_LIMIT, TASK_PAGE_SIZE, type HuaweiVbsApi } from './transport';

export interface PolicyRunRequest {
	policyId: string;
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** What a Run Now finds its tasks by: the tasks listed before it, how many disks it backs up. */
interface Listed {
	/** Task ids on the newest page before the start: none of them is the start's. */
	seen: Set<string>;
	/** The disks bound to the policy: one task each. */
	disks: number;
	/** How many tasks a page holds, the same before and after, so an older task never looks new. */
	pageSize: number;
	/** Looks so far (see `find`). */
	looks: number;
}

const NEWEST_FIRST = { sort_key: 'created_at', sort_dir: 'desc' } as const;
const FIND_TRIES = 5;

/**
 * Backup Policy → Run Now (`POST …/backuppolicy/{policy_id}/action`). VBS answers 204 and names
 * nothing; the run shows as one new task per disk of the policy. Before the start the node reads the
 * policy (its disk count) and the newest page of its tasks; afterwards the tasks on the same page that
 * were not there are the run's. VBS runs a policy once at a time (it refuses AutoBackup.0225 "The
 * policy is being executed" while a task is unfinished), so no other client's run can be among them.
 * Every task is an output item, waited for on its own.
 */
export function policyRunAction(ctx: IExecuteFunctions, api: HuaweiVbsApi): StartAction<PolicyRunRequest, TaskQuery, Listed> {
	const refOf = (r: PolicyRunRequest, jobId: unknown): TaskQuery => ({ policyId: r.policyId, jobId: String(jobId), simplify: r.simplify });
	const newestTasks = async (r: PolicyRunRequest, limit: number, i: number) => taskPage(await api.tasks(r.policyId, { ...NEWEST_FIRST, limit }, i)).tasks;
	return {
		key: (r) => `${r.policyId} ${r.simplify}`,
		before: async (r, i) => {
			const policy = policies(await api.policies(i)).find((p) => p.policyId === r.policyId);
			if (!policy) {
				throw new NodeOperationError(ctx.getNode(), `The project has no backup policy ${r.policyId}; nothing was started [item ${i}]`, {
					itemIndex: i,
					description: 'Choose the Backup Policy From List, or check its ID under Volume Backup Service > Backup Policies.',
				});
			}
			const disks = typeof policy.resourceCount === 'number' ? policy.resourceCount : 1;
			if (disks === 0) {
				throw new NodeOperationError(ctx.getNode(), `The backup policy ${r.policyId} has no disks; nothing was started [item ${i}]`, {
					itemIndex: i,
					description: 'Associate disks with the policy first: a run of a policy without disks backs up nothing.',
				});
			}
			const pageSize = Math.min(MAX_TASK_LIMIT, Math.max(TASK_PAGE_SIZE, 2 * disks));
			const tasks = await newestTasks(r, pageSize, i);
			const running = tasks.filter((t) => !fromTask(t, r.policyId, true).isFinished).map((t) => refOf(r, t.job_id));
			return { running, snapshot: { seen: new Set(tasks.map((t) => String(t.job_id))), disks, pageSize, looks: 0 } };
		},
		start: async (r, i) => {
			await api.runPolicy(r.policyId, i);
			return undefined;
		},
		// A task per disk may take a moment to be listed: until all are, ask again; the last look takes what there is.
		find: async (r, listed, i) => {
			listed.looks++;
			const fresh = (await newestTasks(r, listed.pageSize, i)).filter((t) => !listed.seen.has(String(t.job_id)));
			if (fresh.length < listed.disks && listed.looks < FIND_TRIES) return undefined;
			return fresh.map((t) => refOf(r, t.job_id));
		},
		read: taskReader(ctx, api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'the policy\'s backup tasks in the Huawei Cloud console (Volume Backup Service > Backup Policies)',
		findTries: FIND_TRIES,
		findPauseMs: 2000,
	};
}

export function policyRunOperation(ctx: IExecuteFunctions, api: HuaweiVbsApi, clock: WaitClock, policyIdOf: (i: number) => string): JobOperation<PolicyRunRequest, TaskQuery> {
	return {
		query: (i) => ({ policyId: policyIdOf(i), simplify: ctx.getNodeParameter('simplify', i, true) as boolean, ifAlreadyRunning: readIfAlreadyRunning(ctx, i) }),
		read: startReader(ctx, policyRunAction(ctx, api), clock),
		wait: { again: (r, job) => ({ policyId: r.policyId, jobId: job.jobId, simplify: r.simplify }), read: taskReader(ctx, api) },
	};
}
