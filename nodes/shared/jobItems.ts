import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { HaltedError, type Settled } from './concurrency';
import { checkEach, throwFirstFailure, type ItemResult, type ItemRun } from './itemResults';
import { readJobs, type Asked, type JobReader, type JobsOfItem } from './jobReads';
import type { JobStatus } from './jobStatus';
import { readWait, type ItemWait } from './properties';
import { waitForJobs, type WaitEntry } from './waitForJobs';

/**
 * An operation that answers one job per item (Get, Get Latest, Get Details): items that ask the same
 * question share one read, in bulk where the vendor can (see jobReads.ts).
 */
export interface JobOperation<Q, P> {
	/** The item's question, read and checked from its parameters; no request. */
	query(itemIndex: number): Q;
	/** One job per item, or several where one request makes several (each is then an output item, waited for on its own). */
	read: JobReader<Q, JobsOfItem>;
	/** Wait for Completion: how to ask about this job again in a wait round, and who answers. */
	wait?: { again(query: Q, job: JobStatus): P; read: JobReader<P> };
}

interface Question<Q> {
	query: Q;
	wait: ItemWait | undefined;
}

interface Waiting<P> extends WaitEntry {
	itemIndex: number;
	/** Which of the item's jobs (0 unless its first read answered several). */
	part: number;
	wait: ItemWait;
	asked: Asked<P>;
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

/** The distinct questions, each with the first item that asked it (keys computed once, by the caller). */
function distinct<Q>(questions: Array<Asked<Q>>): Array<Asked<Q>> {
	const asked = new Map<string, Asked<Q>>();
	for (const { key, query, itemIndex } of questions) if (!asked.has(key)) asked.set(key, { key, query, itemIndex });
	return [...asked.values()];
}

/**
 * Checks every item, reads each distinct job once, then waits for the jobs of the items that asked,
 * polling each distinct unfinished job once a round. Returns one result per item.
 */
export async function runJobs<Q, P>(ctx: IExecuteFunctions, operation: JobOperation<Q, P>, count: number, run: ItemRun): Promise<ItemResult[]> {
	const { limiter, continueOnFail } = run;
	const stopOnError = !continueOnFail;
	const { results, checked } = checkEach<Question<Q>>(
		ctx,
		count,
		(i) => ({ query: operation.query(i), wait: operation.wait ? readWait(ctx, i) : undefined }),
		continueOnFail,
	);
	const items = checked.flatMap((question, itemIndex) => (question ? [{ ...question, itemIndex, key: operation.read.key(question.query) }] : []));
	const first = await readJobs(operation.read, distinct(items), { limiter, firstAlone: run.firstAlone, stopOnError });

	const again = operation.wait;
	const waiting: Array<Waiting<P>> = [];
	for (const { query, wait, itemIndex, key } of items) {
		const outcome = first.get(key);
		if (!outcome) continue; // not read: an earlier failure stopped the node
		const jobs = outcome.ok ? [outcome.value].flat() : [];
		if (!outcome.ok || !again || !wait) {
			results[itemIndex] = outcome.ok ? { ok: true, value: jobs } : outcome;
			continue;
		}
		results[itemIndex] = { ok: true, value: jobs };
		jobs.forEach((job, part) => {
			const next = again.again(query, job);
			waiting.push({ status: job, settings: wait, itemIndex, part, wait, asked: { key: again.read.key(next), query: next, itemIndex } });
		});
	}
	throwFirstFailure(ctx, results, continueOnFail);
	if (!again || waiting.length === 0) return results;

	// Each round asks every distinct due job once, whichever items share it.
	const poll = async (due: Array<Waiting<P>>): Promise<Array<Settled<JobStatus>>> => {
		const read = await readJobs(again.read, distinct(due.map((entry) => entry.asked)), { limiter, firstAlone: false, stopOnError });
		return due.map((entry) => read.get(entry.asked.key) ?? { ok: false, error: new HaltedError() });
	};
	const outcomes = await waitForJobs(waiting, run.clock, poll, stopOnError);
	// An item's jobs take their places in its output; its first failure (in job order) is the item's.
	outcomes.forEach((outcome, n) => {
		const { itemIndex, part, wait } = waiting[n];
		const result = results[itemIndex];
		if (!result?.ok) return;
		if (!outcome.ok) results[itemIndex] = outcome;
		else if (!outcome.timedOut) result.value[part] = outcome.status;
		else if (wait.onTimeout === 'returnLastStatus') result.value[part] = { ...outcome.status, timedOut: true };
		else results[itemIndex] = { ok: false, error: timeoutError(ctx, outcome.status, wait, itemIndex) };
	});
	return results;
}
