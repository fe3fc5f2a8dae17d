import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { backUpOperation, JOB_ACTIONS, jobActionOperation, type JobActionName } from './actions';
import { limitOf, requireId, requireInteger } from '../shared/validate';
import { jobReader, readJob, type JobQuery } from './jobReads';
import { listJobSummaries } from './jobList';
import { drGroups, drJobRecords, fromDrStats, fromJobSummary } from './status';
import { restoreFilesOperation } from './restore';
import { CommvaultJobApi, type DrApiVersion, type ResponseFormat } from './transport';

/** Commvault's ids are whole numbers; checking the shape refuses `../`, `-1` and typos before any request. */
const NUMERIC_ID = { pattern: /^\d+$/, example: '2416 (a whole number)' };

type Resource = 'job' | 'drGroupJob' | 'drGroup' | 'subclient' | 'restore';

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const extra = ctx.getNodeParameter('options', 0, {}) as { responseFormat?: ResponseFormat; apiVersion?: DrApiVersion };
	const api = await CommvaultJobApi.connect(
		ctx,
		{ format: extra.responseFormat === 'xml' ? 'xml' : 'json', drVersion: extra.apiVersion ?? 'auto' },
		{ timeoutMs: options.requestTimeoutMs },
	);
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'drGroup') return await run(listDrGroups(api));
	if (resource === 'drGroupJob') {
		return ctx.getNodeParameter('waitForCompletion', 0, false) === true ? await run(waitDrJob(ctx, api)) : await run(drStatistics(ctx, api));
	}
	if (resource === 'subclient') return await run(backUpOperation(ctx, api, executionClock(ctx)));
	if (resource === 'restore') return await run(restoreFilesOperation(ctx, api, executionClock(ctx)));
	if (Object.hasOwn(JOB_ACTIONS, operation)) return await run(jobActionOperation(ctx, api, operation as JobActionName));
	return operation === 'getAll' ? await run(getMany(ctx, api)) : await run(getJob(ctx, api));
}

const simplifyOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('simplify', i, true) as boolean;

function idOf(ctx: IExecuteFunctions, name: string, field: string, i: number, required: boolean): string | undefined {
	const value = ctx.getNodeParameter(name, i, '', name === 'drGroupId' ? { extractValue: true } : undefined);
	if (!required && (value === undefined || value === null || String(value).trim() === '')) return undefined;
	return requireId(ctx, value, field, i, NUMERIC_ID);
}

function getJob(ctx: IExecuteFunctions, api: CommvaultJobApi): JobOperation<JobQuery, JobQuery> {
	const read = jobReader(ctx, api);
	return {
		query: (i) => ({ jobId: idOf(ctx, 'jobId', 'Job ID', i, true) as string, simplify: simplifyOf(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

interface DrQuery {
	jobId?: string;
	drGroupId?: string;
	replicationId?: string;
	clientId?: string;
	simplify: boolean;
}

function drQuery(ctx: IExecuteFunctions, i: number, jobRequired: boolean): DrQuery {
	return {
		jobId: idOf(ctx, 'drJobId', 'Job ID', i, jobRequired),
		drGroupId: idOf(ctx, 'drGroupId', 'DR Group', i, false),
		replicationId: idOf(ctx, 'replicationId', 'Replication ID', i, false),
		clientId: idOf(ctx, 'drClientId', 'Client ID', i, false),
		simplify: simplifyOf(ctx, i),
	};
}

/** The DR job's phases, with its overall state from `GET /Job/{jobId}`. */
async function drJobStatus(ctx: IExecuteFunctions, api: CommvaultJobApi, q: DrQuery, i: number): Promise<JobStatus> {
	const job = await readJob(ctx, api, q.jobId as string, true, i);
	const records = drJobRecords(await api.drJobStats(q, i));
	const status = fromDrStats(records, job, q.simplify);
	return status;
}

/** Without Wait: one item for the job asked for, or one per DR job when no Job ID is given. */
function drStatistics(ctx: IExecuteFunctions, api: CommvaultJobApi): ListOperation<DrQuery> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => drQuery(ctx, i, false),
		fetch: async (i, q) => {
			if (q.jobId !== undefined) return [await drJobStatus(ctx, api, q, i)];
			const byJob = new Map<string, IDataObject[]>();
			for (const record of drJobRecords(await api.drJobStats(q, i))) {
				const key = String(record.jobId ?? '');
				byJob.set(key, [...(byJob.get(key) ?? []), record]);
			}
			return [...byJob.values()].map((records) => fromDrStats(records, undefined, q.simplify));
		},
	};
}

/** With Wait: every round reads the job and its statistics; items asking the same get one read. */
function waitDrJob(ctx: IExecuteFunctions, api: CommvaultJobApi): JobOperation<DrQuery, DrQuery> {
	const read = {
		key: (q: DrQuery) => JSON.stringify(q),
		readOne: async (q: DrQuery, i: number) => await drJobStatus(ctx, api, q, i),
	};
	return { query: (i) => drQuery(ctx, i, true), read, wait: { again: (q) => q, read } };
}

function listQuery(ctx: IExecuteFunctions, i: number): IDataObject {
	const hours = requireInteger(ctx, ctx.getNodeParameter('lookupHours', i, 24), 'Lookup Window (Hours)', i, { min: 1, max: 8760 });
	const filters = ctx.getNodeParameter('filters', i, {}) as { clientId?: string; jobTypes?: string[] };
	const clientId = filters.clientId === undefined || String(filters.clientId).trim() === '' ? undefined : requireId(ctx, filters.clientId, 'Client ID', i, NUMERIC_ID);
	return {
		jobCategory: ctx.getNodeParameter('jobCategory', i, 'All') as string,
		completedJobLookupTime: hours * 3600,
		jobFilter: (filters.jobTypes ?? []).join(','),
		clientId,
	};
}

/** Newest first: by start time, then by job id (ids grow with submission). */
function newestFirst(jobs: JobStatus[]): JobStatus[] {
	return [...jobs].sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || Number(b.jobId) - Number(a.jobId));
}

/** A bound on Return All, should a server ignore `offset` and repeat the same page. */
const MAX_PAGES = 1000;

function getMany(ctx: IExecuteFunctions, api: CommvaultJobApi): ListOperation<{ limit: number | undefined; qs: IDataObject; simplify: boolean }> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => ({ limit: limitOf(ctx, i), qs: listQuery(ctx, i), simplify: simplifyOf(ctx, i) }),
		fetch: async (i, { limit, qs, simplify }, spread) => {
			// The server's order is not documented, so every page is read (side by side) before sorting.
			const summaries = await listJobSummaries(api, qs, { maxPages: MAX_PAGES, spread }, i);
			const sorted = newestFirst(summaries.map((summary) => fromJobSummary(summary, simplify)));
			return limit === undefined ? sorted : sorted.slice(0, limit);
		},
	};
}

function listDrGroups(api: CommvaultJobApi): ListOperation {
	return { fetch: async (i) => drGroups(await api.drGroups(i)) };
}
