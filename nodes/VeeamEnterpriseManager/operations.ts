import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { jobActionOperation, type JobActionName } from './actions';
import { latestReader, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { queryEntities } from './queryPages';
import { limitOf } from '../shared/validate';
import { buildFilter, sortOf } from './queryInput';
import { BACKUP_JOB_SESSION_FILTERS, CDP_TASK_SESSION_FILTERS, RESTORE_SESSION_FILTERS, type FilterField } from './queryFilters';
import { getRestorePoints } from './restorePoints';
import { restoreVmOperation } from './restores';
import { requireGuid } from './sessionId';
import { BACKUP_JOB_SESSION, CDP_TASK_SESSION, fromSession, RESTORE_SESSION, type SessionKind } from './status';
import { QUERY_PAGE_SIZE, VeeamApi, type ResponseFormat } from './transport';

/** A bound on Return All, should a server ignore `page` and repeat the same full page. */
const MAX_PAGES = 1000;

type Resource = 'cdpReplicaTaskSession' | 'backupJobSession' | 'restoreSession' | 'backupJob' | 'restorePoint';
type SessionResource = Exclude<Resource, 'backupJob' | 'restorePoint'>;

const KINDS: Record<SessionResource, { kind: SessionKind; filters: FilterField[] }> = {
	cdpReplicaTaskSession: { kind: CDP_TASK_SESSION, filters: CDP_TASK_SESSION_FILTERS },
	backupJobSession: { kind: BACKUP_JOB_SESSION, filters: BACKUP_JOB_SESSION_FILTERS },
	restoreSession: { kind: RESTORE_SESSION, filters: RESTORE_SESSION_FILTERS },
};

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const extra = ctx.getNodeParameter('options', 0, {}) as { responseFormat?: ResponseFormat };
	const api = await VeeamApi.connect(ctx, extra.responseFormat === 'xml' ? 'xml' : 'json', { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as Resource;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'backupJob') return await run(jobActionOperation(ctx, api, executionClock(ctx), operation as JobActionName));
	if (resource === 'restorePoint') {
		return await run(operation === 'restoreVm' ? restoreVmOperation(ctx, api, executionClock(ctx)) : getRestorePoints(ctx, api));
	}
	const { kind, filters } = KINDS[resource as SessionResource] ?? KINDS.cdpReplicaTaskSession;
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

interface GetManySettings {
	limit: number | undefined;
	filter: string;
	sort: { sortAsc: string } | { sortDesc: string };
	simplify: boolean;
}

/**
 * Get Many: the query API sorts and pages on the server; pages are read (side by side once the first
 * gives PagesCount) until the limit is reached or the server says there are no more (see queryEntities).
 */
function getMany(ctx: IExecuteFunctions, api: VeeamApi, kind: SessionKind, fields: FilterField[]): ListOperation<GetManySettings> {
	const settings = (i: number) => {
		const limit = limitOf(ctx, i);
		const filter = buildFilter(ctx, fields, ctx.getNodeParameter('filters', i, {}) as IDataObject, i);
		const sort = sortOf(ctx, i, kind.createdField);
		return { limit, filter, sort, simplify: simplifyOf(ctx, i) };
	};
	return {
		// Read once per item, handed to fetch.
		validate: settings,
		fetch: async (i, { limit, filter, sort, simplify }, spread) => {
			const pageSize = Math.min(limit ?? QUERY_PAGE_SIZE, QUERY_PAGE_SIZE);
			const entities = await queryEntities(api, kind.uidType, { filter, ...sort, pageSize }, { limit, maxPages: MAX_PAGES, spread }, i);
			const chosen = limit === undefined ? entities : entities.slice(0, limit);
			return chosen.map((entity) => fromSession(kind, entity, simplify));
		},
	};
}
