import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { ListOperation } from '../shared/runItems';
import { textOf } from '../shared/shape';
import { limitOf } from '../shared/validate';
import { requireGuid } from './ids';
import { listAll } from './listPages';
import { PRODUCT } from './status';
import type { VbrApi } from './transport';

/** A bound on Return All, should a server ignore `skip` and repeat the same page. */
const MAX_PAGES = 500;

/** Job states read for Get State at most: every job of a large server, in a bounded number of requests. */
const MAX_STATE_PAGES = 50;

/** Job → Get Many: `GET /api/v1/jobs`, the jobs as the API describes them. */
export function getJobs(ctx: IExecuteFunctions, api: VbrApi): ListOperation<{ limit: number | undefined; qs: IDataObject }> {
	const settings = (i: number): { limit: number | undefined; qs: IDataObject } => {
		const name = textOf((ctx.getNodeParameter('jobFilters', i, {}) as IDataObject).name);
		return { limit: limitOf(ctx, i), qs: name === '' ? {} : { nameFilter: name } };
	};
	return {
		// Read once per item, handed to fetch.
		validate: settings,
		fetch: async (i, { limit, qs }, spread) => {
			const jobs = await listAll(async (skip, pageLimit) => await api.jobs({ ...qs, skip, limit: pageLimit }, i), 'jobs', { limit, maxPages: MAX_PAGES, spread });
			return limit === undefined ? jobs : jobs.slice(0, limit);
		},
	};
}

/**
 * Job → Get State: the job's record of `GET /api/v1/jobs/states` (status, last result, last and next
 * run). The list is read once per execution, however many items ask, and each item picks its job.
 */
export function getJobStates(ctx: IExecuteFunctions, api: VbrApi): ListOperation {
	let states: Promise<Map<string, IDataObject>> | undefined;
	const readStates = async (i: number) => {
		const list = await listAll(async (skip, limit) => await api.jobStates({ skip, limit }, i), 'job states', { maxPages: MAX_STATE_PAGES });
		return new Map(list.map((state) => [textOf(state.id).toLowerCase(), state]));
	};
	const jobOf = (i: number) => requireGuid(ctx, ctx.getNodeParameter('job', i, '', { extractValue: true }), 'Job', i);
	return {
		validate: (i) => {
			jobOf(i);
		},
		fetch: async (i) => {
			const jobId = jobOf(i);
			if (!states) {
				const reading = readStates(i);
				states = reading;
				// A failed read is not kept: the next item (Continue On Fail) asks again.
				reading.then(undefined, () => {
					if (states === reading) states = undefined;
				});
			}
			const state = (await states).get(jobId);
			if (state) return [state];
			throw new NodeOperationError(ctx.getNode(), `${PRODUCT} has no job with the ID ${jobId} [item ${i}]`, {
				itemIndex: i,
				description: 'Pick the job from the list, or check its ID in the console (Home > Jobs).',
			});
		},
	};
}
