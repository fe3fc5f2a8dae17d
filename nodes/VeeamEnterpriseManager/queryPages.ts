import type { IDataObject } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
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
 * the server answers with, so changing it between pages would skip or repeat entities. Where the first
 * answer gives PagesCount, the pages after it are known and go side by side through `spread`.
 */
export async function queryEntities(
	api: VeeamApi,
	type: string,
	params: Omit<QueryParams, 'page'>,
	options: { limit?: number; maxPages: number; spread?: Spread },
	itemIndex?: number,
): Promise<IDataObject[]> {
	const read = async (page: number) => queryPage(type, await api.query(type, { ...params, page }, itemIndex));
	const first = await read(1);
	const served = first.entities.length;
	if (options.spread && first.pagesCount !== undefined && served > 0 && morePages(first, 1)) {
		const wanted = options.limit === undefined ? Infinity : Math.ceil(options.limit / served);
		const last = Math.min(first.pagesCount, options.maxPages, wanted);
		const rest = await options.spread(Array.from({ length: Math.max(0, last - 1) }, (_, k) => async () => (await read(k + 2)).entities));
		return [...first.entities, ...rest.flat()];
	}
	return await collectPages(async (cursor) => {
		const page = cursor === undefined ? 1 : Number(cursor);
		const answer = page === 1 ? first : await read(page);
		const more = answer.entities.length > 0 && morePages(answer, page);
		return { items: answer.entities, next: more ? String(page + 1) : undefined };
	}, options);
}
