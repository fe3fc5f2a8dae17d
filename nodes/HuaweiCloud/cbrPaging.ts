import type { IDataObject } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
import { readOffsetPages } from '../shared/offsetPages';
import { cbrPage } from './cbrStatus';
import { CBR_MAX_LIMIT, CBR_PAGE_SIZE } from './cbrTransport';

/** Return All stops after this many pages (100 000 records) even if the count says more. */
const MAX_PAGES = 1000;

export interface CbrPaging {
	/** Undefined: Return All. */
	limit: number | undefined;
	/** The first offset (an Offset filter), 0 by default. */
	start?: number;
	maxPages?: number;
	/** The pages after the first side by side (Limiter.spread); one after another without. */
	spread?: Spread;
}

/**
 * Reads a CBR list (`operation_logs`, `vaults`, `backups`) by offset until `limit` records are in hand,
 * the answer's `count` is reached or a page comes back empty (readOffsetPages: the pages after the first
 * side by side with `spread`). Offsets follow what the pages held, whatever their size: CBR may answer
 * fewer records than asked (its limit is at most 1000). With a Limit, the first request asks for all of it.
 */
export async function readCbrPages(
	fetch: (qs: IDataObject) => Promise<unknown>,
	field: string,
	what: string,
	paging: CbrPaging,
): Promise<IDataObject[]> {
	const records = await readOffsetPages({
		start: paging.start,
		pageSize: CBR_PAGE_SIZE,
		maxSize: CBR_MAX_LIMIT,
		limit: paging.limit,
		maxPages: paging.maxPages ?? MAX_PAGES,
		spread: paging.spread,
		readAt: async (offset, size) => {
			// offset 0 is left out: one version of the reference gives its minimum as 1
			const page = cbrPage(await fetch({ limit: size, offset: offset > 0 ? offset : undefined }), field, what);
			return { records: page.records, total: page.count };
		},
	});
	return paging.limit === undefined ? records : records.slice(0, paging.limit);
}
