import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
import { readOffsetPages } from '../shared/offsetPages';
import { collectPages } from '../shared/paging';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { diskBackupOperation } from './actions';
import { executeCbr } from './cbrOperations';
import { listDiskBackups } from './diskBackups';
import { policyRunOperation } from './policyRun';
import { restoreOperation } from './restore';
import { limitOf, requireId, requireInteger } from '../shared/validate';
import { latestReader, taskReader, vbsJobReader, type LatestQuery, type TaskQuery, type VbsJobQuery } from './jobReads';
import { fromTask, policies, taskPage } from './status';
import { HuaweiVbsApi, MAX_TASK_LIMIT, TASK_PAGE_SIZE, type TaskQuery as TaskListQuery } from './transport';

/** Policy, task and VBS job ids are UUIDs or hex; the shape refuses `../`, `?` and typos before any request. */
export const POLICY_ID = { pattern: /^[A-Za-z0-9-]+$/, example: 'af8a20b0-117d-4fc3-ae53-aa3968a4f870' };
const TASK_ID = { pattern: /^[A-Za-z0-9-]+$/, example: '0781095c-b8ab-4ce5-99f3-4c5f6ff75319' };
const VBS_JOB_ID = { pattern: /^[A-Za-z0-9-]+$/, example: '4010b39b5281d3590152874bfa3b1604' };

/** Return All stops after this many pages (100 000 tasks) even if the count says more. */
const MAX_PAGES = 1000;

type Resource = 'backupPolicyTask' | 'backupPolicy' | 'backupJob' | 'diskBackup' | 'cbrTask' | 'cbrVault' | 'cbrBackup';

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	if (resource.startsWith('cbr')) return await executeCbr(ctx, options);
	const api = await HuaweiVbsApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'backupPolicy' && operation === 'runNow') return await run(policyRunOperation(ctx, api, executionClock(ctx), (i) => policyIdOf(ctx, i)));
	if (resource === 'backupPolicy') return await run(listPolicies(api));
	if (resource === 'backupJob') return await run(getVbsJob(ctx, api));
	if (resource === 'diskBackup' && operation === 'getAll') return await run(listDiskBackups(ctx, api));
	if (resource === 'diskBackup' && operation === 'restore') return await run(restoreOperation(ctx, api, executionClock(ctx)));
	if (resource === 'diskBackup') return await run(diskBackupOperation(ctx, api, executionClock(ctx)));
	if (operation === 'getAll') return await run(getManyTasks(ctx, api));
	if (operation === 'get') return await run(getTask(ctx, api));
	return await run(getLatestTask(ctx, api));
}

const simplifyOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('simplify', i, true) as boolean;

function policyIdOf(ctx: IExecuteFunctions, i: number): string {
	return requireId(ctx, ctx.getNodeParameter('policyId', i, '', { extractValue: true }), 'Backup Policy', i, POLICY_ID);
}

