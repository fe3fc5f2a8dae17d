/** One page of a cursor-paged list: its records and the cursor of the next page, if any. */
export interface Page<T> {
	items: T[];
	next: string | undefined;
	/** How many records the server sent, when `items` keeps only some of them (a name filter). */
	received?: number;
}

/**
 * Reads pages until the list ends, at least `limit` records are in hand (the caller sorts and cuts),
 * `enough` says every record sought is in hand, or `maxPages` were read. The list ends where the
 * vendor's own signal says so (no next cursor), which `fetchPage` reads from the answer: never from
 * a page shorter than asked, since a server may cap its pages below the size asked for, and with no
 * next cursor after a page that held nothing. A cursor the appliance repeats also ends the list: it
 * would otherwise be asked for the same page forever.
 */
export async function collectPages<T>(
	fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
	options: { limit?: number; maxPages?: number; enough?: (items: T[]) => boolean } = {},
): Promise<T[]> {
	const items: T[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (let page = 0; page < (options.maxPages ?? Infinity); page++) {
		const { items: found, next, received } = await fetchPage(cursor);
		items.push(...found);
		// A page the server sent empty ends the list whatever cursor it carries: a server that hands out
		// fresh cursors with nothing behind them would otherwise be read until maxPages, or forever.
		if ((received ?? found.length) === 0) break;
		if (next === undefined || next === '' || seen.has(next)) break;
		if (options.limit !== undefined && items.length >= options.limit) break;
		if (options.enough?.(items)) break;
		seen.add(next);
		cursor = next;
	}
	return items;
}
