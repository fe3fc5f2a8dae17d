import type { IDataObject } from 'n8n-workflow';

import { fromProtectionGroup, fromRun, normalizeRuns, runPartState } from '../../nodes/Cohesity/status';
import type { JobState } from '../../nodes/shared/jobStatus';

/** Every documented v2 run-part status (reference §2.4/§2.5), plus the spellings scripts use. */
const TABLE: Array<[string, JobState, boolean]> = [
	['Accepted', 'queued', false],
	['OnHold', 'queued', false],
	['Running', 'running', false],
	['Finalizing', 'running', false],
	['Paused', 'running', false],
	['Canceling', 'running', false],
	['Cancelling', 'running', false],
	['Succeeded', 'succeeded', true],
	['SucceededWithWarning', 'warning', true],
	['Failed', 'failed', true],
	['Missed', 'failed', true],
	['Canceled', 'cancelled', true],
	['Cancelled', 'cancelled', true],
	['Skipped', 'cancelled', true],
];

const GROUP = '4594155844987574:1679899218812:880';
const START = 1680005024062490;

function run(local: string, extra: IDataObject = {}): IDataObject {
	return {
		id: `880:${START}`,
		protectionGroupId: GROUP,
		protectionGroupName: 'cassandra_UInew',
		localBackupInfo: { status: local, startTimeUsecs: START, endTimeUsecs: 1680005305103029, messages: null },
		...extra,
	};
}

const replication = (status: string, extra: IDataObject = {}) => ({
	replicationInfo: {
		replicationTargetResults: [{ clusterId: 5012345678901234, clusterName: 'dr-cluster-01', status, startTimeUsecs: 1680005029069406, ...extra }],
	},
});
const archival = (status: string, extra: IDataObject = {}) => ({
	archivalInfo: { archivalTargetResults: [{ targetId: 1276424, targetName: 'aws_s3_standard_target', status, startTimeUsecs: 1680005307129287, ...extra }] },
});

const local = { simplify: true, scope: 'localBackup' as const };
const all = { simplify: true, scope: 'allCopies' as const };

describe('Cohesity status mapping', () => {
	it.each(TABLE)('%s → %s', (value, state, finished) => {
		expect(runPartState(value)).toBe(state);
		const item = fromRun(run(value), local);
		expect(item).toMatchObject({ state, isFinished: finished, vendorState: value });
		expect(item.isSuccess).toBe(finished ? state === 'succeeded' || state === 'warning' : null);
	});

	it.each(TABLE)('%s is compared case-insensitively', (value, state) => {
		expect(runPartState(value.toLowerCase())).toBe(state);
		expect(runPartState(value.toUpperCase())).toBe(state);
		expect(runPartState(` ${value} `)).toBe(state);
	});

	it.each(['Pausing', 'kSuccess', '', 'Done', 'Succeeded!'])('an undocumented value %p maps to unknown, not finished', (value) => {
		expect(runPartState(value)).toBe('unknown');
		expect(fromRun(run(value), local)).toMatchObject({ state: 'unknown', isFinished: false, isSuccess: null });
	});

	it('non-string statuses are unknown and never throw', () => {
		expect(runPartState(undefined)).toBe('unknown');
		expect(runPartState(42)).toBe('unknown');
		expect(fromRun({ id: '1:2', localBackupInfo: { status: null } }, local)).toMatchObject({ state: 'unknown' });
	});
});

