import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { drGroups } from './status';
import { CommvaultJobApi } from './transport';

/** The DR groups for the DR Group locator; the list is not paged on the server, so it is filtered here. */
export async function searchDrGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await CommvaultJobApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = drGroups(await api.drGroups())
		.map((group) => ({ value: String(group.drGroupId), name: String(group.name || group.drGroupId) }))
		.filter((group) => group.value !== '' && group.name.toLowerCase().includes(needle));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
