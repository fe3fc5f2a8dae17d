import {
	buildJobStatus,
	combineStates,
	isFinishedState,
	isSuccessState,
	stateMapper,
	toPercent,
	type JobState,
} from '../../nodes/shared/jobStatus';

describe('isFinished / isSuccess from the normalized state', () => {
	it.each<[JobState, boolean, boolean | null]>([
		['queued', false, null],
		['running', false, null],
		['unknown', false, null],
		['succeeded', true, true],
		['warning', true, true],
		['failed', true, false],
		['cancelled', true, false],
	])('%s → isFinished %s, isSuccess %s', (state, finished, success) => {
		expect(isFinishedState(state)).toBe(finished);
		expect(isSuccessState(state)).toBe(success);
	});
});

describe('stateMapper', () => {
	const map = stateMapper({ Running: 'running', Succeeded: 'succeeded' }, { caseInsensitive: true });
	it('maps documented values, case-insensitively when asked, trimming spaces', () => {
		expect(map('Running')).toBe('running');
		expect(map(' SUCCEEDED ')).toBe('succeeded');
	});
	it('maps anything else to unknown and never throws', () => {
		for (const value of ['Exploded', '', null, undefined, 42, {}]) expect(map(value)).toBe('unknown');
	});
	it('is exact by default', () => {
		expect(stateMapper({ NONE: 'queued' })('none')).toBe('unknown');
	});
});

describe('combineStates: the worst part once every part is finished', () => {
	it.each<[JobState[], JobState]>([
		[['succeeded', 'succeeded'], 'succeeded'],
		[['succeeded', 'warning'], 'warning'],
		[['warning', 'cancelled'], 'cancelled'],
		[['cancelled', 'failed', 'succeeded'], 'failed'],
		[['succeeded', 'running'], 'running'],
		[['failed', 'queued'], 'running'],
		[['queued', 'queued'], 'queued'],
		[['queued', 'unknown'], 'unknown'],
		[[], 'unknown'],
	])('%j → %s', (parts, expected) => expect(combineStates(parts)).toBe(expected));
});

describe('toPercent', () => {
	it('clamps percentages to 0–100 and gives null for non-numbers', () => {
		expect(toPercent(37)).toBe(37);
		expect(toPercent('40')).toBe(40);
		expect(toPercent(140)).toBe(100);
		expect(toPercent(-3)).toBe(0);
		expect(toPercent('x')).toBeNull();
		expect(toPercent(undefined)).toBeNull();
	});
});

describe('buildJobStatus', () => {
	const facts = {
		vendor: 'vcenter' as const,
		jobType: 'backup' as const,
		jobId: 'j1',
		state: 'failed' as const,
		vendorState: 'FAILED',
		progressPercent: 12,
		startedAt: '2024-03-15T02:00:02.114Z',
		endedAt: '2024-03-15T02:01:30.006Z',
		message: 'Backup job failed.',
		details: { id: 'j1', state: 'FAILED' },
	};
	it('fills every contract field and leaves details out when simplified', () => {
		expect(buildJobStatus(facts, true)).toEqual({
			vendor: 'vcenter', jobType: 'backup', jobId: 'j1', jobName: null, state: 'failed', isFinished: true, isSuccess: false,
			vendorState: 'FAILED', progressPercent: 12, startedAt: facts.startedAt, endedAt: facts.endedAt,
			durationSeconds: 87.892, message: 'Backup job failed.', steps: [],
		});
	});
	it('adds the vendor record when Simplify is off', () => {
		expect(buildJobStatus(facts, false).details).toEqual(facts.details);
	});
});
