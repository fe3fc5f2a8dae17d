import { Limiter } from '../../nodes/shared/concurrency';
import { readOffsetPages, type OffsetAnswer } from '../../nodes/shared/offsetPages';

/**
 * A list 0..total-1 served by offset: at most `cap` records an answer whatever was asked, the total in
 * each answer unless `noTotal`, and `short` lists offsets whose answer comes back with fewer records.
 */
function server(total: number, options: { cap?: number; noTotal?: boolean; short?: Record<number, number> } = {}) {
	const asked: Array<{ offset: number; size: number }> = [];
	let inFlight = 0;
	let peak = 0;
	const readAt = async (offset: number, size: number): Promise<OffsetAnswer<number>> => {
		asked.push({ offset, size });
		inFlight++;
		peak = Math.max(peak, inFlight);
		// A turn for the other pages: those read side by side are all in flight here.
		await Promise.resolve();
		inFlight--;
		const served = Math.min(size, options.cap ?? Infinity, options.short?.[offset] ?? Infinity, Math.max(0, total - offset));
		return { records: Array.from({ length: served }, (_, k) => offset + k), total: options.noTotal ? undefined : total };
	};
	return { asked, readAt, peak: () => peak };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** The records sought, by id. */
const seeking = (...ids: number[]) => ({ ids: new Set(ids.map(String)), idOf: (n: number) => String(n) });

/** Runs the read as a list item does: on one slot of a limiter of `slots`, spreading onto the free ones. */
async function onLimiter<T>(slots: number, read: (spread: <R>(tasks: Array<() => Promise<R>>) => Promise<R[]>) => Promise<T>): Promise<T> {
	const limiter = new Limiter(slots);
	return await limiter.run(async () => await read(async (tasks) => await limiter.spread(tasks)));
}

describe('readOffsetPages', () => {
	it('reads the pages after the first side by side, within the slots, and returns the list in order', async () => {
		const sim = server(1050);
		const records = await onLimiter(4, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 100, spread }));
		expect(records).toEqual(range(0, 1050));
		expect(sim.asked).toHaveLength(11);
		expect(sim.asked[0]).toEqual({ offset: 0, size: 100 });
		expect(sim.asked.at(-1)).toEqual({ offset: 1000, size: 50 });
		expect(sim.peak()).toBe(4);
	});

	it('one after another without spread', async () => {
		const sim = server(350);
		expect(await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 100 })).toEqual(range(0, 350));
		expect(sim.peak()).toBe(1);
		expect(sim.asked.map((a) => a.offset)).toEqual([0, 100, 200, 300]);
	});

	it('a server that caps its pages below the size asked: offsets follow the size it serves, nothing is missed', async () => {
		const sim = server(23, { cap: 5 });
		const records = await onLimiter(3, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 100, spread }));
		expect(records).toEqual(range(0, 23));
		expect(sim.asked.map((a) => a.offset)).toEqual([0, 5, 10, 15, 20]);
	});

	it('a page shorter than the first in the middle of the list: the gap is read, the list stays whole and in order', async () => {
		const sim = server(40, { short: { 10: 3, 13: 2 } });
		const records = await onLimiter(3, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 10, maxPages: 100, spread }));
		expect(records).toEqual(range(0, 40));
		// The range 10..20 came as 3, then 2, then the 5 left, each asking only for what its range still lacked.
		expect(sim.asked.filter((a) => a.offset >= 10 && a.offset < 20)).toEqual([
			{ offset: 10, size: 10 },
			{ offset: 13, size: 7 },
			{ offset: 15, size: 5 },
		]);
	});

	it('a range whose rest comes back empty (records gone meanwhile) ends without asking again', async () => {
		const sim = server(40, { short: { 10: 3, 13: 0 } });
		const records = await readOffsetPages({ readAt: sim.readAt, pageSize: 10, maxPages: 100 });
		expect(records).toEqual([...range(0, 13), ...range(20, 40)]);
		expect(sim.asked.map((a) => a.offset)).toEqual([0, 10, 13, 20, 30]);
	});

	it('with a Limit: the first request asks for all of it (up to maxSize), the rest only up to the Limit', async () => {
		const sim = server(10_000);
		const records = await onLimiter(5, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxSize: 1000, limit: 2500, maxPages: 100, spread }));
		expect(records).toEqual(range(0, 2500));
		expect(sim.asked).toEqual([
			{ offset: 0, size: 1000 },
			{ offset: 1000, size: 1000 },
			{ offset: 2000, size: 500 },
		]);
	});

	it('starts at an Offset filter and counts the Limit from there', async () => {
		const sim = server(100);
		expect(await readOffsetPages({ readAt: sim.readAt, start: 90, pageSize: 5, maxSize: 1000, limit: 7, maxPages: 10 })).toEqual(range(90, 97));
		expect(sim.asked).toEqual([{ offset: 90, size: 7 }]);
	});

	it('seek: no page starts once every record sought is in hand', async () => {
		const sim = server(1000);
		const records = await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 10, seek: seeking(3, 150) });
		expect(records).toEqual(range(0, 200));
		expect(sim.asked).toHaveLength(2);
	});

	it('seek, all in the first page: nothing more is asked', async () => {
		const sim = server(1000);
		await onLimiter(4, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 10, spread, seek: seeking(7) }));
		expect(sim.asked).toHaveLength(1);
	});

	it('seek: the pages that can hold the records sought go out together, the first not alone', async () => {
		const sim = server(1000);
		const records = await onLimiter(5, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 10, spread, seek: seeking(...range(0, 450)) }));
		expect(records).toEqual(range(0, 500));
		expect(sim.asked.map((a) => a.offset)).toEqual([0, 100, 200, 300, 400]);
		expect(sim.peak()).toBe(5);
	});

	it('seek, some further back: the pages after the first wave follow, side by side, until all are in hand', async () => {
		const sim = server(1000);
		const records = await onLimiter(2, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 10, spread, seek: seeking(5, 250) }));
		// The third page held the last one; at most the page started beside it is read beyond.
		expect(sim.asked.map((a) => a.offset).slice(0, 3)).toEqual([0, 100, 200]);
		expect(sim.asked.length).toBeLessThanOrEqual(4);
		expect(records).toEqual(range(0, 100 * sim.asked.length));
	});

	it('seek on a server that caps its pages: each page of the first wave is read on until whole', async () => {
		const sim = server(30, { cap: 2 });
		const records = await onLimiter(3, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 5, maxPages: 10, spread, seek: seeking(...range(0, 10)) }));
		expect(records).toEqual(range(0, 10));
		expect(sim.asked.filter((a) => a.offset < 5)).toEqual([
			{ offset: 0, size: 5 },
			{ offset: 2, size: 3 },
			{ offset: 4, size: 1 },
		]);
	});

	it('stops after maxPages even where the total says more', async () => {
		const sim = server(100_000);
		const records = await onLimiter(4, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 5, spread }));
		expect(records).toEqual(range(0, 500));
		expect(sim.asked).toHaveLength(5);
	});

	it('without a total: page after page until one comes back empty', async () => {
		const sim = server(250, { noTotal: true, cap: 100 });
		const records = await onLimiter(4, async (spread) => await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 100, spread }));
		expect(records).toEqual(range(0, 250));
		expect(sim.asked.map((a) => a.offset)).toEqual([0, 100, 200, 250]);
		expect(sim.peak()).toBe(1);
	});

	it('an empty list is one request', async () => {
		const sim = server(0);
		expect(await readOffsetPages({ readAt: sim.readAt, pageSize: 100, maxPages: 10 })).toEqual([]);
		expect(sim.asked).toHaveLength(1);
	});

	it('a failing page fails the read and starts no page after it', async () => {
		let calls = 0;
		const read = readOffsetPages({
			pageSize: 10,
			maxPages: 100,
			readAt: async (offset) => {
				calls++;
				if (offset === 20) throw new Error('HTTP 503');
				return { records: range(offset, offset + 10), total: 1000 };
			},
		});
		await expect(read).rejects.toThrow('HTTP 503');
		expect(calls).toBe(3);
	});
});
