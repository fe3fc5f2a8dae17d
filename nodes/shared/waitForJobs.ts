import type { Settled } from './concurrency';
import { isFinishedState, type JobStatus } from './jobStatus';

export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
}

/** One waiting item: its first status (already polled) and its own interval and timeout. */
export interface WaitEntry {
	status: JobStatus;
	settings: WaitSettings;
}

/**
 * Polls the entries that are due, all in one round, and answers one outcome per entry in their
 * order. The item runner asks each distinct job once, in bulk where the vendor can.
 */
export type PollRound<E extends WaitEntry> = (due: E[]) => Promise<Array<Settled<JobStatus>>>;

/** Time, injected so the loop is tested without sleeping; the node passes n8n's cancellable sleep. */
export interface WaitClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export type WaitOutcome =
	| { ok: true; status: JobStatus; timedOut: boolean }
	| { ok: false; error: unknown };

interface Tracked<E extends WaitEntry> {
	entry: E;
	status: JobStatus;
	deadline: number;
	nextPoll: number;
	outcome?: WaitOutcome;
}

/**
 * Waits until every job of the batch is finished or out of time. The first poll has already
 * happened (poll first, then sleep); each round sleeps until the next entry is due and polls only
 * the due entries that are still unfinished, so a batch where most jobs are done costs only the
 * others. An entry is next due one Poll Interval after the round that polled it *ended*: on a slow
 * appliance, where a round takes longer than the interval, the appliance still gets the pause the
 * user chose instead of one round right after the other. A job is polled one last time at its
 * deadline before it counts as timed out. With `stopOnError`, the first failed poll ends the wait
 * (the caller throws it).
 */
export async function waitForJobs<E extends WaitEntry>(
	entries: E[],
	clock: WaitClock,
	poll: PollRound<E>,
	stopOnError: boolean,
): Promise<WaitOutcome[]> {
	const start = clock.now();
	const jobs: Array<Tracked<E>> = entries.map((entry) => ({
		entry,
		status: entry.status,
		deadline: start + entry.settings.timeoutMs,
		nextPoll: start + Math.min(entry.settings.pollIntervalMs, entry.settings.timeoutMs),
		outcome: isFinishedState(entry.status.state) ? { ok: true, status: entry.status, timedOut: false } : undefined,
	}));
	for (;;) {
		const waiting = jobs.filter((job) => job.outcome === undefined);
		if (waiting.length === 0) break;
		const wake = Math.min(...waiting.map((job) => job.nextPoll));
		const pause = wake - clock.now();
		if (pause > 0) await clock.sleep(pause);
		const now = clock.now();
		const due = waiting.filter((job) => job.nextPoll <= now);
		const polled = await poll(due.map((job) => job.entry));
		const ended = clock.now();
		polled.forEach((result, i) => {
			const job = due[i];
			if (!result.ok) {
				job.outcome = result;
				return;
			}
			job.status = result.value;
			if (isFinishedState(result.value.state)) job.outcome = { ok: true, status: result.value, timedOut: false };
			else if (now >= job.deadline) job.outcome = { ok: true, status: result.value, timedOut: true };
			else job.nextPoll = Math.min(ended + job.entry.settings.pollIntervalMs, job.deadline);
		});
		if (stopOnError && polled.some((r) => !r.ok)) break;
	}
	return jobs.map((job) => job.outcome ?? { ok: true, status: job.status, timedOut: true });
}
