import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

/** Entries the editor shows per page of a From List picker; it asks for the next page as the user scrolls. */
export const LIST_PAGE_SIZE = 100;

/**
 * One page of a From List picker over a list the vendor sends whole (not paged on its side): the
 * entries whose name holds the search text (any letter case), sorted by name, from the offset the
 * editor hands back as `paginationToken`. Each page is one request to the vendor, never the list of
 * a whole CommCell or cluster pushed to the editor at once.
 */
export function listPage(entries: INodeListSearchItems[], filter: string | undefined, paginationToken: string | undefined): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const found = entries.filter((entry) => entry.name.toLowerCase().includes(needle)).sort((a, b) => a.name.localeCompare(b.name));
	const offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	const next = offset + LIST_PAGE_SIZE;
	return { results: found.slice(offset, next), ...(next < found.length && { paginationToken: String(next) }) };
}
