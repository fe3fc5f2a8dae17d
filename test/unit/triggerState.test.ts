import { buildJobStatus, type JobState, type JobStatus } from '../../nodes/shared/jobStatus';
import { endIsWanted, hasStarted, matchingMilestone, type JobEvent } from '../../nodes/shared/triggerEvents';
import { advance, isTriggerState, knownJobs, MAX_HANDLED, MAX_OPEN, type TriggerState } from '../../nodes/shared/triggerState';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-15T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A job-status item as a vendor would list it: started `startH` hours after T0, ended `endH` hours after. */
function job(id: string, state: JobState, startH: number, endH?: number): JobStatus {
	return buildJobStatus(
		{
			vendor: 'vcenter', jobType: 'backup',
			jobId: id,
			state,
			vendorState: state.toUpperCase(),
			startedAt: iso(T0 + startH * HOUR),
			endedAt: endH === undefined ? null : iso(T0 + endH * HOUR),
			details: {},
		},
		true,
	);
}

const FAILED: JobEvent[] = ['failed'];
const SCOPE = 'scope-a';

/** Polls as n8n would: the state goes through JSON (the workflow's static data) between polls. */
function poll(previous: TriggerState | undefined, jobs: JobStatus[], events: JobEvent[] = FAILED) {
	const outcome = advance(previous, jobs, events, SCOPE);
	const stored = JSON.parse(JSON.stringify(outcome.state)) as unknown;
	expect(isTriggerState(stored)).toBe(true);
	return { ids: outcome.emit.map((j) => j.jobId), state: stored as TriggerState, emit: outcome.emit };
}

describe('trigger events', () => {
	it.each<[JobEvent, JobState, boolean]>([
		['finished', 'succeeded', true],
		['finished', 'warning', true],
		['finished', 'failed', true],
		['finished', 'cancelled', true],
		['finished', 'running', false],
		['failed', 'failed', true],
		['failed', 'cancelled', true],
		['failed', 'succeeded', false],
		['failed', 'warning', false],
		['succeeded', 'succeeded', true],
		['succeeded', 'warning', false],
		['warning', 'warning', true],
		['warning', 'succeeded', false],
		['started', 'failed', false],
	])('%s matches an end in state %s: %s', (event, state, expected) => {
		expect(endIsWanted([event], state)).toBe(expected);
	});

	it('a job has started once it runs or ended; queued and unknown have not', () => {
		expect(['queued', 'unknown'].map((s) => hasStarted(s as JobState))).toEqual([false, false]);
		expect(['running', 'succeeded', 'failed'].map((s) => hasStarted(s as JobState))).toEqual([true, true, true]);
	});

	it('the milestone a job matches: its end first, its start for Job Started', () => {
		expect(matchingMilestone(['started', 'failed'], job('a', 'failed', 1, 2))).toBe('end');
		expect(matchingMilestone(['started', 'failed'], job('a', 'succeeded', 1, 2))).toBe('start');
		expect(matchingMilestone(['failed'], job('a', 'running', 1))).toBeUndefined();
	});
});

