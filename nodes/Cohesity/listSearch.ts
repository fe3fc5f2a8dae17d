import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { isRecord } from '../shared/shape';
import { CohesityProtectionApi } from './transport';

/** Pages read for one search: enough for large clusters without stalling the editor. */
const MAX_PAGES = 10;

export async function searchProtectionGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await CohesityProtectionApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const groups = await collectPages(async (cookie) => await api.groupsPage(cookie), { maxPages: MAX_PAGES });
	const results = groups
		.filter(isRecord)
		.map((group) => ({ value: typeof group.id === 'string' ? group.id : '', name: typeof group.name === 'string' ? group.name : String(group.id ?? '') }))
		.filter((group) => group.value !== '' && group.name.toLowerCase().includes(needle));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