describe('Cohesity run → job-status item', () => {
	it('converts microsecond times and names the job after the group', () => {
		const item = fromRun(run('Succeeded'), local);
		expect(item).toMatchObject({
			vendor: 'cohesity',
			jobId: `880:${START}`,
			jobName: 'cassandra_UInew',
			startedAt: '2023-03-28T12:03:44.062Z',
			endedAt: '2023-03-28T12:08:25.103Z',
			durationSeconds: 281.041,
			progressPercent: null,
			message: null,
		});
		expect(item.details).toBeUndefined();
		expect(fromRun(run('Succeeded'), { ...local, simplify: false }).details).toMatchObject({ id: `880:${START}` });
	});

	it('has one step per part: local, every replication, archival and CloudSpin target', () => {
		const item = fromRun(
			run('Succeeded', {
				...replication('Running', { message: 'Replicating' }),
				...archival('Accepted'),
				cloudSpinInfo: { cloudSpinTargetResults: [{ id: 7, name: 'azure-spin', status: 'Failed', message: 'Quota exceeded', endTimeUsecs: 1680006000000000 }] },
			}),
			local,
		);
		expect(item.steps).toEqual([
			{ name: 'Local Backup', state: 'succeeded', vendorState: 'Succeeded', startedAt: '2023-03-28T12:03:44.062Z', endedAt: '2023-03-28T12:08:25.103Z', message: null },
			{ name: 'Replication to dr-cluster-01', state: 'running', vendorState: 'Running', startedAt: '2023-03-28T12:03:49.069Z', endedAt: null, message: 'Replicating' },
			{ name: 'Archival to aws_s3_standard_target', state: 'queued', vendorState: 'Accepted', startedAt: '2023-03-28T12:08:27.129Z', endedAt: null, message: null },
			{ name: 'CloudSpin to azure-spin', state: 'failed', vendorState: 'Failed', startedAt: null, endedAt: '2023-03-28T12:20:00.000Z', message: 'Quota exceeded' },
		]);
	});

	it('Local Backup scope: finished as soon as the local snapshot is, whatever the copies do', () => {
		const item = fromRun(run('Succeeded', { ...replication('Running'), ...archival('Accepted') }), local);
		expect(item).toMatchObject({ state: 'succeeded', isFinished: true, isSuccess: true, vendorState: 'Succeeded' });
	});

	it('All Copies scope: running until every part is finished', () => {
		const item = fromRun(run('Succeeded', { ...replication('Running'), ...archival('Accepted') }), all);
		expect(item).toMatchObject({ state: 'running', isFinished: false, isSuccess: null, vendorState: 'Succeeded/Running/Accepted', endedAt: null });
	});

	it('All Copies scope: the worst part once all are finished, with the copies\' messages', () => {
		const item = fromRun(
			run('SucceededWithWarning', {
				localBackupInfo: { status: 'SucceededWithWarning', startTimeUsecs: START, endTimeUsecs: 1680005305103029, messages: ['6 files skipped'] },
				...replication('Succeeded', { endTimeUsecs: 1680005466128887 }),
				...archival('Failed', { endTimeUsecs: 1680005335968165, message: 'Target unreachable' }),
			}),
			all,
		);
		expect(item).toMatchObject({
			state: 'failed',
			isSuccess: false,
			endedAt: '2023-03-28T12:11:06.128Z',
			message: 'Local Backup: 6 files skipped; Archival to aws_s3_standard_target: Target unreachable',
		});
		expect(fromRun(run('Succeeded', { ...replication('Succeeded', { endTimeUsecs: 1680005466128887 }) }), all)).toMatchObject({ state: 'succeeded' });
		expect(fromRun(run('Succeeded', { ...replication('SucceededWithWarning', { endTimeUsecs: 1 }) }), all)).toMatchObject({ state: 'warning' });
		expect(fromRun(run('Succeeded', { ...replication('Skipped', { endTimeUsecs: 1 }) }), all)).toMatchObject({ state: 'cancelled' });
	});

	it('All Copies scope: an unknown part keeps the run unfinished', () => {
		expect(fromRun(run('Succeeded', replication('Teleporting')), all)).toMatchObject({ state: 'running', isFinished: false });
	});

	it('the local warning text is the message, and a local failure is not hidden by copies', () => {
		const warned = run('SucceededWithWarning', {
			localBackupInfo: { status: 'SucceededWithWarning', startTimeUsecs: START, messages: ['Number of files skipped due to errors 6', ' '] },
		});
		expect(fromRun(warned, local)).toMatchObject({ state: 'warning', isSuccess: true, message: 'Number of files skipped due to errors 6' });
		expect(fromRun(run('Failed', replication('Succeeded')), local)).toMatchObject({ state: 'failed' });
	});

	it('a direct cloud archive counts in Local Backup scope', () => {
		const item = fromRun(run('Succeeded', { isCloudArchivalDirect: true, ...archival('Running') }), local);
		expect(item).toMatchObject({ state: 'running', isFinished: false });
	});

	it('a replication target run without its own local part is judged by its parts', () => {
		const item = fromRun(
			{
				id: '42:1680005024062490',
				isReplicationRun: true,
				originalBackupInfo: { status: 'Succeeded', startTimeUsecs: START },
				...replication('Running', { isInBound: true }),
			},
			local,
		);
		expect(item.steps.map((s) => s.name)).toEqual(['Original Backup', 'Replication from dr-cluster-01']);
		expect(item).toMatchObject({ state: 'running' });
	});

	it('an unexpected answer is a clear error, not a crash', () => {
		expect(() => fromRun('oops', local)).toThrow('Cohesity sent a string where a protection group run was expected');
		expect(() => fromRun({ localBackupInfo: {} }, local)).toThrow(/with a "id"/);
		expect(() => normalizeRuns({ runs: 'x' }, local)).toThrow(/list of protection group runs/);
	});
});

describe('Cohesity runs body → items (the benchmark\'s function)', () => {
	it('normalizes every run, newest first, and accepts an empty group', () => {
		const body = {
			runs: [run('Succeeded'), { ...run('Running'), id: '880:1680091424062490', localBackupInfo: { status: 'Running', startTimeUsecs: 1680091424062490 } }],
			totalRuns: 2,
		};
		const items = normalizeRuns(JSON.parse(JSON.stringify(body)), local);
		expect(items.map((i) => i.jobId)).toEqual(['880:1680091424062490', `880:${START}`]);
		expect(normalizeRuns({ totalRuns: 0 }, local)).toEqual([]);
		expect(normalizeRuns({ runs: null }, local)).toEqual([]);
	});

	it('simplifies a protection group and its last run', () => {
		const group = { id: GROUP, name: 'cassandra_UInew', environment: 'kCassandra', isActive: true, lastRun: { id: `880:${START}`, localBackupInfo: { status: 'Succeeded' } } };
		expect(fromProtectionGroup(group, local)).toMatchObject({
			protectionGroupId: GROUP,
			name: 'cassandra_UInew',
			isActive: true,
			lastRun: { jobId: `880:${START}`, jobName: 'cassandra_UInew', state: 'succeeded' },
		});
		expect(fromProtectionGroup(group, { ...local, simplify: false })).toBe(group);
	});
});