describe('trigger state transitions', () => {
	it('the first poll records where things stand and emits nothing, however many jobs failed before', () => {
		const first = poll(undefined, [job('old-fail', 'failed', 1, 2), job('running', 'running', 3), job('queued', 'queued', 4)]);
		expect(first.ids).toEqual([]);
		expect(first.state.open.sort()).toEqual(['queued', 'running']);
		expect(first.state.handled).toEqual(expect.arrayContaining(['s:old-fail', 'e:old-fail', 's:running']));
		const again = poll(first.state, [job('old-fail', 'failed', 1, 2), job('running', 'running', 3), job('queued', 'queued', 4)]);
		expect(again.ids).toEqual([]);
	});

	it('a job seen running that failed between two polls is emitted once', () => {
		const s1 = poll(undefined, [job('j1', 'running', 1)]).state;
		const s2 = poll(s1, [job('j1', 'failed', 1, 2)]);
		expect(s2.ids).toEqual(['j1']);
		expect(s2.emit[0]).toMatchObject({ state: 'failed', isFinished: true, isSuccess: false });
		expect(s2.state.open).toEqual([]);
		expect(poll(s2.state, [job('j1', 'failed', 1, 2)]).ids).toEqual([]);
	});

	it('a job that started and failed between two polls is emitted once', () => {
		const s1 = poll(undefined, [job('old', 'succeeded', 0, 1)]).state;
		const s2 = poll(s1, [job('old', 'succeeded', 0, 1), job('quick', 'failed', 2, 2.1)]);
		expect(s2.ids).toEqual(['quick']);
		expect(poll(s2.state, [job('quick', 'failed', 2, 2.1)]).ids).toEqual([]);
	});

	it('a job pruned from the history before it was seen to end is not invented', () => {
		const s1 = poll(undefined, [job('j1', 'running', 1)]).state;
		const s2 = poll(s1, []);
		expect(s2.ids).toEqual([]);
		expect(s2.state.open).toEqual([]);
		expect(poll(s2.state, []).ids).toEqual([]);
	});

	it('a job that ended while n8n was down is emitted by the first poll after the restart', () => {
		const before = poll(undefined, [job('j1', 'running', 1)]).state;
		const persisted = JSON.parse(JSON.stringify(before)) as TriggerState; // what n8n stored
		const afterRestart = poll(persisted, [job('j1', 'failed', 1, 5), job('j2', 'cancelled', 3, 4)]);
		expect(afterRestart.ids).toEqual(['j2', 'j1']); // in the order they ended
	});

	it('only the chosen events are emitted, and a non-matching end is handled (not emitted later)', () => {
		const s1 = poll(undefined, []).state;
		const s2 = poll(s1, [job('ok', 'succeeded', 1, 2), job('warn', 'warning', 1, 3), job('bad', 'failed', 1, 4)], ['warning']);
		expect(s2.ids).toEqual(['warn']);
		// choosing more events later does not bring back what was already handled
		expect(poll(s2.state, [job('ok', 'succeeded', 1, 2), job('bad', 'failed', 1, 4)], ['finished']).ids).toEqual([]);
	});

	it('Job Started emits a start once; a job first seen ended gives one item, its end', () => {
		const events: JobEvent[] = ['started', 'finished'];
		const s1 = poll(undefined, [], events).state;
		const s2 = poll(s1, [job('a', 'queued', 1), job('b', 'running', 1), job('c', 'failed', 1, 2)], events);
		expect(s2.ids).toEqual(['b', 'c']); // b started at 1 h, c ended at 2 h; a is only queued
		const s3 = poll(s2.state, [job('a', 'running', 1), job('b', 'running', 1)], events);
		expect(s3.ids).toEqual(['a']);
		const s4 = poll(s3.state, [job('a', 'succeeded', 1, 3), job('b', 'running', 1)], events);
		expect(s4.ids).toEqual(['a']);
		expect(s4.emit[0].state).toBe('succeeded');
	});

	it('Job Started alone reports a job that started and ended between polls, with its end state', () => {
		const s1 = poll(undefined, [], ['started']).state;
		expect(poll(s1, [job('a', 'succeeded', 1, 2)], ['started']).ids).toEqual(['a']);
	});

	it('emits oldest event first, so tickets are opened in the order jobs ended', () => {
		const s1 = poll(undefined, []).state;
		const out = poll(s1, [job('late', 'failed', 1, 9), job('early', 'failed', 5, 6), job('mid', 'failed', 2, 7)]);
		expect(out.ids).toEqual(['early', 'mid', 'late']);
	});

	it('a job never seen that started before what activation saw is history (a summary view missed it)', () => {
		const s1 = poll(undefined, [job('last-of-group', 'running', 10)]).state;
		expect(s1.baselineMark).toBe(T0 + 10 * HOUR);
		const out = poll(s1, [job('last-of-group', 'succeeded', 10, 11), job('before', 'failed', 8, 9), job('after', 'failed', 12, 13)]);
		expect(out.ids).toEqual(['after']);
	});

	it('a job listed twice in one answer counts once', () => {
		const s1 = poll(undefined, []).state;
		expect(poll(s1, [job('a', 'failed', 1, 2), job('a', 'failed', 1, 2)]).ids).toEqual(['a']);
	});
});

