import {
	deepCopy,
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { HaltedError, Limiter, type Settled } from './concurrency';
import { readJobs, type Asked, type JobReader } from './jobReads';
import type { JobStatus } from './jobStatus';
import { readWait, type ItemWait } from './properties';
import { cancellableSleep } from './sleep';
import { waitForJobs, type WaitClock, type WaitEntry } from './waitForJobs';

/** An operation that returns a list per item (Get Many): each item is fetched on its own. */
export interface ListOperation {
	/** Checks the item's parameters, as `fetch` will read them, before any request of the node. */
	validate?(itemIndex: number): void;
	/** The records item `itemIndex` asks for. */
	fetch(itemIndex: number): Promise<IDataObject[]>;
}

/**
 * An operation that answers one job per item (Get, Get Latest, Get Details): items that ask the same
 * question share one read, in bulk where the vendor can (see jobReads.ts).
 */
export interface JobOperation<Q, P> {
	/** The item's question, read and checked from its parameters; no request. */
	query(itemIndex: number): Q;
	read: JobReader<Q>;
	/** Wait for Completion: how to ask about this job again in a wait round, and who answers. */
	wait?: { again(query: Q, job: JobStatus): P; read: JobReader<P> };
}

/** n8n's cancellable sleep: stopping the execution ends a wait at once. */
export function executionClock(ctx: IExecuteFunctions): WaitClock {
	return {
		now: () => Date.now(),
		sleep: async (ms) => await cancellableSleep(ms, ctx.getExecutionCancelSignal()),
	};
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	// Anything else is a bug or a cancelled sleep; say so plainly, with the item it concerns.
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function timeoutError(ctx: IExecuteFunctions, job: JobStatus, wait: ItemWait, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`The job ${job.jobId} did not finish within ${wait.timeoutMs / 1000} s; it is ${job.state} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Raise the Timeout, set On Timeout to "Return the Last Status" to branch on "timedOut", or check the job later with a Wait node and this node.',
		},
	);
}

type Result = Settled<IDataObject[]> | undefined;

export interface RunSettings {
	/**
	 * The credential already holds a session or token (n8n stored it in an earlier execution), so the
	 * first request need not go alone to sign in (ReadSettings.firstAlone): with answers 50 ms late,
	 * that saves a whole round trip on every execution but the first.
	 */
	signedIn?: boolean;
	clock?: WaitClock;
}

/** What one execution shares: its budget of requests in flight, its clock, how it fails. */
interface Run {
	limiter: Limiter;
	clock: WaitClock;
	continueOnFail: boolean;
	firstAlone: boolean;
}

/**
 * Runs an operation over every input item, then waits for the jobs of the items that asked for it,
 * all within one budget of Concurrent Requests. Every item's parameters are checked before the first
 * request goes out. Items keep their order and `pairedItem`. With Continue On Fail a failing item
 * becomes `{error}` and the others go on; otherwise the first failure (in item order) stops the node,
 * a bad parameter before any request and a failed read before any waiting.
 */
export async function runItems<Q, P>(
	ctx: IExecuteFunctions,
	operation: ListOperation | JobOperation<Q, P>,
	concurrency: number,
	settings: RunSettings = {},
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const run: Run = {
		limiter: new Limiter(concurrency),
		clock: settings.clock ?? executionClock(ctx),
		continueOnFail,
		firstAlone: settings.signedIn !== true,
	};
	const count = ctx.getInputData().length;
	const results = 'fetch' in operation ? await runList(ctx, operation, count, run) : await runJobs(ctx, operation, count, run);
	throwFirstFailure(ctx, results, continueOnFail);
	return output(ctx, results);
}

async function runList(ctx: IExecuteFunctions, operation: ListOperation, count: number, run: Run): Promise<Result[]> {
	const { limiter, continueOnFail } = run;
	const results: Result[] = new Array<Result>(count);
	for (let i = 0; i < count; i++) {
		try {
			operation.validate?.(i);
		} catch (error) {
			results[i] = { ok: false, error };
		}
	}
	throwFirstFailure(ctx, results, continueOnFail);
	const fetch = async (i: number) => {
		if (results[i]) return;
		try {
			results[i] = { ok: true, value: await limiter.run(async () => await operation.fetch(i)) };
		} catch (error) {
			if (error instanceof HaltedError) return;
			results[i] = { ok: false, error };
			if (!continueOnFail) limiter.halt();
		}
	};
	// The first item alone, for the sign-in (see ReadSettings.firstAlone).
	const first = run.firstAlone ? results.findIndex((r) => r === undefined) : -1;
	if (first >= 0) await fetch(first);
	await Promise.all(Array.from({ length: count }, (_, i) => (i === first ? undefined : fetch(i))));
	return results;
}

interface Waiting<P> extends WaitEntry {
	itemIndex: number;
	wait: ItemWait;
	asked: Asked<P>;
}

async function runJobs<Q, P>(ctx: IExecuteFunctions, operation: JobOperation<Q, P>, count: number, run: Run): Promise<Result[]> {
	const { limiter, continueOnFail } = run;
	const results: Result[] = new Array<Result>(count);
	const queries: Array<Q | undefined> = new Array<Q | undefined>(count);
	const waits: Array<ItemWait | undefined> = new Array<ItemWait | undefined>(count);
	for (let i = 0; i < count; i++) {
		try {
			queries[i] = operation.query(i);
			if (operation.wait) waits[i] = readWait(ctx, i);
		} catch (error) {
			results[i] = { ok: false, error };
		}
	}
	throwFirstFailure(ctx, results, continueOnFail);

	const keys: string[] = new Array<string>(count);
	const asked = new Map<string, Asked<Q>>();
	for (let i = 0; i < count; i++) {
		if (results[i]) continue;
		const query = queries[i] as Q;
		keys[i] = operation.read.key(query);
		if (!asked.has(keys[i])) asked.set(keys[i], { key: keys[i], query, itemIndex: i });
	}
	const stopOnError = !continueOnFail;
	const first = await readJobs(operation.read, [...asked.values()], { limiter, firstAlone: run.firstAlone, stopOnError });
	const statuses: Array<JobStatus | undefined> = new Array<JobStatus | undefined>(count);
	for (let i = 0; i < count; i++) {
		if (results[i]) continue;
		const outcome = first.get(keys[i]);
		if (!outcome) continue; // not read: an earlier failure stopped the node
		if (outcome.ok) statuses[i] = outcome.value;
		else results[i] = outcome;
	}
	throwFirstFailure(ctx, results, continueOnFail);

	const again = operation.wait;
	const waiting: Array<Waiting<P>> = [];
	for (let i = 0; i < count; i++) {
		const status = statuses[i];
		if (status === undefined) continue;
		const wait = waits[i];
		if (!again || !wait) {
			results[i] = { ok: true, value: [status] };
			continue;
		}
		const query = again.again(queries[i] as Q, status);
		waiting.push({ status, settings: wait, itemIndex: i, wait, asked: { key: again.read.key(query), query, itemIndex: i } });
	}
	if (!again || waiting.length === 0) return results;

	// Each round asks every distinct due job once, whichever items share it.
	const poll = async (due: Array<Waiting<P>>): Promise<Array<Settled<JobStatus>>> => {
		const distinct = new Map<string, Asked<P>>();
		for (const entry of due) if (!distinct.has(entry.asked.key)) distinct.set(entry.asked.key, entry.asked);
		const read = await readJobs(again.read, [...distinct.values()], { limiter, firstAlone: false, stopOnError });
		return due.map((entry) => read.get(entry.asked.key) ?? { ok: false, error: new HaltedError() });
	};
	const outcomes = await waitForJobs(waiting, run.clock, poll, stopOnError);
	outcomes.forEach((outcome, n) => {
		const { itemIndex, wait } = waiting[n];
		if (!outcome.ok) results[itemIndex] = outcome;
		else if (!outcome.timedOut) results[itemIndex] = { ok: true, value: [outcome.status] };
		else if (wait.onTimeout === 'returnLastStatus') results[itemIndex] = { ok: true, value: [{ ...outcome.status, timedOut: true }] };
		else results[itemIndex] = { ok: false, error: timeoutError(ctx, outcome.status, wait, itemIndex) };
	});
	return results;
}

/** The first real failure in item order; a task that never started (halted) is no failure of its own. */
function throwFirstFailure(ctx: IExecuteFunctions, results: Result[], continueOnFail: boolean): void {
	if (continueOnFail) return;
	const index = results.findIndex((result) => result !== undefined && !result.ok && !(result.error instanceof HaltedError));
	const failed = results[index];
	if (failed && !failed.ok) throw asNodeError(ctx, failed.error, index);
}

/**
 * One output item per record, each with its item's `pairedItem`. Items that shared a read hold the
 * same object: the later ones get a copy, so a node downstream that edits one item edits only that one.
 */
function output(ctx: IExecuteFunctions, results: Result[]): INodeExecutionData[] {
	const emitted = new Set<IDataObject>();
	const own = (json: IDataObject) => {
		if (!emitted.has(json)) {
			emitted.add(json);
			return json;
		}
		return deepCopy(json);
	};
	return results.flatMap((result, itemIndex) => {
		if (result === undefined) return [];
		return result.ok
			? result.value.map((json) => ({ json: own(json), pairedItem: { item: itemIndex } }))
			: [{ json: { error: asNodeError(ctx, result.error, itemIndex).message }, pairedItem: { item: itemIndex } }];
	});
}
