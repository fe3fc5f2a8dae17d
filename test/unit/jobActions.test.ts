/**
 * The shared start (nodes/shared/jobActions.ts) with a fake vendor: If Already Running before any
 * write, the write sent once, the job named by the answer or found among new ones, a lost answer found
 * or reported as "may have started", never a second start.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { jobActionReader, startReader, type StartAction } from '../../nodes/shared/jobActions';
import type { JobReader } from '../../nodes/shared/jobReads';
import { buildJobStatus, type JobState } from '../../nodes/shared/jobStatus';
import type { IfAlreadyRunningChoice } from '../../nodes/shared/properties';
import { ApiClient, isLostAnswer, type VendorApi } from '../../nodes/shared/request';

const ctx = { getNode: () => ({ name: 'N', type: 't', typeVersion: 1, parameters: {} }) as unknown as INode } as unknown as IExecuteFunctions;
const clock = { now: () => 0, sleep: async () => undefined };

interface Fake {
	jobs: Map<string, JobState>;
	starts: number;
	finds: number;
}

const reader = (fake: Fake): JobReader<string> => ({
	key: (id) => id,
	readOne: async (id) => buildJobStatus({ vendor: 'vcenter', jobType: 'backup', jobId: id, state: fake.jobs.get(id) ?? 'unknown', vendorState: fake.jobs.get(id) ?? '?', details: {} }, true),
});

/** A vendor whose start answers `answer` ('named', 'unnamed', or a thrown error) and lists every job. */
function vendor(fake: Fake, answer: 'named' | 'unnamed' | Error, policy: IfAlreadyRunningChoice = 'returnRunning'): StartAction<string, string, Set<string>> {
	return {
		key: (r) => r,
		before: async () => {
			const running = [...fake.jobs].find(([, state]) => state === 'running')?.[0];
			return { running, snapshot: new Set(fake.jobs.keys()) };
		},
		start: async () => {
			fake.starts++;
			const id = `job-${fake.jobs.size + 1}`;
			fake.jobs.set(id, 'running');
			if (answer instanceof Error) throw answer;
			return answer === 'named' ? id : undefined;
		},
		find: async (_r, before) => {
			fake.finds++;
			const fresh = [...fake.jobs.keys()].filter((id) => !before.has(id));
			return fresh.length === 1 ? fresh[0] : undefined;
		},
		read: reader(fake),
		ifAlreadyRunning: () => policy,
		whereToCheck: 'the job list',
		findTries: 2,
	};
}

/** What the request client throws for a POST whose connection closed before any answer (isLostAnswer). */
async function lost(): Promise<Error> {
	const dropped = {
		getNode: ctx.getNode,
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async () => {
				throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			},
		},
	} as unknown as IExecuteFunctions;
	const vendorApi: VendorApi = { credentialType: 'x', productName: 'Appliance', secretFields: [], errorMessage: () => undefined };
	const api = new ApiClient(dropped, vendorApi, { baseUrl: 'http://127.0.0.1:1', ignoreSslIssues: false, timeoutMs: 1000, secrets: [], retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
	const error = (await api.request({ method: 'POST', path: '/start' }).catch((e: unknown) => e)) as Error;
	expect(isLostAnswer(error)).toBe(true);
	return error;
}

describe('start: If Already Running, decided before any write', () => {
	const fake = (): Fake => ({ jobs: new Map([['job-1', 'succeeded'], ['job-2', 'running']]), starts: 0, finds: 0 });

	it('Return the Running Job: nothing is started', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, 'named'), clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-2', state: 'running' });
		expect(f.starts).toBe(0);
	});

	it('Stop With an Error: nothing is started, the error names the job', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, 'named', 'error'), clock).readOne('r', 0)).rejects.toThrow(/already running \(job-2, running\); nothing was started/);
		expect(f.starts).toBe(0);
	});

	it('Start Another: one start beside the running job', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, 'named', 'startAnother'), clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-3' });
		expect(f.starts).toBe(1);
	});

	it('a job the list says runs but its own read shows ended does not stop a start', async () => {
		const f = fake();
		const action = vendor(f, 'named');
		const stale = { ...action, before: async () => ({ running: 'job-1', snapshot: new Set(f.jobs.keys()) }) };
		await expect(startReader(ctx, stale, clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-3' });
		expect(f.starts).toBe(1);
	});
});

