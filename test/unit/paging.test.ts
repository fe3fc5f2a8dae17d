import { collectPages, type Page } from '../../nodes/shared/paging';

/** A list of `total` numbers served `size` at a time; cursors are the next offset. */
function pages(total: number, size: number) {
	const asked: Array<string | undefined> = [];
	const fetchPage = async (cursor: string | undefined): Promise<Page<number>> => {
		asked.push(cursor);
		const from = Number(cursor ?? 0);
		const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, k) => from + k);
		return { items, next: from + size < total ? String(from + size) : undefined };
	};
	return { asked, fetchPage };
}

describe('collectPages', () => {
	it('reads every page until the list ends', async () => {
		const { asked, fetchPage } = pages(25, 10);
		expect(await collectPages(fetchPage)).toHaveLength(25);
		expect(asked).toEqual([undefined, '10', '20']);
	});

	it('stops once the limit is reached, leaving the cut to the caller', async () => {
		const { asked, fetchPage } = pages(100, 10);
		expect(await collectPages(fetchPage, { limit: 15 })).toHaveLength(20);
		expect(asked).toHaveLength(2);
	});

	it('stops after maxPages', async () => {
		const { asked, fetchPage } = pages(100, 10);
		expect(await collectPages(fetchPage, { maxPages: 3 })).toHaveLength(30);
		expect(asked).toHaveLength(3);
	});

	it('ends on a cursor the appliance repeats instead of asking forever', async () => {
		let calls = 0;
		const result = await collectPages(async () => ({ items: [++calls], next: 'same' }));
		expect(result).toEqual([1, 2]);
	});
});

describe('collectPages: a page the server sent empty', () => {
	it('ends the list even with a fresh cursor, so a server that never stops handing out cursors cannot loop', async () => {
		let calls = 0;
		const result = await collectPages(async () => (++calls === 1 ? { items: [1], next: 'a' } : { items: [], next: `c${calls}` }));
		expect(result).toEqual([1]);
		expect(calls).toBe(2);
	});

	it('a page the caller filtered empty goes on while the server sent records (received)', async () => {
		const server = [[1, 2], [3, 4], [5]];
		let calls = 0;
		const result = await collectPages(async (cursor) => {
			calls++;
			const at = Number(cursor ?? 0);
			const sent = server[at];
			return { items: sent.filter((n) => n === 5), next: at + 1 < server.length ? String(at + 1) : undefined, received: sent.length };
		});
		expect(result).toEqual([5]);
		expect(calls).toBe(3);
	});
});
