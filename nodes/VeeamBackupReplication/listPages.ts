import type { IDataObject } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
import { readOffsetPages } from '../shared/offsetPages';
import { isRecord, numberOf, UnexpectedAnswerError } from '../shared/shape';
import { PRODUCT } from './status';

/** The server's default and, on real servers, its usual cap on `limit`. */
export const PAGE_LIMIT = 200;

export interface ListPage {
	data: IDataObject[];
	/** `pagination.total`: the matches of the whole query; undefined when the server sent none. */
	total: number | undefined;
}

/**
 * A list answer, `{data: [...], pagination: {total, count, skip, limit}}`. An answer without a `data`
 * list is not a list (a failing server must never read as "no sessions").
 */
export function listPage(body: unknown, what: string): ListPage {
	// the whole answer is named in the error: "sent an object of another shape", not "sent nothing"
	if (!isRecord(body) || !Array.isArray(body.data)) throw new UnexpectedAnswerError(PRODUCT, `a list of ${what}`, body);
	const data = body.data.map((entry) => {
		if (!isRecord(entry)) throw new UnexpectedAnswerError(PRODUCT, `one of the ${what}`, entry);
		return entry;
	});
	const pagination = isRecord(body.pagination) ? body.pagination : {};
	return { data, total: numberOf(pagination.total) };
}

/**
 * Every record of a skip/limit list over as many pages as it takes (readOffsetPages: the pages after the
 * first side by side with `spread`), until the `total` is reached (never "fewer than asked": a server
 * may cap its pages), `limit` records are in hand (the caller cuts) or `maxPages` were read.
 */
export async function listAll(
	fetch: (skip: number, limit: number) => Promise<unknown>,
	what: string,
	options: { limit?: number; maxPages: number; pageLimit?: number; spread?: Spread },
): Promise<IDataObject[]> {
	const pageSize = options.pageLimit ?? PAGE_LIMIT;
	return await readOffsetPages({
		pageSize,
		limit: options.limit,
		maxPages: options.maxPages,
		spread: options.spread,
		readAt: async (skip, size) => {
			const page = listPage(await fetch(skip, size), what);
			return { records: page.data, total: page.total };
		},
	});
}
