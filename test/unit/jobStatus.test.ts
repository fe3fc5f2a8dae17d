import {
	buildJobStatus,
	combineStates,
	durationSeconds,
	formatIsoUtc,
	isFinishedState,
	isSuccessState,
	stateMapper,
	toIsoTime,
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

describe('toIsoTime', () => {
	it.each<[unknown, Parameters<typeof toIsoTime>[1], string | null]>([
		[1680005024062490, 'microseconds', '2023-03-28T12:03:44.062Z'],
		[1710468002114, 'milliseconds', '2024-03-15T02:00:02.114Z'],
		[1710468002, 'seconds', '2024-03-15T02:00:02.000Z'],
		['1710468002', 'seconds', '2024-03-15T02:00:02.000Z'],
		['2024-03-15T02:00:02.114Z', undefined, '2024-03-15T02:00:02.114Z'],
		['2024-03-15T04:00:02+02:00', undefined, '2024-03-15T02:00:02.000Z'],
		['2024-03-15 02:00:02', undefined, '2024-03-15T02:00:02.000Z'],
		['2024-03-15T02:00:02', undefined, '2024-03-15T02:00:02.000Z'],
		[0, 'microseconds', null],
		[-5, 'seconds', null],
		['not a date', undefined, null],
		['', undefined, null],
		[null, undefined, null],
		[undefined, undefined, null],
		[Number.NaN, 'seconds', null],
	])('%p (%s) → %p', (value, unit, expected) => expect(toIsoTime(value, unit)).toBe(expected));
});

describe('durationSeconds and toPercent', () => {
	it('measures to the millisecond, only when both ends are known and in order', () => {
		expect(durationSeconds('2024-03-15T02:00:02.114Z', '2024-03-15T02:11:47.902Z')).toBe(705.788);
		expect(durationSeconds('2024-03-15T02:00:02.114Z', null)).toBeNull();
		expect(durationSeconds(null, '2024-03-15T02:00:02.114Z')).toBeNull();
		expect(durationSeconds('2024-03-15T03:00:00Z', '2024-03-15T02:00:00Z')).toBeNull();
	});
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
			vendor: 'vcenter', jobId: 'j1', jobName: null, state: 'failed', isFinished: true, isSuccess: false,
			vendorState: 'FAILED', progressPercent: 12, startedAt: facts.startedAt, endedAt: facts.endedAt,
			durationSeconds: 87.892, message: 'Backup job failed.', steps: [],
		});
	});
	it('adds the vendor record when Simplify is off', () => {
		expect(buildJobStatus(facts, false).details).toEqual(facts.details);
	});
});

describe('formatIsoUtc', () => {
	it('matches Date#toISOString from 1970 to 9999, including leap days and century years', () => {
		const fixed = [1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 1_709_251_199_999, 1_710_468_002_114, 253_402_300_799_999];
		let seed = 42;
		const random = Array.from({ length: 20_000 }, () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor((seed / 2 ** 31) * 253_402_300_799_999);
		});
		for (const ms of [...fixed, ...random]) expect(formatIsoUtc(ms)).toBe(new Date(ms).toISOString());
	});
	it('is what toIsoTime returns, truncating sub-millisecond parts as Date does', () => {
		expect(toIsoTime(1_680_005_024_062_490, 'microseconds')).toBe(new Date(1_680_005_024_062).toISOString());
		expect(toIsoTime(253_402_300_800_000, 'milliseconds')).toBeNull();
	});
});
