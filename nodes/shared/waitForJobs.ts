import { isFinishedState, type JobStatus } from './jobStatus';
import { mapSettled } from './concurrency';

export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
}

/** One job of the batch: its first status (already polled) and how to poll it again. */
export interface WaitEntry {
	status: JobStatus;
	settings: WaitSettings;
	poll(): Promise<JobStatus>;
}

/** Time, injected so the loop is tested without sleeping; the node passes n8n's cancellable sleep. */
export interface WaitClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export type WaitOutcome =
	| { ok: true; status: JobStatus; timedOut: boolean }
	| { ok: false; error: unknown };

interface Tracked {
	entry: WaitEntry;
	status: JobStatus;
	deadline: number;
	nextPoll: number;
	outcome?: WaitOutcome;
}

/**
 * Waits until every job of the batch is finished or out of time. The first poll has already
 * happened (poll first, then sleep); each round sleeps until the next job is due and polls only the
 * due jobs that are still unfinished, so a batch of three jobs where two are done costs one request
 * per round. A job is polled one last time at its deadline before it counts as timed out.
 * With `stopOnError`, the first failed poll ends the wait (the caller throws it).
 */
export async function waitForJobs(
	entries: WaitEntry[],
	clock: WaitClock,
	concurrency: number,
	stopOnError: boolean,
): Promise<WaitOutcome[]> {
	const start = clock.now();
	const jobs: Tracked[] = entries.map((entry) => ({
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
		const polled = await mapSettled(due.length, concurrency, async (i) => await due[i].entry.poll(), stopOnError);
		polled.forEach((result, i) => {
			const job = due[i];
			if (!result.ok) {
				job.outcome = result;
				return;
			}
			job.status = result.value;
			if (isFinishedState(result.value.state)) job.outcome = { ok: true, status: result.value, timedOut: false };
			else if (now >= job.deadline) job.outcome = { ok: true, status: result.value, timedOut: true };
			else job.nextPoll = Math.min(now + job.entry.settings.pollIntervalMs, job.deadline);
		});
		if (stopOnError && polled.some((r) => !r.ok)) break;
	}
	return jobs.map((job) => job.outcome ?? { ok: true, status: job.status, timedOut: true });
}
