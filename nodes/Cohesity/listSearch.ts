import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isRecord } from '../shared/shape';
import { CohesityProtectionApi, PAGE_SIZE } from './transport';

/** Pages read for one search: enough for large clusters without stalling the editor. */
const MAX_PAGES = 10;

export async function searchProtectionGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await CohesityProtectionApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	let cookie: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, cookie: next } = await api.groupsPage({
			isDeleted: false,
			pruneSourceIds: true,
			pruneExcludedSourceIds: true,
			maxResultCount: PAGE_SIZE,
			paginationCookie: cookie,
		});
		for (const group of items.filter(isRecord)) {
			const id = typeof group.id === 'string' ? group.id : '';
			const name = typeof group.name === 'string' ? group.name : id;
			if (id !== '' && name.toLowerCase().includes(needle)) results.push({ name, value: id });
		}
		if (!next) break;
		cookie = next;
	}
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
