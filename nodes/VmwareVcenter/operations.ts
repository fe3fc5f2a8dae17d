import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { readRunOptions } from '../shared/properties';
import { runItems, type ItemOperation } from '../shared/runItems';
import { requireId, requireInteger } from '../shared/validate';
import { fromBackupJobDetails, fromBackupJobStatus } from './status';
import { VcenterBackupApi } from './transport';

/** The details call takes the ids in the query; chunks keep the URL well under any proxy's limit. */
const DETAILS_CHUNK = 50;

type Operation = 'get' | 'getAll' | 'getLatest' | 'getDetails';

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const api = await VcenterBackupApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const operation = ctx.getNodeParameter('operation', 0) as Operation;
	return await runItems(ctx, operations[operation](ctx, api), options.concurrency);
}

function simplify(ctx: IExecuteFunctions, i: number): boolean {
	return ctx.getNodeParameter('simplify', i, true) as boolean;
}

function jobIdOf(ctx: IExecuteFunctions, i: number): string {
	return requireId(ctx, ctx.getNodeParameter('jobId', i, '', { extractValue: true }), 'Backup Job', i);
}

/** Polls `job/{id}` again: the call Get and Get Latest both wait on. */
function refreshJob(ctx: IExecuteFunctions, api: VcenterBackupApi): ItemOperation['refresh'] {
	return async (i: number, job: JobStatus) => fromBackupJobStatus(await api.job(job.jobId, i), simplify(ctx, i));
}

const operations: Record<Operation, (ctx: IExecuteFunctions, api: VcenterBackupApi) => ItemOperation> = {
	get: (ctx, api) => ({
		fetch: async (i) => [fromBackupJobStatus(await api.job(jobIdOf(ctx, i), i), simplify(ctx, i))],
		refresh: refreshJob(ctx, api),
	}),

	getLatest: (ctx, api) => ({
		fetch: async (i) => {
			const [newest] = await api.listJobIds(i);
			if (newest === undefined) {
				throw new NodeOperationError(ctx.getNode(), `vCenter has no backup jobs yet [item ${i}]`, {
					itemIndex: i,
					description: 'Start a backup in the appliance management interface (Backup > Backup Now) or wait for a scheduled one.',
				});
			}
			return [fromBackupJobStatus(await api.job(newest, i), simplify(ctx, i))];
		},
		refresh: refreshJob(ctx, api),
	}),

	getAll: (ctx, api) => ({
		fetch: async (i) => {
			const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
			const ids = await api.listJobIds(i);
			const chosen = returnAll ? ids : ids.slice(0, requireInteger(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', i, { min: 1 }));
			const jobs: JobStatus[] = [];
			for (let start = 0; start < chosen.length; start += DETAILS_CHUNK) {
				const chunk = chosen.slice(start, start + DETAILS_CHUNK);
				const details = await api.details(chunk, i);
				// A job pruned between the two calls has no details: leave it out rather than invent one.
				for (const id of chunk) if (details.has(id)) jobs.push(fromBackupJobDetails(id, details.get(id), simplify(ctx, i)));
			}
			return jobs;
		},
	}),

	getDetails: (ctx, api) => ({
		fetch: async (i) => {
			const id = jobIdOf(ctx, i);
			const details = await api.details([id], i);
			if (!details.has(id)) {
				throw new NodeOperationError(ctx.getNode(), `vCenter has no details for backup job ${id} [item ${i}]`, {
					itemIndex: i,
					description: 'Check the ID: the job may have been removed from the appliance history.',
				});
			}
			return [fromBackupJobDetails(id, details.get(id), simplify(ctx, i))];
		},
	}),
};
