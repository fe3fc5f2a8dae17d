import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { HaltedError, Limiter, type Spread } from './concurrency';
import { checkEach, throwFirstFailure, toOutput, type ItemResult, type ItemRun } from './itemResults';
import { runJobs, type JobOperation } from './jobItems';
import { cancellableSleep } from './sleep';
import type { WaitClock } from './waitForJobs';

export type { JobOperation } from './jobItems';

/** An operation that returns a list per item (Get Many): each item is fetched on its own. */
export interface ListOperation<S = unknown> {
	/** Reads and checks the item's parameters before any request of the node. */
	validate?(itemIndex: number): S;
	/**
	 * The records item `itemIndex` asks for. `checked` is what `validate` returned for the item, so its
	 * parameters are read once, not again here. A fetch holds one slot of Concurrent Requests and sends
	 * one request at a time on it; requests that do not depend on each other go through `spread`, which
	 * adds the slots free at that moment (see Limiter.spread).
	 */
	fetch(itemIndex: number, checked: S, spread: Spread): Promise<IDataObject[]>;
}

export type { Spread } from './concurrency';

export interface RunSettings {
	/**
	 * The credential already holds a session or token (n8n stored it in an earlier execution), so the
	 * first request need not go alone to sign in (ReadSettings.firstAlone): with answers 50 ms late,
	 * that saves a whole round trip on every execution but the first. The price: when that stored
	 * session has expired meanwhile, each request of the first wave (at most Concurrent Requests)
	 * meets the 401 and n8n signs in again for each of them.
	 */
	signedIn?: boolean;
	clock?: WaitClock;
}

/** n8n's cancellable sleep: stopping the execution ends a wait at once. */
export function executionClock(ctx: IExecuteFunctions): WaitClock {
	return {
		now: () => Date.now(),
		sleep: async (ms) => await cancellableSleep(ms, ctx.getExecutionCancelSignal()),
	};
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
	const run: ItemRun = {
		limiter: new Limiter(concurrency),
		clock: settings.clock ?? executionClock(ctx),
		continueOnFail,
		firstAlone: settings.signedIn !== true,
	};
	const count = ctx.getInputData().length;
	const results = 'fetch' in operation ? await runList(ctx, operation, count, run) : await runJobs(ctx, operation, count, run);
	throwFirstFailure(ctx, results, continueOnFail);
	return toOutput(ctx, results);
}

async function runList<S>(ctx: IExecuteFunctions, operation: ListOperation<S>, count: number, run: ItemRun): Promise<ItemResult[]> {
	const { limiter, continueOnFail } = run;
	const { results, checked } = checkEach(ctx, count, (i) => operation.validate?.(i) as S, continueOnFail);
	const spread: Spread = async (tasks) => await limiter.spread(tasks);
	const fetch = async (i: number) => {
		if (results[i]) return;
		try {
			results[i] = { ok: true, value: await limiter.run(async () => await operation.fetch(i, checked[i] as S, spread)) };
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
