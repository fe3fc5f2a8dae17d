import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { cancelOperation, startOperation } from './actions';
import { cancelRestoreOperation, getRestoreOperation, startRestoreOperation } from './restoreJob';
import { limitOf, requireId } from '../shared/validate';
import { DETAILS_CHUNK, detailsReader, jobReader, latestReader, type JobQuery, type LatestQuery } from './jobReads';
import { fromBackupJobDetails } from './status';
import { VcenterBackupApi } from './transport';

type Operation = 'get' | 'getAll' | 'getLatest' | 'getDetails' | 'start' | 'cancel';

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const api = await VcenterBackupApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const operation = ctx.getNodeParameter('operation', 0) as Operation;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) =>
		await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (ctx.getNodeParameter('resource', 0, 'backupJob') === 'restoreJob') {
		if (operation === 'start') return await run(startRestoreOperation(ctx, api, executionClock(ctx)));
		if (operation === 'cancel') return await run(cancelRestoreOperation(ctx, api));
		return await run(getRestoreOperation(ctx, api));
	}
	switch (operation) {
		case 'getAll':
			return await run(getAll(ctx, api));
		case 'getLatest':
			return await run(getLatest(ctx, api));
		case 'getDetails':
			return await run(getDetails(ctx, api));
		case 'start':
			return await run(startOperation(ctx, api, executionClock(ctx)));
		case 'cancel':
			return await run(cancelOperation(ctx, api));
		default:
			return await run(get(ctx, api));
	}
}

function simplify(ctx: IExecuteFunctions, i: number): boolean {
	return ctx.getNodeParameter('simplify', i, true) as boolean;
}

function jobQuery(ctx: IExecuteFunctions, i: number): JobQuery {
	const id = requireId(ctx, ctx.getNodeParameter('jobId', i, '', { extractValue: true }), 'Backup Job', i);
	return { id, simplify: simplify(ctx, i) };
}

/** Get and Get Latest both wait on `job/{id}` of the job they found, in bulk where they can. */
function get(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<JobQuery, JobQuery> {
	const read = jobReader(api);
	return { query: (i) => jobQuery(ctx, i), read, wait: { again: (q) => q, read } };
}

function getLatest(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<LatestQuery, JobQuery> {
	return {
		query: (i) => ({ simplify: simplify(ctx, i) }),
		read: latestReader(ctx, api),
		wait: { again: (q, job) => ({ id: job.jobId, simplify: q.simplify }), read: jobReader(api) },
	};
}

function getDetails(ctx: IExecuteFunctions, api: VcenterBackupApi): JobOperation<JobQuery, JobQuery> {
	return { query: (i) => jobQuery(ctx, i), read: detailsReader(ctx, api) };
}

function getAll(ctx: IExecuteFunctions, api: VcenterBackupApi): ListOperation<{ limit: number | undefined; simple: boolean }> {
	return {
		// Each parameter read once per item: Simplify was read again for every one of 10,000 jobs.
		validate: (i) => ({ limit: limitOf(ctx, i), simple: simplify(ctx, i) }),
		fetch: async (i, { limit, simple }, spread) => {
			const ids = await api.listJobIds(i);
			const chosen = limit === undefined ? ids : ids.slice(0, limit);
			const chunks: string[][] = [];
			for (let start = 0; start < chosen.length; start += DETAILS_CHUNK) chunks.push(chosen.slice(start, start + DETAILS_CHUNK));
			// The chunks do not depend on each other: 10,000 jobs are 200 calls, side by side within
			// Concurrent Requests. Each answer becomes items as it arrives, so no raw answer outlives its chunk.
			const jobs = await spread(
				chunks.map((chunk) => async () => {
					const details = await api.details(chunk, i);
					// A job pruned between the two calls has no details: leave it out rather than invent one.
					return chunk.filter((id) => details.has(id)).map((id): JobStatus => fromBackupJobDetails(id, details.get(id), simple));
				}),
			);
			return jobs.flat();
		},
	};
}
