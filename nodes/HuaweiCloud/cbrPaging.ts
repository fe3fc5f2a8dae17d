import type { IDataObject } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
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
}

/**
 * Reads a CBR list (`operation_logs`, `vaults`, `backups`) by offset until `limit` records are in hand,
 * the answer's `count` is reached or a page comes back empty. Offsets follow what the pages held,
 * whatever their size: CBR may answer fewer records than asked (its limit is at most 1000). With a
 * Limit, the first request asks for all of it, later ones for the rest.
 */
export async function readCbrPages(
	fetch: (qs: IDataObject) => Promise<unknown>,
	field: string,
	what: string,
	paging: CbrPaging,
): Promise<IDataObject[]> {
	const start = paging.start ?? 0;
	let received = 0;
	const records = await collectPages(
		async (cursor) => {
			const offset = cursor === undefined ? start : Number(cursor);
			const size = paging.limit === undefined ? CBR_PAGE_SIZE : Math.min(CBR_MAX_LIMIT, Math.max(1, paging.limit - received));
			// offset 0 is left out: one version of the reference gives its minimum as 1
			const page = cbrPage(await fetch({ limit: size, offset: offset > 0 ? offset : undefined }), field, what);
			received += page.records.length;
			const ended = page.records.length === 0 || start + received >= page.count;
			return { items: page.records, next: ended ? undefined : String(start + received) };
		},
		{ limit: paging.limit, maxPages: paging.maxPages ?? MAX_PAGES },
	);
	return paging.limit === undefined ? records : records.slice(0, paging.limit);
}
