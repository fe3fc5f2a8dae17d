import { NodeApiError, NodeOperationError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { Settled } from './concurrency';
import type { JobReader, JobsOfItem } from './jobReads';
import type { JobStatus } from './jobStatus';
import type { IfAlreadyRunningChoice } from './properties';
import { isLostAnswer } from './request';
import type { WaitClock } from './waitForJobs';

/**
 * Actions and restores: start, find, wait (DESIGN.md). An action is a write that answers the
 * job-status item of the job it started or acted on, so IF, Wait for Completion and the triggers
 * work after it as after a Get. This file does what every vendor's action has in common; a vendor
 * supplies its requests, how its answer names the job and how to find a new job.
 *
 * An action is a `JobReader` of the item's request: the item runner then gives it what reads have
 * (items with the same key share one start, Concurrent Requests, Continue On Fail, pairedItem) and
 * Wait for Completion follows the job with the vendor's own reader (`JobOperation.wait`).
 */

/**
 * The job (or jobs) a start concerns, by reference. Several where one request makes several jobs
 * (a Huawei policy run makes one task per disk): each becomes an output item, waited for on its own.
 */
export type Started<P> = P | P[] | undefined;

/** What was there before a start: the running job, if any, and what tells a new job from older ones. */
export interface BeforeStart<P, B> {
	/** The job of this target that runs now (its reference), if any. */
	running: Started<P>;
	/** Whatever the vendor's `find` needs to tell the new job from older ones (ids seen, a time). */
	snapshot: B;
}

/** A vendor's start operation (Run Now, Start, Back Up, Create, Restore). */
export interface StartAction<S, P, B> {
	/** Equal for items that start the same job in the same way: they start it once and share its item. */
	key(request: S): string;
	/** The reads before the write; one call where the vendor can answer both questions at once. */
	before(request: S, itemIndex: number): Promise<BeforeStart<P, B>>;
	/**
	 * Sends the write, once: never retried (the request client repeats only reads). Answers the new
	 * job's reference where the answer names it, or undefined where it names none (then `find` is asked).
	 * `snapshot` is what `before` learnt, for a write that needs it (the source a restore reads from).
	 */
	start(request: S, itemIndex: number, snapshot: B): Promise<Started<P>>;
	/**
	 * The job this start made: one that appeared after `snapshot` and matches the request, never an
	 * older one or another client's. Undefined when it cannot tell (none yet, or more than one).
	 */
	find(request: S, snapshot: B, itemIndex: number): Promise<Started<P>>;
	/** Reads one job (the vendor's reader of Get), for the first item and the wait. */
	read: JobReader<P>;
	/** If Already Running of the item: what a start does when the job runs already, decided before any write. */
	ifAlreadyRunning(request: S): IfAlreadyRunningChoice;
	/** Where the user sees whether the job started, for the error when that cannot be told: "the Backup page of the appliance". */
	whereToCheck: string;
	/** Tries of `find` after a start (a new job may take a moment to be listed), a pause between them. */
	findTries?: number;
	findPauseMs?: number;
}

/** A vendor's action on an existing job (Cancel, Stop, Kill, Suspend, Resume). */
export interface JobAction<S, P> {
	key(request: S): string;
	/** The job it acts on. */
	target(request: S): P;
	/** Sends the action, once. A job it made (Retry, Resubmit) is its answer; otherwise undefined. */
	act(request: S, itemIndex: number): Promise<P | undefined>;
	read: JobReader<P>;
	/**
	 * For an action that makes a new job (Resubmit): where the user sees it. Its lost answer is then an
	 * error that says a job may have started, not the old job's item, which would invite a second try.
	 */
	makesJobSeenIn?: string;
}

function refusedToStart(ctx: IExecuteFunctions, job: JobStatus, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The job is already running (${job.jobId}, ${job.vendorState}); nothing was started [item ${itemIndex}]`, {
		itemIndex,
		description: 'If Already Running is "Stop With an Error". Choose "Return the Running Job" to follow the job that runs, or wait until it has finished.',
	});
}

/** The start's answer never came: it may have started a job, which could not be found. */
function mayHaveStarted(ctx: IExecuteFunctions, cause: unknown, where: string, itemIndex: number): NodeApiError {
	const said = cause instanceof Error ? cause.message : String(cause);
	const message = `The answer to the start was lost (${said.replace(/\.$/, '')}): the job may have started [item ${itemIndex}]`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `Nothing was sent again. Check ${where} before running the workflow again, so the job does not run twice.`,
		itemIndex,
	});
}

/** A promise's outcome as a value, so a failure can be looked at before it is passed on. */
async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}

/** The references of a `Started`: none, one or several. */
function listOf<P>(started: Started<P>): P[] {
	if (started === undefined) return [];
	return Array.isArray(started) ? (started as P[]) : [started];
}

/** Asks `find` until it knows, `tries` times at most, pausing between. */
async function findNew<S, P, B>(action: StartAction<S, P, B>, clock: WaitClock, request: S, snapshot: B, itemIndex: number): Promise<P[]> {
	const tries = action.findTries ?? 1;
	for (let n = 1; ; n++) {
		const found = listOf(await action.find(request, snapshot, itemIndex));
		if (found.length > 0 || n >= tries) return found;
		await clock.sleep(action.findPauseMs ?? 1000);
	}
}

/**
 * The items of the jobs, one after the other within the item's one request slot; several of one
 * batch (the tasks of one policy) in one bulk call where the reader has one, the rest alone.
 */
async function readEach<P>(reader: JobReader<P>, refs: P[], itemIndex: number): Promise<JobStatus[]> {
	const bulk = reader.bulk;
	const batch = bulk?.batchOf(refs[0]);
	const together = bulk !== undefined && batch !== undefined && refs.length >= (bulk.minSize ?? 2) && refs.length <= bulk.maxSize && refs.every((r) => bulk.batchOf(r) === batch);
	const found = together ? await bulk.readMany(refs, itemIndex) : new Map<string, JobStatus>();
	const jobs: JobStatus[] = [];
	for (const ref of refs) jobs.push(found.get(reader.key(ref)) ?? (await reader.readOne(ref, itemIndex)));
	return jobs;
}

/** One job stays one item (as a Get answers); several are the item's list. */
const itemOf = (jobs: JobStatus[]): JobsOfItem => (jobs.length === 1 ? jobs[0] : jobs);

/**
 * A start as the reader of its item: If Already Running before any write; the write once; the job
 * named by the answer, or found among the new ones; on a lost answer, the job found the same way or
 * an error that says it may have started. Then the job's own item.
 */
export function startReader<S, P, B>(ctx: IExecuteFunctions, action: StartAction<S, P, B>, clock: WaitClock): JobReader<S, JobsOfItem> {
	return {
		key: (request) => `start ${action.key(request)}`,
		readOne: async (request, i) => {
			const { running, snapshot } = await action.before(request, i);
			const policy = action.ifAlreadyRunning(request);
			const runningRefs = listOf(running);
			if (runningRefs.length > 0 && policy !== 'startAnother') {
				// The list said running; the job's own read has the last word (it may have ended since).
				const stillRunning = (await readEach(action.read, runningRefs, i)).filter((job) => !job.isFinished);
				if (stillRunning.length > 0) {
					if (policy === 'error') throw refusedToStart(ctx, stillRunning[0], i);
					return itemOf(stillRunning);
				}
			}
			const answer = await settle(action.start(request, i, snapshot));
			if (!answer.ok && !isLostAnswer(answer.error)) throw answer.error;
			// Sent, but no answer, or an answer that names no job: find what it started; never send it again.
			const named = answer.ok ? listOf(answer.value) : [];
			const started = named.length > 0 ? named : await findNew(action, clock, request, snapshot, i);
			if (!answer.ok && started.length === 0) throw mayHaveStarted(ctx, answer.error, action.whereToCheck, i);
			if (started.length === 0) {
				const message = `The start was accepted, but the job it started was not found, or could not be told apart from another one that started at the same time [item ${i}]`;
				throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
					message,
					description: `Nothing was sent again. Check ${action.whereToCheck} for the new job, and follow it with Get.`,
					itemIndex: i,
				});
			}
			return itemOf(await readEach(action.read, started, i));
		},
	};
}

/**
 * An action on an existing job as the reader of its item: the action once, then the item of the job
 * (or of the job it made). A lost answer is not an error here: the job's item shows what happened;
 * unless the action makes a new job, which then may exist unseen (`makesJobSeenIn`).
 */
export function jobActionReader<S, P>(ctx: IExecuteFunctions, action: JobAction<S, P>): JobReader<S> {
	return {
		key: (request) => `act ${action.key(request)}`,
		readOne: async (request, i) => {
			const answer = await settle(action.act(request, i));
			if (!answer.ok && !isLostAnswer(answer.error)) throw answer.error;
			if (!answer.ok && action.makesJobSeenIn !== undefined) throw mayHaveStarted(ctx, answer.error, action.makesJobSeenIn, i);
			return await action.read.readOne((answer.ok ? answer.value : undefined) ?? action.target(request), i);
		},
	};
}
