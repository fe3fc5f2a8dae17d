import { buildJobStatus, type JobState, type JobStatus } from '../../nodes/shared/jobStatus';
import { mapSettled } from '../../nodes/shared/concurrency';
import { waitForJobs, type WaitClock, type WaitEntry } from '../../nodes/shared/waitForJobs';

/** A clock whose sleep only moves time forward: the loop is tested without sleeping. */
function fakeClock(): WaitClock & { slept: number[] } {
	let now = 0;
	const slept: number[] = [];
	return {
		slept,
		now: () => now,
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
	};
}

const status = (jobId: string, state: JobState): JobStatus =>
	buildJobStatus({ vendor: 'vcenter', jobId, state, vendorState: state, details: {} }, true);

/** A job that answers the given states on successive polls, then keeps the last. */
function job(id: string, states: JobState[], settings = { pollIntervalMs: 30_000, timeoutMs: 3_600_000 }) {
	let polls = 0;
	const entry: WaitEntry & { polls: () => number } = {
		status: status(id, states[0]),
		settings,
		polls: () => polls,
		poll: async () => status(id, states[Math.min(++polls, states.length - 1)]),
	};
	return entry;
}

describe('waitForJobs', () => {
	it('polls only the unfinished jobs each round and sleeps the interval between rounds', async () => {
		const clock = fakeClock();
		const a = job('a', ['queued', 'running', 'succeeded']);
		const b = job('b', ['running', 'failed']);
		const c = job('c', ['succeeded']);
		const outcomes = await waitForJobs([a, b, c], clock, 5, false);
		expect(outcomes.map((o) => o.ok && o.status.state)).toEqual(['succeeded', 'failed', 'succeeded']);
		expect([a.polls(), b.polls(), c.polls()]).toEqual([2, 1, 0]);
		expect(clock.slept).toEqual([30_000, 30_000]);
	});

	it('polls once more at the deadline, then reports the job as timed out', async () => {
		const clock = fakeClock();
		const stuck = job('s', ['running'], { pollIntervalMs: 40_000, timeoutMs: 100_000 });
		const [outcome] = await waitForJobs([stuck], clock, 5, false);
		expect(outcome).toMatchObject({ ok: true, timedOut: true, status: { state: 'running' } });
		expect(clock.slept).toEqual([40_000, 40_000, 20_000]);
		expect(stuck.polls()).toBe(3);
	});

	it('a timeout shorter than the interval waits only until the timeout', async () => {
		const clock = fakeClock();
		const stuck = job('s', ['running'], { pollIntervalMs: 30_000, timeoutMs: 5_000 });
		await waitForJobs([stuck], clock, 5, false);
		expect(clock.slept).toEqual([5_000]);
	});

	it('does not sleep at all when every job is already finished', async () => {
		const clock = fakeClock();
		const outcomes = await waitForJobs([job('a', ['succeeded']), job('b', ['cancelled'])], clock, 5, false);
		expect(outcomes).toHaveLength(2);
		expect(clock.slept).toEqual([]);
	});

	it('keeps a failing poll as that job\'s outcome and goes on with the others', async () => {
		const clock = fakeClock();
		const broken: WaitEntry = { status: status('x', 'running'), settings: { pollIntervalMs: 10, timeoutMs: 100 }, poll: async () => { throw new Error('boom'); } };
		const outcomes = await waitForJobs([broken, job('a', ['running', 'succeeded'], { pollIntervalMs: 10, timeoutMs: 100 })], clock, 5, false);
		expect(outcomes[0]).toMatchObject({ ok: false, error: new Error('boom') });
		expect(outcomes[1]).toMatchObject({ ok: true, status: { state: 'succeeded' } });
	});

	it('stops at the first failing poll when asked to', async () => {
		const clock = fakeClock();
		const broken: WaitEntry = { status: status('x', 'running'), settings: { pollIntervalMs: 10, timeoutMs: 100 }, poll: async () => { throw new Error('boom'); } };
		const slow = job('a', ['running'], { pollIntervalMs: 50, timeoutMs: 1000 });
		const outcomes = await waitForJobs([broken, slow], clock, 5, true);
		expect(outcomes[0].ok).toBe(false);
		expect(slow.polls()).toBe(0);
	});
});

describe('mapSettled', () => {
	it('never runs more than the limit at once and keeps index order', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapSettled(20, 3, async (i) => {
			running++;
			peak = Math.max(peak, running);
			await Promise.resolve();
			await Promise.resolve();
			running--;
			if (i === 7) throw new Error('seven');
			return i * 2;
		});
		expect(peak).toBe(3);
		expect(results).toHaveLength(20);
		expect(results[7]).toMatchObject({ ok: false });
		expect(results[19]).toEqual({ ok: true, value: 38 });
	});

	it('starts no new task after a failure with stopOnError', async () => {
		const started: number[] = [];
		const results = await mapSettled(10, 1, async (i) => {
			started.push(i);
			if (i === 2) throw new Error('two');
			return i;
		}, true);
		expect(started).toEqual([0, 1, 2]);
		expect(results).toHaveLength(3);
	});
});
