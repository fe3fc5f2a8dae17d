import type { IDataObject } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { queryPage, type QueryPage } from './status';
import type { QueryParams, VeeamApi } from './transport';

/**
 * Whether the server has a page after `page`: its Next link says so, else `PagesCount`; with
 * neither, pages are read until one adds nothing. Never "fewer entities than asked": Enterprise
 * Manager may answer with smaller pages than the `pageSize` asked for.
 */
export function morePages(answer: QueryPage, page: number): boolean {
	if (answer.nextLink !== undefined) return answer.nextLink;
	if (answer.pagesCount !== undefined) return page < answer.pagesCount;
	return true;
}

/**
 * The entities of a query over as many pages as it takes, until `limit` are in hand (the caller
 * cuts) or `maxPages` were read. Every page asks the same `pageSize`: pages are numbered in the size
 * the server answers with, so changing it between pages would skip or repeat entities.
 */
export async function queryEntities(
	api: VeeamApi,
	type: string,
	params: Omit<QueryParams, 'page'>,
	options: { limit?: number; maxPages: number },
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(async (cursor) => {
		const page = cursor === undefined ? 1 : Number(cursor);
		const answer = queryPage(type, await api.query(type, { ...params, page }, itemIndex));
		const more = answer.entities.length > 0 && morePages(answer, page);
		return { items: answer.entities, next: more ? String(page + 1) : undefined };
	}, options);
}
