import { sleep } from 'n8n-workflow';

import { Limiter } from '../../nodes/shared/concurrency';
import { readJobs, type Asked, type JobReader } from '../../nodes/shared/jobReads';
import { buildJobStatus, type JobStatus } from '../../nodes/shared/jobStatus';

interface Q {
	scope: string;
	id: string;
}

const status = (id: string): JobStatus => buildJobStatus({ vendor: 'vcenter', jobType: 'backup', jobId: id, state: 'succeeded', vendorState: 'OK', details: {} }, true);
const asked = (queries: Q[]): Array<Asked<Q>> => queries.map((query, itemIndex) => ({ key: `${query.scope} ${query.id}`, query, itemIndex }));

/**
 * A reader over a fake appliance that logs every call and counts what is in flight. `hidden` ids
 * are left out of bulk answers; `broken` ids fail their single read.
 */
function fakeReader(options: { bulk?: boolean; maxSize?: number; minSize?: number; hidden?: string[]; broken?: string[]; bulkFails?: boolean } = {}) {
	const calls: string[] = [];
	let running = 0;
	let peak = 0;
	const call = async <T>(label: string, answer: () => T): Promise<T> => {
		calls.push(label);
		running++;
		peak = Math.max(peak, running);
		await sleep(1);
		running--;
		return answer();
	};
	const reader: JobReader<Q> = {
		key: (q) => `${q.scope} ${q.id}`,
		readOne: async (q) =>
			await call(`one ${q.id}`, () => {
				if (options.broken?.includes(q.id)) throw new Error(`no job ${q.id}`);
				return status(q.id);
			}),
		...(options.bulk !== false && {
			bulk: {
				batchOf: (q) => q.scope,
				maxSize: options.maxSize ?? 3,
				minSize: options.minSize,
				readMany: async (queries) =>
					await call(`many ${queries.map((q) => q.id).join(',')}`, () => {
						if (options.bulkFails) throw new Error('appliance down');
						return new Map(queries.filter((q) => !options.hidden?.includes(q.id)).map((q) => [`${q.scope} ${q.id}`, status(q.id)]));
					}),
			},
		}),
	};
	return { reader, calls, peak: () => peak };
}

const settings = (limit = 5, firstAlone = false, stopOnError = false) => ({ limiter: new Limiter(limit), firstAlone, stopOnError });

describe('readJobs', () => {
	it('cuts each batch into even calls of at most maxSize, and reads a batch below minSize alone', async () => {
		const fake = fakeReader({ maxSize: 3 });
		const questions = asked([
			{ scope: 'g1', id: 'a' }, { scope: 'g1', id: 'b' }, { scope: 'g2', id: 'x' },
			{ scope: 'g1', id: 'c' }, { scope: 'g1', id: 'd' },
		]);
		const read = await readJobs(fake.reader, questions, settings());
		expect(fake.calls.sort()).toEqual(['many a,b', 'many c,d', 'one x']);
		expect([...read.values()].every((r) => r.ok)).toBe(true);
		expect(read.size).toBe(5);
	});

	it('reads alone what a bulk answer lacked, and each question gets its own answer', async () => {
		const fake = fakeReader({ hidden: ['b'] });
		const read = await readJobs(fake.reader, asked([{ scope: 'g', id: 'a' }, { scope: 'g', id: 'b' }, { scope: 'g', id: 'c' }]), settings());
		expect(fake.calls).toEqual(['many a,b,c', 'one b']);
		expect(read.get('g b')).toEqual({ ok: true, value: status('b') });
	});

	it('a job the bulk answer lacks and the single read cannot find fails alone', async () => {
		const fake = fakeReader({ hidden: ['b'], broken: ['b'] });
		const read = await readJobs(fake.reader, asked([{ scope: 'g', id: 'a' }, { scope: 'g', id: 'b' }]), settings());
		expect(read.get('g a')).toMatchObject({ ok: true });
		expect(read.get('g b')).toMatchObject({ ok: false, error: new Error('no job b') });
	});

	it('a failed bulk call is the answer for every question in it, without a single read each', async () => {
		const fake = fakeReader({ bulkFails: true });
		const read = await readJobs(fake.reader, asked([{ scope: 'g', id: 'a' }, { scope: 'g', id: 'b' }]), settings());
		expect(fake.calls).toEqual(['many a,b']);
		expect([...read.values()]).toEqual([
			{ ok: false, error: new Error('appliance down') },
			{ ok: false, error: new Error('appliance down') },
		]);
	});

	it('without bulk, reads each question once; the first call goes alone when asked', async () => {
		const fake = fakeReader({ bulk: false });
		const questions = asked(Array.from({ length: 12 }, (_, k) => ({ scope: 'g', id: `j${k}` })));
		await readJobs(fake.reader, questions, settings(4, true));
		expect(fake.calls).toHaveLength(12);
		expect(fake.calls[0]).toBe('one j0');
		expect(fake.peak()).toBe(4);
	});

	it('keeps bulk calls and their fill-in reads within one limit', async () => {
		const fake = fakeReader({ maxSize: 2, hidden: ['a1', 'b1', 'c1', 'd1', 'e1'] });
		const questions = asked(['a', 'b', 'c', 'd', 'e'].flatMap((s) => [{ scope: s, id: `${s}1` }, { scope: s, id: `${s}2` }]));
		const read = await readJobs(fake.reader, questions, settings(2));
		expect(fake.calls.filter((c) => c.startsWith('many'))).toHaveLength(5);
		expect(fake.calls.filter((c) => c.startsWith('one'))).toHaveLength(5);
		expect(fake.peak()).toBe(2);
		expect(read.size).toBe(10);
	});

	it('with stopOnError, starts nothing after the first failure and leaves the rest unanswered', async () => {
		const fake = fakeReader({ bulk: false, broken: ['j0'] });
		const read = await readJobs(fake.reader, asked(Array.from({ length: 6 }, (_, k) => ({ scope: 'g', id: `j${k}` }))), settings(2, true, true));
		expect(fake.calls).toEqual(['one j0']);
		expect([...read.keys()]).toEqual(['g j0']);
	});
});
