import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { textOf } from '../shared/shape';
import { field } from './documents';
import { queryEntities } from './queryPages';
import { guidOf } from './status';
import { QUERY_PAGE_SIZE, VeeamApi } from './transport';

/** Jobs read for the list at most (ten full pages); the search text then narrows them here. */
const MAX_JOBS = 1000;
/**
 * Requests for the list at most: room for a server whose pages are far smaller than asked (ten pages
 * of 2 would hide most jobs), still few enough not to stall the editor.
 */
const MAX_PAGES = 50;

/** The jobs for the Job locator, from `GET /query?type=Job`, by name. */
export async function searchJobs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await VeeamApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: Array<{ name: string; value: string }> = [];
	for (const job of await queryEntities(api, 'Job', { sortAsc: 'Name', pageSize: QUERY_PAGE_SIZE }, { limit: MAX_JOBS, maxPages: MAX_PAGES })) {
		const uid = textOf(field(job, 'UID'));
		const name = textOf(field(job, 'Name')) || uid;
		if (uid !== '' && name.toLowerCase().includes(needle)) results.push({ name, value: guidOf(uid) });
	}
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
