import { HaltedError, type Limiter, type Settled, type Spread } from './concurrency';
import type { JobStatus } from './jobStatus';

/**
 * Many jobs, few requests (DESIGN.md): how the item runner reads the jobs an execution asks about.
 *
 * Items that ask the same question share one answer: the runner reads each distinct `key` once, in
 * the first fetch and in every wait round, and hands every item its own copy. Where the vendor can
 * answer for many jobs in one call, it says so with `bulk`; the runner groups the questions by
 * `batchOf`, cuts each group into calls of at most `maxSize`, and reads alone, with `readOne`,
 * every question a bulk answer did not contain. All of it goes through the execution's one Limiter.
 *
 * What a vendor supplies for one operation (a `JobReader`):
 * - `key(query)`: equal for questions with the same answer, so it holds the job's scope and id and
 *   every setting that shapes the item (Simplify, Status Scope), never the item index.
 * - `readOne(query, itemIndex)`: the single read, the way the operation has always asked.
 * - optionally `bulk`:
 *   - `batchOf(query)`: which questions one call can answer together (vCenter: every simplified
 *     job, `job/details` takes any ids; Cohesity: the runs of one protection group), or undefined
 *     for a question only the single read answers (vCenter with Simplify off: `job/details` is not
 *     the record `job/{id}` returns).
 *   - `maxSize`: the most questions per call (URL length, page size); `minSize`: fewer are read
 *     alone (one Cohesity run is cheaper by id than in a window of the runs list).
 *   - `readMany(queries, itemIndex)`: a Map from key to the job for what the answer holds. A key
 *     left out is read alone, so a job the list omits (pruned from history, beyond a page, a
 *     summary without the parts the item needs) gets the answer, or the 404, the single read gives.
 *     An error thrown here is the answer for every question of the call: the appliance failed, and
 *     asking each job alone would only repeat the failure. A vendor whose bulk call refuses the
 *     whole list for one unknown id (vCenter answers 404) catches that and splits the list itself.
 *   The item a bulk job produces must equal the one `readOne` produces for the same job: the vendor
 *   maps the list's fields to the single read's conventions, or leaves such questions out of bulk.
 *
 * Vendors to come: Commvault reads many jobs from its job list (`GET /Job` with a job-id filter),
 * Veeam Enterprise Manager from its query API (`?type=…&filter=id==A,id==B`, an OR filter on ids),
 * Huawei Cloud VBS the tasks of one policy from `…/backuppolicy/{policy_id}/backuptasks`
 * (`batchOf` = the policy).
 */
export interface JobReader<Q, R = JobStatus> {
	key(query: Q): string;
	readOne(query: Q, itemIndex: number): Promise<R>;
	bulk?: BulkRead<Q, R>;
}

/**
 * What the first read of an item may answer: one job, or several where one request makes several
 * (a Huawei policy run makes a task per disk). Waits and polls always follow single jobs.
 */
export type JobsOfItem = JobStatus | JobStatus[];

export interface BulkRead<Q, R = JobStatus> {
	batchOf(query: Q): string | undefined;
	maxSize: number;
	/** Default 2: a single question is always cheapest by the single read. */
	minSize?: number;
	/** `spread`: independent requests of the call (the pages after the first) side by side (Limiter.spread). */
	readMany(queries: Q[], itemIndex: number, spread?: Spread): Promise<Map<string, R>>;
}

/** One distinct question and the first item that asked it (for errors and `[item N]`). */
export interface Asked<Q> {
	key: string;
	query: Q;
	itemIndex: number;
}

export interface ReadSettings {
	limiter: Limiter;
	/**
	 * The first call goes alone: it may sign in (no stored session yet), and n8n stores the session
	 * before the next calls start, so they reuse it instead of each signing in at once.
	 */
	firstAlone: boolean;
	/** The first failure halts the limiter: the node stops, so nothing more is asked. */
	stopOnError: boolean;
}

