import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { textOf } from '../shared/shape';
import { listAll } from './listPages';
import { VbrApi } from './transport';

/** Jobs read for the list at most; the search text then narrows them here. */
const MAX_JOBS = 1000;
/** Requests for the list at most: room for a server whose pages are far smaller than asked. */
const MAX_PAGES = 50;

/** The jobs for the Job locator, from `GET /api/v1/jobs`, by name. */
export async function searchJobs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await VbrApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const jobs = await listAll(async (skip, limit) => await api.jobs({ skip, limit }), 'jobs', { limit: MAX_JOBS, maxPages: MAX_PAGES });
	const results = jobs
		.map((job) => ({ id: textOf(job.id).toLowerCase(), name: textOf(job.name) }))
		.filter((job) => job.id !== '' && (job.name || job.id).toLowerCase().includes(needle))
		.map((job) => ({ name: job.name || job.id, value: job.id }));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