describe('trigger state bounds and validation', () => {
	it('stays bounded however long it runs, dropping the milestones seen longest ago', () => {
		let state = poll(undefined, []).state;
		let emitted = 0;
		// 10 jobs per poll, each job visible in 3 polls (a sliding window), 1,000 polls
		for (let p = 0; p < 1000; p++) {
			const window = Array.from({ length: 30 }, (_, k) => {
				const n = p * 10 - k;
				return n < 0 ? undefined : job(`job-${n}`, n % 7 === 0 ? 'failed' : 'succeeded', n, n + 0.5);
			}).filter((j): j is JobStatus => j !== undefined);
			const out = poll(state, window);
			emitted += out.ids.length;
			state = out.state;
		}
		expect(state.handled.length).toBeLessThanOrEqual(MAX_HANDLED);
		// every failure emitted exactly once: jobs 0 … 9,990 (the newest of the last poll), every 7th
		expect(emitted).toBe(Array.from({ length: 9991 }, (_, n) => n).filter((n) => n % 7 === 0).length);
		expect(JSON.stringify(state).length).toBeLessThan(120_000);
	});

	it('a job still shown is never forgotten, even after thousands of newer milestones', () => {
		let state = poll(undefined, [job('pinned', 'failed', 0, 1)]).state;
		for (let p = 0; p < 50; p++) {
			const burst = Array.from({ length: 100 }, (_, k) => job(`b-${p}-${k}`, 'succeeded', 2 + p, 2.5 + p));
			state = poll(state, [job('pinned', 'failed', 0, 1), ...burst]).state;
		}
		expect(state.handled).toContain('e:pinned');
		expect(poll(state, [job('pinned', 'failed', 0, 1)]).ids).toEqual([]);
	});

	it('keeps at most MAX_OPEN unfinished jobs', () => {
		const many = Array.from({ length: MAX_OPEN + 50 }, (_, k) => job(`r-${k}`, 'running', 1));
		expect(poll(undefined, many).state.open).toHaveLength(MAX_OPEN);
	});

	it.each<[string, unknown]>([
		['nothing', undefined],
		['a string', 'corrupted'],
		['an array', []],
		['an older format', { lastTimeChecked: '2024-03-15T00:00:00Z' }],
		['another version', { version: 2, scope: 'x', baselineMark: null, open: [], handled: [] }],
		['a bad mark', { version: 1, scope: 'x', baselineMark: 'yesterday', open: [], handled: [] }],
		['a bad key', { version: 1, scope: 'x', baselineMark: null, open: [], handled: ['x:1'] }],
		['a non-string id', { version: 1, scope: 'x', baselineMark: null, open: [1], handled: [] }],
		['too many keys', { version: 1, scope: 'x', baselineMark: null, open: [], handled: Array.from({ length: MAX_HANDLED + 1 }, (_, k) => `e:${k}`) }],
	])('rejects %s as a state (the trigger then starts over)', (_label, value) => {
		expect(isTriggerState(value)).toBe(false);
	});

	it('knownJobs tells vendors which jobs earlier polls saw', () => {
		const state = poll(undefined, [job('done', 'failed', 1, 2), job('run', 'running', 3), job('wait', 'queued', 4)]).state;
		const known = knownJobs(state);
		expect(['done', 'run', 'wait', 'other'].map((id) => known.seen(id))).toEqual([true, true, true, false]);
		expect([...known.openJobIds].sort()).toEqual(['run', 'wait']);
		expect(knownJobs(undefined).seen('done')).toBe(false);
	});
});
