import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { isRecord } from '../shared/shape';
import { CohesityProtectionApi } from './transport';

/** Groups read for one search (ten full pages): enough for large clusters. */
const MAX_GROUPS = 1000;
/**
 * Requests for one search at most: room for a cluster whose pages are far smaller than asked (ten
 * pages of 2 would hide most groups), still few enough not to stall the editor.
 */
const MAX_PAGES = 50;

export async function searchProtectionGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await CohesityProtectionApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const groups = await collectPages(async (cookie) => await api.groupsPage(cookie), { limit: MAX_GROUPS, maxPages: MAX_PAGES });
	const results = groups
		.filter(isRecord)
		.map((group) => ({ value: typeof group.id === 'string' ? group.id : '', name: typeof group.name === 'string' ? group.name : String(group.id ?? '') }))
		.filter((group) => group.value !== '' && group.name.toLowerCase().includes(needle));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
