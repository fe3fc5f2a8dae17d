import { fromRecovery, newestRecoveriesFirst, recoveriesOf, RECOVERY_STATUSES, recoveryState } from '../../nodes/Cohesity/recoveryStatus';
import type { JobState } from '../../nodes/shared/jobStatus';

/** Every documented `Recovery.status` value of the v2 API, plus the spellings Cohesity's scripts use. */
const TABLE: Array<[string, JobState]> = [
	['Accepted', 'queued'],
	['OnHold', 'queued'],
	['Running', 'running'],
	['Finalizing', 'running'],
	['Canceling', 'running'],
	['Cancelling', 'running'],
	['Succeeded', 'succeeded'],
	['SucceededWithWarning', 'warning'],
	['Failed', 'failed'],
	['Missed', 'failed'],
	['Canceled', 'cancelled'],
	['Cancelled', 'cancelled'],
	['Skipped', 'cancelled'],
];

const START = 1680005024062490;
const recovery = (status: unknown, extra: object = {}) => ({
	id: '4594155844987574:1679899218812:9001',
	name: 'Recover_VMs_Mar_28',
	status,
	startTimeUsecs: START,
	snapshotEnvironment: 'kVMware',
	recoveryAction: 'RecoverVMs',
	...extra,
});

describe('Cohesity recovery status mapping', () => {
	it('the table holds every documented value', () => {
		expect(RECOVERY_STATUSES.every((value) => TABLE.some(([v]) => v === value))).toBe(true);
	});

	it.each(TABLE)('%s → %s (any letter case)', (value, state) => {
		expect(recoveryState(value)).toBe(state);
		expect(recoveryState(value.toUpperCase())).toBe(state);
		const item = fromRecovery(recovery(value), true);
		const finished = ['succeeded', 'warning', 'failed', 'cancelled'].includes(state);
		expect(item).toMatchObject({ state, vendorState: value, isFinished: finished, jobType: 'restore', vendor: 'cohesity' });
		expect(item.isSuccess).toBe(finished ? state === 'succeeded' || state === 'warning' : null);
	});

	it.each([['Destroyed'], [''], [null], [42]])('%p is unknown and not finished, never a throw', (value) => {
		expect(fromRecovery(recovery(value), true)).toMatchObject({ state: 'unknown', isFinished: false, isSuccess: null });
	});

	it('times from microseconds, the messages joined, details only with Simplify off', () => {
		const item = fromRecovery(recovery('Failed', { endTimeUsecs: START + 95_000_000, messages: ['Failed to recover VM web-01.', ' ', 'Datastore full.'] }), true);
		expect(item).toMatchObject({
			jobId: '4594155844987574:1679899218812:9001',
			jobName: 'Recover_VMs_Mar_28',
			startedAt: '2023-03-28T12:03:44.062Z',
			endedAt: '2023-03-28T12:05:19.062Z',
			durationSeconds: 95,
			message: 'Failed to recover VM web-01.; Datastore full.',
			steps: [],
			progressPercent: null,
		});
		expect(item).not.toHaveProperty('details');
		expect(fromRecovery(recovery('Running'), false).details).toMatchObject({ recoveryAction: 'RecoverVMs' });
	});

	it('an answer of the wrong shape is an error, an empty list is not', () => {
		expect(() => fromRecovery({ status: 'Running' }, true)).toThrow(/with a "id"/);
		expect(recoveriesOf({})).toEqual([]);
		expect(() => recoveriesOf({ unexpected: 'shape' })).toThrow(/a list of recoveries/);
	});

	it('lists newest first', () => {
		const jobs = [recovery('Running', { id: '1:1:1', startTimeUsecs: START }), recovery('Running', { id: '1:1:2', startTimeUsecs: START + 1_000_000 })].map((r) => fromRecovery(r, true));
		expect(newestRecoveriesFirst(jobs).map((j) => j.jobId)).toEqual(['1:1:2', '1:1:1']);
	});
});
