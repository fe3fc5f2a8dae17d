import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { fromBackupJobDetails, fromBackupJobStatus, fromDetailsAsBackupJobStatus } from './status';
import type { VcenterBackupApi } from './transport';

/** The details call takes the ids in the query; 50 keep the URL well under any proxy's limit. */
export const DETAILS_CHUNK = 50;

/** One backup job, as Get and every wait round ask for it. */
export interface JobQuery {
	id: string;
	simplify: boolean;
}

/** The newest backup job (Get Latest). */
export interface LatestQuery {
	simplify: boolean;
}

/** Simplify shapes the item, so it is part of the question. */
const jobKey = (q: JobQuery) => `${q.simplify ? 'simple' : 'full'} ${q.id}`;

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * `DetailsInfo` of every id the appliance still knows. vCenter answers 404 for the whole list when
 * one id is unknown, so the list is split in halves until the unknown ids stand alone and are left
 * out (one typo costs about 2·log₂(50) calls, not 50); their single read then gives the real 404.
 * The halves are read one after the other: the caller holds one slot of Concurrent Requests.
 */
export async function knownDetails(api: VcenterBackupApi, ids: string[], itemIndex: number): Promise<Map<string, unknown>> {
	const answer = await api.details(ids, itemIndex).then(
		(details) => ({ details, error: undefined }),
		(error: unknown) => ({ details: undefined, error }),
	);
	if (answer.details) return answer.details;
	if (!isNotFound(answer.error)) throw answer.error;
	if (ids.length === 1) return new Map();
	const half = Math.ceil(ids.length / 2);
	const left = await knownDetails(api, ids.slice(0, half), itemIndex);
	const right = await knownDetails(api, ids.slice(half), itemIndex);
	return new Map([...left, ...right]);
}

/**
 * Get: `job/{id}` alone, or `job/details` for 50 simplified jobs at once (mapped to the item
 * `job/{id}` gives). A job the details answer lacks is read with `job/{id}`.
 */
export function jobReader(api: VcenterBackupApi): JobReader<JobQuery> {
	return {
		key: jobKey,
		readOne: async (q, i) => fromBackupJobStatus(await api.job(q.id, i), q.simplify),
		bulk: {
			batchOf: (q) => (q.simplify ? 'details' : undefined),
			maxSize: DETAILS_CHUNK,
			readMany: async (queries, i) => {
				const details = await knownDetails(api, queries.map((q) => q.id), i);
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					// A job left out (not in the details, or a status only job/{id} can translate) is read alone.
					const job = details.has(q.id) ? fromDetailsAsBackupJobStatus(q.id, details.get(q.id)) : undefined;
					if (job) found.set(jobKey(q), job);
				}
				return found;
			},
		},
	};
}

/** Get Details: `job/details`, one call for up to 50 jobs. */
export function detailsReader(ctx: IExecuteFunctions, api: VcenterBackupApi): JobReader<JobQuery> {
	return {
		key: jobKey,
		readOne: async (q, i) => {
			const details = await api.details([q.id], i);
			if (!details.has(q.id)) {
				throw new NodeOperationError(ctx.getNode(), `vCenter has no details for backup job ${q.id} [item ${i}]`, {
					itemIndex: i,
					description: 'Check the ID: the job may have been removed from the appliance history.',
				});
			}
			return fromBackupJobDetails(q.id, details.get(q.id), q.simplify);
		},
		bulk: {
			batchOf: () => 'details',
			maxSize: DETAILS_CHUNK,
			readMany: async (queries, i) => {
				const details = await knownDetails(api, queries.map((q) => q.id), i);
				const found = new Map<string, JobStatus>();
				for (const q of queries) if (details.has(q.id)) found.set(jobKey(q), fromBackupJobDetails(q.id, details.get(q.id), q.simplify));
				return found;
			},
		},
	};
}

/** Get Latest: the newest id of the job list, then its `job/{id}`; every item shares the answer. */
export function latestReader(ctx: IExecuteFunctions, api: VcenterBackupApi): JobReader<LatestQuery> {
	return {
		key: (q) => `latest ${q.simplify ? 'simple' : 'full'}`,
		readOne: async (q, i) => {
			const [newest] = await api.listJobIds(i);
			if (newest === undefined) {
				throw new NodeOperationError(ctx.getNode(), `vCenter has no backup jobs yet [item ${i}]`, {
					itemIndex: i,
					description: 'Start a backup in the appliance management interface (Backup > Backup Now) or wait for a scheduled one.',
				});
			}
			return fromBackupJobStatus(await api.job(newest, i), q.simplify);
		},
	};
}
