import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { jobActionOperation, type JobActionName } from './actions';
import { formatIsoUtc } from '../shared/time';
import { requireDateTime, requireInteger } from '../shared/validate';
import { allOf, anyOf, compare } from './filters';
import { latestReader, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { queryEntities } from './queryPages';
import { BACKUP_JOB_SESSION_FILTERS, CDP_TASK_SESSION_FILTERS, type FilterField } from './queryFilters';
import { requireGuid } from './sessionId';
import { BACKUP_JOB_SESSION, CDP_TASK_SESSION, fromSession, type SessionKind } from './status';
import { QUERY_PAGE_SIZE, VeeamApi, type ResponseFormat } from './transport';

/** A bound on Return All, should a server ignore `page` and repeat the same full page. */
const MAX_PAGES = 1000;

type Resource = 'cdpReplicaTaskSession' | 'backupJobSession' | 'backupJob';

const KINDS: Record<Exclude<Resource, 'backupJob'>, { kind: SessionKind; filters: FilterField[] }> = {
	cdpReplicaTaskSession: { kind: CDP_TASK_SESSION, filters: CDP_TASK_SESSION_FILTERS },
	backupJobSession: { kind: BACKUP_JOB_SESSION, filters: BACKUP_JOB_SESSION_FILTERS },
};

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const extra = ctx.getNodeParameter('options', 0, {}) as { responseFormat?: ResponseFormat };
	const api = await VeeamApi.connect(ctx, extra.responseFormat === 'xml' ? 'xml' : 'json', { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'backupJob') return await run(jobActionOperation(ctx, api, executionClock(ctx), operation as JobActionName));
	const { kind, filters } = KINDS[resource as Exclude<Resource, 'backupJob'>] ?? KINDS.cdpReplicaTaskSession;
	if (operation === 'getAll') return await run(getMany(ctx, api, kind, filters));
	if (operation === 'getLatest') return await run(getLatest(ctx, api));
	return await run(getSession(ctx, api, kind));
}

const simplifyOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('simplify', i, true) as boolean;

function getSession(ctx: IExecuteFunctions, api: VeeamApi, kind: SessionKind): JobOperation<SessionQuery, SessionQuery> {
	const read = sessionReader(api);
	return {
		query: (i) => ({ kind, guid: requireGuid(ctx, ctx.getNodeParameter('sessionId', i, ''), 'Session ID', kind.uidType, i), simplify: simplifyOf(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

function getLatest(ctx: IExecuteFunctions, api: VeeamApi): JobOperation<LatestQuery, SessionQuery> {
	return {
		query: (i) => ({
			jobGuid: requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', 'Job', i),
			simplify: simplifyOf(ctx, i),
		}),
		read: latestReader(ctx, api),
		// Once found, the wait follows that session by its ID: a newer run must not replace it.
		wait: { again: (q, job: JobStatus) => ({ kind: BACKUP_JOB_SESSION, guid: job.jobId, simplify: q.simplify }), read: sessionReader(api) },
	};
}

/** A date-time filter as Veeam compares it: ISO 8601 UTC. Zone-less values are in the workflow's zone. */
function isoOf(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	return formatIsoUtc(requireDateTime(ctx, value, field, i, ctx.getTimezone()));
}

/** The item's Filters as one query filter; every value quoted (filters.ts). */
export function buildFilter(ctx: IExecuteFunctions, fields: FilterField[], given: IDataObject, i: number): string {
	const conditions = fields.map((f) => {
		const value = given[f.name];
		if (value === undefined || value === null || value === '') return undefined;
		switch (f.kind) {
			case 'anyOf': {
				const values = (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter((v) => v !== '');
				return values.length > 0 ? anyOf(f.field, values) : undefined;
			}
			case 'after':
				return compare(f.field, '>=', isoOf(ctx, value, f.displayName, i));
			case 'before':
				return compare(f.field, '<=', isoOf(ctx, value, f.displayName, i));
			case 'boolean':
				return compare(f.field, '==', value === true || value === 'true' ? 'true' : 'false');
			default:
				return String(value).trim() === '' ? undefined : compare(f.field, '==', String(value).trim());
		}
	});
	return allOf(conditions);
}

function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) === true) return undefined;
	return requireInteger(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', i, { min: 1 });
}

/**
 * Get Many: the query API sorts and pages on the server; pages are read until the limit is reached
 * or the server says there are no more (see queryEntities).
 */
function getMany(ctx: IExecuteFunctions, api: VeeamApi, kind: SessionKind, fields: FilterField[]): ListOperation {
	const settings = (i: number) => {
		const limit = limitOf(ctx, i);
		const filter = buildFilter(ctx, fields, ctx.getNodeParameter('filters', i, {}) as IDataObject, i);
		const sort = ctx.getNodeParameter('sort', i, 'newestFirst') === 'oldestFirst' ? { sortAsc: kind.createdField } : { sortDesc: kind.createdField };
		return { limit, filter, sort };
	};
	return {
		validate: (i) => {
			settings(i);
		},
		fetch: async (i) => {
			const { limit, filter, sort } = settings(i);
			const simplify = simplifyOf(ctx, i);
			const pageSize = Math.min(limit ?? QUERY_PAGE_SIZE, QUERY_PAGE_SIZE);
			const entities = await queryEntities(api, kind.uidType, { filter, ...sort, pageSize }, { limit, maxPages: MAX_PAGES }, i);
			const chosen = limit === undefined ? entities : entities.slice(0, limit);
			return chosen.map((entity) => fromSession(kind, entity, simplify));
		},
	};
}
