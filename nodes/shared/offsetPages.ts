import type { Spread } from './concurrency';

/** One answer of an offset-paged list: the records sent, and the list's total when the answer gives one. */
export interface OffsetAnswer<T> {
	records: T[];
	total: number | undefined;
}

export interface OffsetPaging<T> {
	/** Reads `size` records (at most) from `offset`. */
	readAt(offset: number, size: number): Promise<OffsetAnswer<T>>;
	/** The first offset (an Offset filter); 0 by default. */
	start?: number;
	/** Records asked per request when all are wanted. */
	pageSize: number;
	/** The most one request may ask for (the first asks for a whole Limit up to this). */
	maxSize?: number;
	/** Records wanted from `start`; undefined: all. The caller cuts the result. */
	limit?: number;
	/** Requests planned at most (gaps a server leaves are read on top, see below). */
	maxPages: number;
	/** Every record sought is in hand: no page not yet started is read. */
	enough?: (records: T[]) => boolean;
	/** Pages after the first go side by side through this (Limiter.spread); one after another without. */
	spread?: Spread;
}

const oneAfterAnother: Spread = async (tasks) => {
	const results = [];
	for (const task of tasks) results.push(await task());
	return results;
};

/**
 * Reads an offset-paged list in order. The first answer gives the total and the page size the server
 * really serves, which may be below the size asked for; the pages after it are then known in advance
 * and read side by side, so 10,000 records at 50 ms a page take 1 s with 5 Concurrent Requests, not 5 s.
 * A page that comes back shorter than the first, short of the total, leaves a gap: it is read on from
 * where that page ended until the next page's offset, so the list is never silently incomplete. Without
 * a total (a server that leaves it out) the pages go one after another until one comes back empty.
 */
export async function readOffsetPages<T>(paging: OffsetPaging<T>): Promise<T[]> {
	const start = paging.start ?? 0;
	const maxSize = paging.maxSize ?? paging.pageSize;
	const firstSize = paging.limit === undefined ? paging.pageSize : Math.max(1, Math.min(maxSize, paging.limit));
	const first = await paging.readAt(start, firstSize);
	const step = first.records.length;
	const records = [...first.records];
	const done = () => paging.enough?.(records) === true;
	if (step === 0 || done()) return records;

	const end = Math.min(first.total ?? Infinity, paging.limit === undefined ? Infinity : start + paging.limit);
	if (first.total === undefined) return await readOnward(paging, records, start + step, end, done);

	/** One page's range [from, to), read on past a short answer until it is whole or the server sends nothing. */
	const range = async (from: number, to: number): Promise<T[]> => {
		const got: T[] = [];
		if (done()) return got;
		for (let offset = from; offset < to; ) {
			const { records: sent } = await paging.readAt(offset, to - offset);
			if (sent.length === 0) break;
			const kept = sent.slice(0, to - offset);
			got.push(...kept);
			offset += kept.length;
		}
		if (paging.enough) records.push(...got);
		return got;
	};
	const tasks: Array<() => Promise<T[]>> = [];
	for (let from = start + step, page = 1; from < end && page < paging.maxPages; from += step, page++) {
		const to = Math.min(from + step, end);
		tasks.push(async () => await range(from, to));
	}
	const pages = await (paging.spread ?? oneAfterAnother)(tasks);
	return [...first.records, ...pages.flat()];
}

/** No total: page after page from `offset`, until an empty page, `end`, `enough` or maxPages. */
async function readOnward<T>(paging: OffsetPaging<T>, records: T[], offset: number, end: number, done: () => boolean): Promise<T[]> {
	for (let page = 1; page < paging.maxPages && offset < end && !done(); page++) {
		const { records: sent } = await paging.readAt(offset, Math.min(paging.pageSize, end - offset));
		if (sent.length === 0) break;
		records.push(...sent);
		offset += sent.length;
	}
	return records;
}
