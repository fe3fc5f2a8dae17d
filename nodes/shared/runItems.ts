import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { mapSettled, type Settled } from './concurrency';
import type { JobStatus } from './jobStatus';
import { readWait, type ItemWait } from './properties';
import { cancellableSleep } from './sleep';
import { waitForJobs, type WaitClock, type WaitEntry } from './waitForJobs';

/** What one operation does for one input item; the runner does the rest the same for every vendor. */
export interface ItemOperation {
	/** The records item `itemIndex` asks for: one job status, or a list. */
	fetch(itemIndex: number): Promise<IDataObject[]>;
	/** A fresh status of a job this operation returned, for Wait for Completion. */
	refresh?(itemIndex: number, job: JobStatus): Promise<JobStatus>;
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

/**
 * Runs an operation over every input item with bounded concurrency, then waits for the jobs of the
 * items that asked for it, all in one loop. Items keep their order and `pairedItem`. With Continue
 * On Fail a failing item becomes `{error}` and the others go on; otherwise the first failure (in item
 * order) stops the node before any waiting begins.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency: number,
	clock: WaitClock = executionClock(ctx),
): Promise<INodeExecutionData[]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const results = await fetchAll(itemCount, concurrency, async (i) => await operation.fetch(i), !continueOnFail);

	const waits: Array<{ itemIndex: number; wait: ItemWait }> = [];
	const entries: WaitEntry[] = [];
	if (operation.refresh) {
		const refresh = operation.refresh.bind(operation);
		results.forEach((result, itemIndex) => {
			if (!result.ok || result.value.length !== 1) return;
			let wait: ItemWait | undefined;
			try {
				wait = readWait(ctx, itemIndex);
			} catch (error) {
				// A bad Poll Interval or Timeout fails its own item only.
				results[itemIndex] = { ok: false, error };
				return;
			}
			if (!wait) return;
			const job = result.value[0] as JobStatus;
			waits.push({ itemIndex, wait });
			entries.push({ status: job, settings: wait, poll: async () => await refresh(itemIndex, job) });
		});
	}
	throwFirstFailure(ctx, results, continueOnFail);
	const outcomes = await waitForJobs(entries, clock, concurrency, !continueOnFail);
	outcomes.forEach((outcome, n) => {
		const { itemIndex, wait } = waits[n];
		if (!outcome.ok) results[itemIndex] = outcome;
		else if (!outcome.timedOut) results[itemIndex] = { ok: true, value: [outcome.status] };
		else if (wait.onTimeout === 'returnLastStatus') results[itemIndex] = { ok: true, value: [{ ...outcome.status, timedOut: true }] };
		else results[itemIndex] = { ok: false, error: timeoutError(ctx, outcome.status, wait, itemIndex) };
	});
	throwFirstFailure(ctx, results, continueOnFail);

	return results.flatMap((result, itemIndex) =>
		result.ok
			? result.value.map((json) => ({ json, pairedItem: { item: itemIndex } }))
			: [{ json: { error: asNodeError(ctx, result.error, itemIndex).message }, pairedItem: { item: itemIndex } }],
	);
}

/**
 * The first item goes alone: its request may sign in (no stored session yet), and n8n stores the new
 * session before the other items start, so they reuse it instead of each signing in at once.
 */
async function fetchAll(
	count: number,
	concurrency: number,
	fetch: (index: number) => Promise<IDataObject[]>,
	stopOnError: boolean,
): Promise<Array<Settled<IDataObject[]>>> {
	const first = await mapSettled(Math.min(count, 1), 1, fetch);
	if (count <= 1 || (stopOnError && !first[0].ok)) return first;
	return [...first, ...(await mapSettled(count - 1, concurrency, async (i) => await fetch(i + 1), stopOnError))];
}

function throwFirstFailure(ctx: IExecuteFunctions, results: Array<Settled<unknown>>, continueOnFail: boolean): void {
	if (continueOnFail) return;
	const index = results.findIndex((result) => !result.ok);
	const failed = results[index];
	if (failed && !failed.ok) throw asNodeError(ctx, failed.error, index);
}
