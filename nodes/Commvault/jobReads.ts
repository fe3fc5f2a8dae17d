import { NodeOperationError, sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { listJobSummaries } from './jobList';
import { fromJobSummary, jobSummaries } from './status';
import { JOB_PAGE_SIZE, type CommvaultJobApi } from './transport';

export interface JobQuery {
	jobId: string;
	simplify: boolean;
}

/**
 * A job submitted a moment ago can be invisible (`totalRecordsWithoutPaging: 0`) for a few seconds;
 * the vendor SDK asks again with growing pauses. These are the pauses, about 7 s in all.
 */
const NOT_VISIBLE_PAUSES_MS = [500, 1500, 5000];

/** The bulk read lists the jobs of the last day: what waits and scheduled checks ask about. */
const BULK_LOOKUP_SECONDS = 24 * 3600;
const BULK_PAGES = 5;

const jobKey = (q: JobQuery) => `${q.simplify ? 'simple' : 'full'} ${q.jobId}`;

/** `GET /Job/{jobId}`, asked again briefly while the job is not visible yet. */
export async function readJob(ctx: IExecuteFunctions, api: CommvaultJobApi, jobId: string, simplify: boolean, itemIndex: number): Promise<JobStatus> {
	for (let attempt = 0; ; attempt++) {
		const summary = jobSummaries(await api.job(jobId, itemIndex)).find((s) => String(s.jobId) === jobId);
		if (summary) return fromJobSummary(summary, simplify);
		const pause = NOT_VISIBLE_PAUSES_MS[attempt];
		if (pause === undefined) {
			throw new NodeOperationError(ctx.getNode(), `Commvault has no job ${jobId} [item ${itemIndex}]`, {
				itemIndex,
				description: 'Commvault answered that no such job is visible to this account, also when asked again. Check the Job ID and that the account may see the job.',
			});
		}
		await sleep(pause);
	}
}

/**
 * Get: `GET /Job/{jobId}` alone, or the jobs of the last day from `GET /Job` (all categories and
 * types), whose `jobSummary` records are the ones `Job/{jobId}` returns, so the items are equal.
 * A job the list lacks (older, beyond the pages read, not visible yet) is read alone.
 */
export function jobReader(ctx: IExecuteFunctions, api: CommvaultJobApi): JobReader<JobQuery> {
	return {
		key: jobKey,
		readOne: async (q, i) => await readJob(ctx, api, q.jobId, q.simplify, i),
		bulk: {
			batchOf: () => 'jobs',
			maxSize: BULK_PAGES * JOB_PAGE_SIZE,
			readMany: async (queries, i, spread) => {
				const wanted = new Set(queries.map((q) => q.jobId));
				const qs = { jobCategory: 'All', completedJobLookupTime: BULK_LOOKUP_SECONDS, jobFilter: '' };
				const idOf = (summary: IDataObject) => String(summary.jobId);
				// The pages that can hold the jobs asked about go out together; none starts once all are in hand.
				const summaries = await listJobSummaries(api, qs, { maxPages: BULK_PAGES, seek: { ids: wanted, idOf }, spread }, i);
				const byId = new Map(summaries.map((s) => [idOf(s), s]));
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const summary = byId.get(q.jobId);
					if (summary) found.set(jobKey(q), fromJobSummary(summary as never, q.simplify));
				}
				return found;
			},
		},
	};
}
