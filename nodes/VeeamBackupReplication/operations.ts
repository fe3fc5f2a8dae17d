import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { limitOf } from '../shared/validate';
import { jobActionOperation } from './actions';
import { requireGuid } from './ids';
import { getJobStates, getJobs } from './jobs';
import { followSession, latestReader, sessionReader, type LatestQuery, type SessionQuery } from './jobReads';
import { listAll } from './listPages';
import { sessionQuery } from './sessionFilters';
import { fromSession } from './status';
import { VbrApi, type JobActionName } from './transport';

/** A bound on Return All, should a server ignore `skip` and repeat the same page. */
const MAX_PAGES = 1000;

export async function execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = readRunOptions(ctx);
	const api = await VbrApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'job') {
		if (operation === 'getAll') return await run(getJobs(ctx, api));
		if (operation === 'getState') return await run(getJobStates(ctx, api));
		return await run(jobActionOperation(ctx, api, executionClock(ctx), operation as JobActionName));
	}
	if (operation === 'getAll') return await run(getSessions(ctx, api));
	if (operation === 'getLatest') return await run(getLatest(ctx, api));
	return await run(getSession(ctx, api));
}

const simplifyOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('simplify', i, true) as boolean;

function getSession(ctx: IExecuteFunctions, api: VbrApi): JobOperation<SessionQuery, SessionQuery> {
	const read = sessionReader(api);
	return {
		query: (i) => ({ sessionId: requireGuid(ctx, ctx.getNodeParameter('sessionId', i, ''), 'Session ID', i), simplify: simplifyOf(ctx, i) }),
		read,
		wait: { again: (q) => q, read },
	};
}

function getLatest(ctx: IExecuteFunctions, api: VbrApi): JobOperation<LatestQuery, SessionQuery> {
	return {
		query: (i) => ({ jobId: requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', i), simplify: simplifyOf(ctx, i) }),
		read: latestReader(ctx, api),
		wait: { again: followSession, read: sessionReader(api) },
	};
}

/**
 * Session → Get Many: the server filters, sorts and pages; pages are read, each skipping what came so
 * far, until the limit or the answer's total is reached.
 */
function getSessions(ctx: IExecuteFunctions, api: VbrApi): ListOperation<{ limit: number | undefined; qs: ReturnType<typeof sessionQuery>; simplify: boolean }> {
	const settings = (i: number) => ({ limit: limitOf(ctx, i), qs: sessionQuery(ctx, i), simplify: simplifyOf(ctx, i) });
	return {
		// Read once per item, handed to fetch.
		validate: settings,
		fetch: async (i, { limit, qs, simplify }, spread) => {
			const sessions = await listAll(async (skip, pageLimit) => await api.sessions({ ...qs, skip, limit: pageLimit }, i), 'sessions', { limit, maxPages: MAX_PAGES, spread });
			return (limit === undefined ? sessions : sessions.slice(0, limit)).map((s) => fromSession(s, simplify));
		},
	};
}