function getTask(ctx: IExecuteFunctions, api: HuaweiVbsApi): JobOperation<TaskQuery, TaskQuery> {
	const read = taskReader(ctx, api);
	return {
		query: (i) => ({ policyId: policyIdOf(ctx, i), jobId: requireId(ctx, ctx.getNodeParameter('jobId', i, ''), 'Task Job ID', i, TASK_ID), simplify: simplifyOf(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

/** The newest task first; a wait then follows that task by its job_id, not whatever is newest later. */
function getLatestTask(ctx: IExecuteFunctions, api: HuaweiVbsApi): JobOperation<LatestQuery, TaskQuery> {
	return {
		query: (i) => ({ policyId: policyIdOf(ctx, i), simplify: simplifyOf(ctx, i) }),
		read: latestReader(ctx, api),
		wait: { again: (q, job) => ({ policyId: q.policyId, jobId: job.jobId, simplify: q.simplify }), read: taskReader(ctx, api) },
	};
}

function getVbsJob(ctx: IExecuteFunctions, api: HuaweiVbsApi): JobOperation<VbsJobQuery, VbsJobQuery> {
	const read = vbsJobReader(api);
	return {
		query: (i) => ({ jobId: requireId(ctx, ctx.getNodeParameter('vbsJobId', i, ''), 'VBS Job ID', i, VBS_JOB_ID), simplify: simplifyOf(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

interface ManyQuery {
	policyId: string;
	/** Undefined: Return All. */
	limit: number | undefined;
	qs: TaskListQuery;
	simplify: boolean;
}

function manyQuery(ctx: IExecuteFunctions, i: number): ManyQuery {
	const policyId = policyIdOf(ctx, i);
	const limit = limitOf(ctx, i, MAX_TASK_LIMIT);
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const text = (name: string, field: string, shape: { pattern: RegExp; example: string }) => {
		const value = filters[name];
		return value === undefined || String(value).trim() === '' ? undefined : requireId(ctx, value, field, i, shape);
	};
	const status = filters.status === undefined || filters.status === '' ? undefined : String(filters.status);
	const sortDir = filters.sortDir === 'asc' ? 'asc' : 'desc';
	return {
		policyId,
		limit,
		simplify: simplifyOf(ctx, i),
		qs: {
			status,
			job_id: text('jobId', 'Job ID', TASK_ID),
			marker: text('marker', 'Marker', TASK_ID),
			offset: filters.offset === undefined ? undefined : requireInteger(ctx, filters.offset, 'Offset', i, { min: 0 }),
			sort_key: 'created_at',
			sort_dir: sortDir,
		},
	};
}

/**
 * The seed operation. Pages follow the answer's `count` (by offset, the pages after the first side by
 * side; with a Marker by moving the marker to each page's last task, one after another), whatever size
 * a page comes back in: VBS may answer fewer tasks than asked. With a Limit, the first request asks for
 * all of them, and later ones for the rest.
 */
function getManyTasks(ctx: IExecuteFunctions, api: HuaweiVbsApi): ListOperation<ManyQuery> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => manyQuery(ctx, i),
		fetch: async (i, q, spread) => {
			const tasks = q.qs.marker === undefined ? await tasksByOffset(api, q, i, spread) : await tasksByMarker(api, q, i);
			const chosen = q.limit === undefined ? tasks : tasks.slice(0, q.limit);
			return chosen.map((t) => fromTask(t, q.policyId, q.simplify));
		},
	};
}

async function tasksByOffset(api: HuaweiVbsApi, q: ManyQuery, i: number, spread: Spread): Promise<IDataObject[]> {
	return await readOffsetPages({
		start: q.qs.offset,
		pageSize: TASK_PAGE_SIZE,
		maxSize: MAX_TASK_LIMIT,
		limit: q.limit,
		maxPages: MAX_PAGES,
		spread,
		readAt: async (offset, size) => {
			const page = taskPage(await api.tasks(q.policyId, { ...q.qs, offset, limit: size }, i));
			return { records: page.tasks, total: page.count };
		},
	});
}

async function tasksByMarker(api: HuaweiVbsApi, q: ManyQuery, i: number): Promise<IDataObject[]> {
	let received = 0;
	return await collectPages(
		async (marker) => {
			const size = q.limit === undefined ? TASK_PAGE_SIZE : q.limit - received;
			const page = taskPage(await api.tasks(q.policyId, { ...q.qs, ...(marker !== undefined && { marker, offset: undefined }), limit: size }, i));
			received += page.tasks.length;
			const ended = page.tasks.length === 0 || received >= page.count;
			return { items: page.tasks, next: ended ? undefined : String(page.tasks.at(-1)?.job_id ?? '') };
		},
		{ limit: q.limit, maxPages: MAX_PAGES },
	);
}

function listPolicies(api: HuaweiVbsApi): ListOperation {
	return { fetch: async (i) => policies(await api.policies(i)) };
}
