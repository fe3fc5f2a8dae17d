import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import type { JobOperation, ListOperation } from '../shared/runItems';
import { textOf } from '../shared/shape';
import { isoToMs } from '../shared/time';
import { requireId, requireInteger } from '../shared/validate';
import { readCbrPages, type CbrPaging } from './cbrPaging';
import { CBR_ID, cbrFilterReader, cbrLimitOf } from './cbrQuery';
import { fromOperationLog, operationLogOf } from './cbrStatus';
import type { HuaweiCbrApi } from './cbrTransport';

export interface CbrTaskQuery {
	taskId: string;
	simplify: boolean;
}

/** Get and every wait round: `GET /v3/{project_id}/operation-logs/{operation_log_id}`. */
export function cbrTaskReader(api: HuaweiCbrApi): JobReader<CbrTaskQuery> {
	return {
		key: (q) => `${q.simplify ? 'simple' : 'full'} cbr ${q.taskId}`,
		readOne: async (q, i) => fromOperationLog(operationLogOf(await api.operationLog(q.taskId, i)), q.simplify),
	};
}

export function getCbrTask(ctx: IExecuteFunctions, api: HuaweiCbrApi): JobOperation<CbrTaskQuery, CbrTaskQuery> {
	const read = cbrTaskReader(api);
	return {
		query: (i) => ({
			taskId: requireId(ctx, ctx.getNodeParameter('cbrTaskId', i, ''), 'Task ID', i, CBR_ID),
			simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		}),
		read,
		wait: { again: (q) => q, read },
	};
}

/** The tasks that match `qs`, page after page (see readCbrPages). */
export async function readTaskPages(api: HuaweiCbrApi, qs: IDataObject, paging: CbrPaging & { itemIndex?: number }): Promise<IDataObject[]> {
	return await readCbrPages(async (page) => await api.operationLogs({ ...qs, ...page }, paging.itemIndex), 'operation_logs', 'CBR tasks', paging);
}

/** Newest first by start (or creation) time; tasks without a time last, in the order CBR sent them. */
export function newestFirst(jobs: JobStatus[]): JobStatus[] {
	const at = (job: JobStatus) => (job.startedAt === null ? Number.NEGATIVE_INFINITY : isoToMs(job.startedAt));
	return jobs.map((job, n) => ({ job, n })).sort((a, b) => at(b.job) - at(a.job) || a.n - b.n).map((e) => e.job);
}

interface ManyQuery {
	limit: number | undefined;
	start: number;
	qs: IDataObject;
	simplify: boolean;
}

function manyQuery(ctx: IExecuteFunctions, i: number): ManyQuery {
	const filters = ctx.getNodeParameter('cbrTaskFilters', i, {}) as IDataObject;
	const { id, time } = cbrFilterReader(ctx, filters, i);
	return {
		limit: cbrLimitOf(ctx, i),
		start: filters.offset === undefined ? 0 : requireInteger(ctx, filters.offset, 'Offset', i, { min: 0 }),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		qs: {
			operation_type: textOf(filters.operationType) || undefined,
			status: textOf(filters.status) || undefined,
			vault_id: id('vaultId', 'Vault ID'),
			resource_id: id('resourceId', 'Resource ID'),
			provider_id: id('providerId', 'Backup Type'),
			start_time: time('startTime', 'Start Time'),
			end_time: time('endTime', 'End Time'),
		},
	};
}

/** CBR Task → Get Many: `GET /v3/{project_id}/operation-logs` with the console's filters, newest first. */
export function listCbrTasks(ctx: IExecuteFunctions, api: HuaweiCbrApi): ListOperation<ReturnType<typeof manyQuery>> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => manyQuery(ctx, i),
		fetch: async (i, q, spread) => {
			const logs = await readTaskPages(api, q.qs, { limit: q.limit, start: q.start, itemIndex: i, spread });
			return newestFirst(logs.map((log) => fromOperationLog(log, q.simplify)));
		},
	};
}
