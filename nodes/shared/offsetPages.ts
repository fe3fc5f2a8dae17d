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
	/** Pages read at most (a page a server answers short is read on within its range, see below). */
	maxPages: number;
	/**
	 * The records sought, by id (the jobs a Get asks about): the pages that can hold that many are read
	 * together from the start, with no first page alone, and no page starts once all are in hand.
	 */
	seek?: { ids: ReadonlySet<string>; idOf(record: T): string };
	/** Pages go side by side through this (Limiter.spread); one after another without. */
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
 * and read side by side, so 10,000 records at 50 ms a page take 1.3 s with 5 Concurrent Requests, not
 * 5.5 s. Where `seek` names the records needed, the pages that can hold them go out at once
 * instead. Each page is a range of offsets: an answer shorter than the range, short of the total, is
 * read on from where it ended, so a server that caps its pages, or answers one page short, never
 * leaves a gap. Without a total (a server that leaves it out) the pages after the first go one after
 * another until one comes back empty.
 */
export async function readOffsetPages<T>(paging: OffsetPaging<T>): Promise<T[]> {
	const start = paging.start ?? 0;
	const spread = paging.spread ?? oneAfterAnother;
	const { seek } = paging;
	const found = new Set<string>();
	const done = () => seek !== undefined && found.size >= seek.ids.size;
	let total: number | undefined;
	/** The most records one answer held: the page size the server serves. */
	let served = 0;
	const end = () => Math.min(total ?? Infinity, paging.limit === undefined ? Infinity : start + paging.limit);

	const read = async (offset: number, size: number): Promise<T[]> => {
		const answer = await paging.readAt(offset, size);
		total ??= answer.total;
		const records = answer.records.slice(0, size);
		served = Math.max(served, records.length);
		if (seek) {
			for (const record of records) {
				const id = seek.idOf(record);
				if (seek.ids.has(id)) found.add(id);
			}
		}
		return records;
	};
	const range = async (from: number, to: number): Promise<T[]> => {
		const got: T[] = [];
		if (done()) return got;
		for (let offset = from; offset < Math.min(to, end()); ) {
			const sent = await read(offset, Math.min(to, end()) - offset);
			if (sent.length === 0) break;
			got.push(...sent);
			offset += sent.length;
		}
		return got;
	};

	let pages: T[][];
	if (seek === undefined) {
		const size = paging.limit === undefined ? paging.pageSize : Math.max(1, Math.min(paging.maxSize ?? paging.pageSize, paging.limit));
		pages = [await read(start, size)];
	} else {
		const count = Math.max(1, Math.min(paging.maxPages, Math.ceil(seek.ids.size / paging.pageSize)));
		pages = await spread(Array.from({ length: count }, (_, k) => async () => await range(start + k * paging.pageSize, start + (k + 1) * paging.pageSize)));
	}
	const inPages = pages.flat();
	if (served === 0 || done()) return inPages;
	let next = seek === undefined ? start + inPages.length : start + pages.length * paging.pageSize;

	if (total === undefined) {
		// No total to plan by: page after page until an empty one, the Limit, all sought in hand, or maxPages.
		for (let page = pages.length; page < paging.maxPages && next < end() && !done(); page++) {
			const sent = await read(next, Math.min(paging.pageSize, end() - next));
			if (sent.length === 0) break;
			inPages.push(...sent);
			next += sent.length;
		}
		return inPages;
	}
	const step = served;
	const rest: Array<() => Promise<T[]>> = [];
	for (let from = next, page = pages.length; from < end() && page < paging.maxPages; from += step, page++) {
		rest.push(async () => await range(from, from + step));
	}
	return [...inPages, ...(await spread(rest)).flat()];
}