describe('start: the job it started', () => {
	const fake = (): Fake => ({ jobs: new Map([['job-1', 'succeeded']]), starts: 0, finds: 0 });

	it('named by the answer: no search', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, 'named'), clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-2' });
		expect([f.starts, f.finds]).toEqual([1, 0]);
	});

	it('an answer that names none: the one new job', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, 'unnamed'), clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-2' });
		expect([f.starts, f.finds]).toEqual([1, 1]);
	});

	it('an answer that names none and two new jobs (another client\'s too): an error, never a guess', async () => {
		const f = fake();
		const action = vendor(f, 'unnamed');
		const busy = { ...action, start: async (r: string, i: number, b: Set<string>) => (f.jobs.set('other-client', 'running'), await action.start(r, i, b)) };
		await expect(startReader(ctx, busy, clock).readOne('r', 0)).rejects.toThrow(/was not found, or could not be told apart/);
		expect([f.starts, f.finds]).toEqual([1, 2]);
	});

	it('a lost answer: the job it started is found, nothing is sent twice', async () => {
		const f = fake();
		await expect(startReader(ctx, vendor(f, await lost()), clock).readOne('r', 0)).resolves.toMatchObject({ jobId: 'job-2' });
		expect(f.starts).toBe(1);
	});

	it('a lost answer and nothing to be found: "may have started", nothing is sent twice', async () => {
		const f = fake();
		const action = vendor(f, await lost());
		const vanished = { ...action, start: async (r: string, i: number, b: Set<string>) => (f.jobs.clear(), await action.start(r, i, b)) };
		await expect(startReader(ctx, { ...vanished, find: async () => undefined }, clock).readOne('r', 0)).rejects.toMatchObject({
			message: expect.stringMatching(/The answer to the start was lost \(The connection to Appliance was closed before it answered\): the job may have started/),
			description: expect.stringMatching(/Nothing was sent again\. Check the job list/),
		});
		expect(f.starts).toBe(1);
	});

	it('a refusal (an answer) is passed on as it is, with no search', async () => {
		const f = fake();
		const refusal = new Error('licence expired');
		await expect(startReader(ctx, vendor(f, refusal), clock).readOne('r', 0)).rejects.toBe(refusal);
		expect([f.starts, f.finds]).toEqual([1, 0]);
	});
});

describe('actions on a job', () => {
	it('reads the job after the action, or the job the action made', async () => {
		const f: Fake = { jobs: new Map([['job-1', 'running'], ['job-9', 'queued']]), starts: 0, finds: 0 };
		const act = (made?: string) => jobActionReader(ctx, { key: (r: string) => r, target: (r: string) => r, act: async () => made, read: reader(f) });
		await expect(act().readOne('job-1', 0)).resolves.toMatchObject({ jobId: 'job-1' });
		await expect(act('job-9').readOne('job-1', 0)).resolves.toMatchObject({ jobId: 'job-9', state: 'queued' });
	});
});

describe('start: one request that makes several jobs', () => {
	/** A start that makes a job per disk and names none; `find` sees them after `listedAfter` looks. */
	function perDisk(fake: Fake, disks: number): StartAction<string, string, Set<string>> {
		return {
			...vendor(fake, 'unnamed'),
			before: async () => ({ running: [...fake.jobs].filter(([, state]) => state === 'running').map(([id]) => id), snapshot: new Set(fake.jobs.keys()) }),
			start: async () => {
				fake.starts++;
				for (let d = 0; d < disks; d++) fake.jobs.set(`disk-${d}`, 'queued');
				return undefined;
			},
			find: async (_r, before) => {
				fake.finds++;
				return [...fake.jobs.keys()].filter((id) => !before.has(id));
			},
		};
	}

	it('every new job is an item, in the order found; one start', async () => {
		const f: Fake = { jobs: new Map([['old', 'succeeded']]), starts: 0, finds: 0 };
		const jobs = await startReader(ctx, perDisk(f, 3), clock).readOne('r', 0);
		expect(Array.isArray(jobs) && jobs.map((j) => j.jobId)).toEqual(['disk-0', 'disk-1', 'disk-2']);
		expect(f.starts).toBe(1);
	});

	it('several running: Return the Running Job gives those still running by their own read', async () => {
		const f: Fake = { jobs: new Map([['a', 'running'], ['b', 'running'], ['c', 'succeeded']]), starts: 0, finds: 0 };
		const action = perDisk(f, 2);
		const read = { ...action.read, readOne: async (id: string, i: number) => (id === 'b' ? { ...(await action.read.readOne('c', i)), jobId: 'b' } : await action.read.readOne(id, i)) };
		const jobs = await startReader(ctx, { ...action, read }, clock).readOne('r', 0);
		expect(jobs).toMatchObject({ jobId: 'a', state: 'running' });
		expect(f.starts).toBe(0);
	});

	it('several of one batch are read in one bulk call', async () => {
		const f: Fake = { jobs: new Map(), starts: 0, finds: 0 };
		const action = perDisk(f, 3);
		const calls: string[][] = [];
		const bulkRead: JobReader<string> = {
			...action.read,
			bulk: {
				batchOf: () => 'policy',
				maxSize: 10,
				readMany: async (ids, i) => {
					calls.push(ids);
					return new Map(await Promise.all(ids.map(async (id) => [id, await action.read.readOne(id, i)] as const)));
				},
			},
		};
		await startReader(ctx, { ...action, read: bulkRead }, clock).readOne('r', 0);
		expect(calls).toEqual([['disk-0', 'disk-1', 'disk-2']]);
	});
});