type Call<Q> = { kind: 'one'; asked: Asked<Q> } | { kind: 'many'; asked: Array<Asked<Q>> };

/** The calls for a set of distinct questions, in the order the items asked them. */
function plan<Q, R>(reader: JobReader<Q, R>, asked: Array<Asked<Q>>): Array<Call<Q>> {
	const bulk = reader.bulk;
	if (!bulk) return asked.map((a) => ({ kind: 'one', asked: a }));
	const batches = new Map<string, Array<Asked<Q>>>();
	const singles: Array<Asked<Q>> = [];
	for (const a of asked) {
		const batch = bulk.batchOf(a.query);
		if (batch === undefined) {
			singles.push(a);
			continue;
		}
		const members = batches.get(batch);
		if (members) members.push(a);
		else batches.set(batch, [a]);
	}
	const calls: Array<{ first: number; call: Call<Q> }> = singles.map((a) => ({ first: a.itemIndex, call: { kind: 'one', asked: a } }));
	for (const members of batches.values()) {
		if (members.length < (bulk.minSize ?? 2)) {
			for (const a of members) calls.push({ first: a.itemIndex, call: { kind: 'one', asked: a } });
			continue;
		}
		// Even calls (4 questions at most 3 a call: 2 + 2, not 3 + 1), so no call is left nearly empty.
		const size = Math.ceil(members.length / Math.ceil(members.length / bulk.maxSize));
		for (let start = 0; start < members.length; start += size) {
			const chunk = members.slice(start, start + size);
			calls.push({ first: chunk[0].itemIndex, call: { kind: 'many', asked: chunk } });
		}
	}
	return calls.sort((a, b) => a.first - b.first).map((c) => c.call);
}

/**
 * Reads every distinct question once, in bulk where the reader can, and returns the outcome by key.
 * With `stopOnError`, questions not yet started when a read fails are left out of the result.
 */
export async function readJobs<Q, R = JobStatus>(
	reader: JobReader<Q, R>,
	asked: Array<Asked<Q>>,
	settings: ReadSettings,
): Promise<Map<string, Settled<R>>> {
	const results = new Map<string, Settled<R>>();
	const { limiter } = settings;
	const settle = (key: string, outcome: Settled<R>) => {
		if (!outcome.ok && outcome.error instanceof HaltedError) return;
		results.set(key, outcome);
		if (!outcome.ok && settings.stopOnError) limiter.halt();
	};
	const one = async (a: Asked<Q>) => {
		try {
			settle(a.key, { ok: true, value: await limiter.run(async () => await reader.readOne(a.query, a.itemIndex)) });
		} catch (error) {
			settle(a.key, { ok: false, error });
		}
	};
	// Single reads for what a bulk answer lacked start as soon as it arrives, alongside the other calls.
	const fillIns: Array<Promise<void>> = [];
	const many = async (chunk: Array<Asked<Q>>) => {
		let found: Map<string, R>;
		try {
			const spread: Spread = async (tasks) => await limiter.spread(tasks);
			found = await limiter.run(async () => await (reader.bulk as BulkRead<Q, R>).readMany(chunk.map((a) => a.query), chunk[0].itemIndex, spread));
		} catch (error) {
			for (const a of chunk) settle(a.key, { ok: false, error });
			return;
		}
		for (const a of chunk) {
			const job = found.get(a.key);
			if (job !== undefined) settle(a.key, { ok: true, value: job });
			else fillIns.push(one(a));
		}
	};
	const run = async (call: Call<Q>) => (call.kind === 'one' ? await one(call.asked) : await many(call.asked));

	const calls = plan(reader, asked);
	if (calls.length === 0) return results;
	const [first, ...rest] = calls;
	if (settings.firstAlone) await run(first);
	else rest.unshift(first);
	await Promise.all(rest.map(run));
	await Promise.all(fillIns);
	return results;
}
