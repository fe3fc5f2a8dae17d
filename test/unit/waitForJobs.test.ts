import type { Settled } from '../../nodes/shared/concurrency';
import { buildJobStatus, type JobState, type JobStatus } from '../../nodes/shared/jobStatus';
import { waitForJobs, type PollRound, type WaitClock, type WaitEntry } from '../../nodes/shared/waitForJobs';

/** A clock whose sleep only moves time forward: the loop is tested without sleeping. */
function fakeClock(): WaitClock & { slept: number[]; advance(ms: number): void } {
	let now = 0;
	const slept: number[] = [];
	return {
		slept,
		now: () => now,
		advance: (ms) => {
			now += ms;
		},
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
	};
}

const status = (jobId: string, state: JobState): JobStatus =>
	buildJobStatus({ vendor: 'vcenter', jobType: 'backup', jobId, state, vendorState: state, details: {} }, true);

interface TestEntry extends WaitEntry {
	poll(): Promise<JobStatus>;
	polls(): number;
}

/** A job that answers the given states on successive polls, then keeps the last. */
function job(id: string, states: JobState[], settings = { pollIntervalMs: 30_000, timeoutMs: 3_600_000 }): TestEntry {
	let polls = 0;
	return {
		status: status(id, states[0]),
		settings,
		polls: () => polls,
		poll: async () => status(id, states[Math.min(++polls, states.length - 1)]),
	};
}

function broken(settings = { pollIntervalMs: 10, timeoutMs: 100 }): TestEntry {
	return { status: status('x', 'running'), settings, polls: () => 0, poll: async () => { throw new Error('boom'); } };
}

/** Polls each due entry; `rounds` records which entries each round asked about. */
function eachPolled(rounds: TestEntry[][] = []): PollRound<TestEntry> {
	return async (due) => {
		rounds.push(due);
		const results: Array<Settled<JobStatus>> = [];
		for (const entry of due) {
			try {
				results.push({ ok: true, value: await entry.poll() });
			} catch (error) {
				results.push({ ok: false, error });
			}
		}
		return results;
	};
}

describe('waitForJobs', () => {
	it('polls only the unfinished jobs each round, all due jobs in one round, and sleeps the interval between rounds', async () => {
		const clock = fakeClock();
		const a = job('a', ['queued', 'running', 'succeeded']);
		const b = job('b', ['running', 'failed']);
		const c = job('c', ['succeeded']);
		const rounds: TestEntry[][] = [];
		const outcomes = await waitForJobs([a, b, c], clock, eachPolled(rounds), false);
		expect(outcomes.map((o) => o.ok && o.status.state)).toEqual(['succeeded', 'failed', 'succeeded']);
		expect([a.polls(), b.polls(), c.polls()]).toEqual([2, 1, 0]);
		expect(rounds).toEqual([[a, b], [a]]);
		expect(clock.slept).toEqual([30_000, 30_000]);
	});

	it('counts the interval from the end of a round that took longer than the interval', async () => {
		const clock = fakeClock();
		const slow = job('s', ['running', 'running', 'succeeded'], { pollIntervalMs: 1_000, timeoutMs: 60_000 });
		const started: number[] = [];
		const poll: PollRound<TestEntry> = async (due) => {
			started.push(clock.now());
			clock.advance(2_500); // the appliance takes 2.5 s to answer
			return await eachPolled()(due);
		};
		await waitForJobs([slow], clock, poll, false);
		// rounds start at 1 s, then 2.5 s (the round) + 1 s (the interval) later: 4.5 s
		expect(started).toEqual([1_000, 4_500]);
		expect(clock.slept).toEqual([1_000, 1_000]);
	});

	it('polls once more at the deadline, then reports the job as timed out', async () => {
		const clock = fakeClock();
		const stuck = job('s', ['running'], { pollIntervalMs: 40_000, timeoutMs: 100_000 });
		const [outcome] = await waitForJobs([stuck], clock, eachPolled(), false);
		expect(outcome).toMatchObject({ ok: true, timedOut: true, status: { state: 'running' } });
		expect(clock.slept).toEqual([40_000, 40_000, 20_000]);
		expect(stuck.polls()).toBe(3);
	});

	it('a timeout shorter than the interval waits only until the timeout', async () => {
		const clock = fakeClock();
		const stuck = job('s', ['running'], { pollIntervalMs: 30_000, timeoutMs: 5_000 });
		await waitForJobs([stuck], clock, eachPolled(), false);
		expect(clock.slept).toEqual([5_000]);
	});

	it('does not sleep or poll at all when every job is already finished', async () => {
		const clock = fakeClock();
		const rounds: TestEntry[][] = [];
		const outcomes = await waitForJobs([job('a', ['succeeded']), job('b', ['cancelled'])], clock, eachPolled(rounds), false);
		expect(outcomes).toHaveLength(2);
		expect(clock.slept).toEqual([]);
		expect(rounds).toEqual([]);
	});

	it("keeps a failing poll as that job's outcome and goes on with the others", async () => {
		const clock = fakeClock();
		const outcomes = await waitForJobs([broken(), job('a', ['running', 'succeeded'], { pollIntervalMs: 10, timeoutMs: 100 })], clock, eachPolled(), false);
		expect(outcomes[0]).toMatchObject({ ok: false, error: new Error('boom') });
		expect(outcomes[1]).toMatchObject({ ok: true, status: { state: 'succeeded' } });
	});

	it('stops at the first failing poll when asked to', async () => {
		const clock = fakeClock();
		const slow = job('a', ['running'], { pollIntervalMs: 50, timeoutMs: 1000 });
		const outcomes = await waitForJobs([broken(), slow], clock, eachPolled(), true);
		expect(outcomes[0].ok).toBe(false);
		expect(slow.polls()).toBe(0);
	});
});
