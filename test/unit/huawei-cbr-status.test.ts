import { cbrJobType, cbrPage, cbrTaskState, fromCbrBackup, fromOperationLog, fromVault, operationLogOf } from '../../nodes/HuaweiCloud/cbrStatus';
import { cbrTime } from '../../nodes/HuaweiCloud/cbrQuery';
import { newestFirst } from '../../nodes/HuaweiCloud/cbrTasks';

describe('Huawei Cloud CBR task status mapping (ListOpLogs, every documented status)', () => {
	it.each([
		['waiting', 'queued'],
		['running', 'running'],
		['success', 'succeeded'],
		['failed', 'failed'],
		['timeout', 'failed'],
		['skipped', 'cancelled'],
		['SUCCESS', 'succeeded'],
		[' Failed ', 'failed'],
		['EXECUTE_SUCCESS', 'unknown'],
		['paused', 'unknown'],
		['', 'unknown'],
		[null, 'unknown'],
		[3, 'unknown'],
	])('%j → %s', (status, state) => {
		expect(cbrTaskState(status)).toBe(state);
	});
});

describe('Huawei Cloud CBR operation type → jobType', () => {
	it.each([
		['backup', 'backup'],
		['Backup', 'backup'],
		['restore', 'restore'],
		['replication', 'other'],
		['copy', 'other'],
		['delete', 'other'],
		['sync', 'other'],
		['vault_delete', 'other'],
		['remove_resource', 'other'],
		['migrate_resources', 'other'],
		[undefined, 'other'],
	])('%j → %s', (type, jobType) => {
		expect(cbrJobType(type)).toBe(jobType);
	});
});

describe('Huawei Cloud CBR task item', () => {
	const failed = {
		id: '2e9c5d1a-7b3f-4c8e-9a1d-6f0b4e2c8a73',
		status: 'failed',
		operation_type: 'backup',
		vault_id: 'v1',
		vault_name: 'vault-disks',
		checkpoint_id: 'c1',
		created_at: '2020-02-23T01:00:32Z',
		started_at: '2020-02-23T01:00:33Z',
		ended_at: '2020-02-23T01:02:33Z',
		error_info: { code: 'BackupService.6202', message: 'Failed to create the snapshot of the disk.' },
		extra_info: { backup: { backup_id: 'b1', backup_name: 'manualbk_1' }, common: { progress: 40 }, resource: { id: 'd1', name: 'data-disk-01', type: 'OS::Cinder::Volume' } },
	};

	it('the normalized fields, CBR\'s error text with its code, the progress of extra_info.common', () => {
		expect(fromOperationLog(failed, true)).toEqual({
			vendor: 'huaweiCloud',
			jobId: failed.id,
			jobName: 'manualbk_1',
			state: 'failed',
			isFinished: true,
			isSuccess: false,
			vendorState: 'failed',
			progressPercent: 40,
			startedAt: '2020-02-23T01:00:33.000Z',
			endedAt: '2020-02-23T01:02:33.000Z',
			durationSeconds: 120,
			message: 'Failed to create the snapshot of the disk. (BackupService.6202)',
			steps: [],
			jobType: 'backup',
		});
	});

	it('a task not started yet: created_at as its start, no end even if CBR sent one; the resource names it', () => {
		const waiting = { id: 't2', status: 'waiting', operation_type: 'replication', created_at: '2020-02-23T01:00:32Z', ended_at: '2020-02-23T01:00:40Z', extra_info: { resource: { name: 'ecs-app-01' } } };
		expect(fromOperationLog(waiting, true)).toMatchObject({ state: 'queued', startedAt: '2020-02-23T01:00:32.000Z', endedAt: null, jobName: 'ecs-app-01', jobType: 'other', message: null, progressPercent: null });
	});

	it('a restore is named after the backup it reads; Simplify off keeps the record as sent', () => {
		const restore = { id: 't3', status: 'running', operation_type: 'restore', extra_info: { restore: { backup_id: 'b1', backup_name: 'autobk_1', target_resource_id: 'd2' } } };
		expect(fromOperationLog(restore, false)).toMatchObject({ jobType: 'restore', jobName: 'autobk_1', state: 'running', details: restore });
	});

	it('a task without an id, or not an object, is an error, never an item', () => {
		expect(() => fromOperationLog({ status: 'success' }, true)).toThrow(/a CBR task with an "id"/);
		expect(() => fromOperationLog('oops', true)).toThrow(/a CBR task/);
		expect(() => operationLogOf({ operation_logs: [] })).toThrow(/"operation_log"/);
	});
});

describe('Huawei Cloud CBR lists', () => {
	it('a page with its count; an empty list as CBR sends it', () => {
		expect(cbrPage({ operation_logs: [{ id: 'a' }], count: 5, offset: 0, limit: 1 }, 'operation_logs', 'CBR tasks')).toEqual({ records: [{ id: 'a' }], count: 5 });
		expect(cbrPage({ count: 0 }, 'operation_logs', 'CBR tasks')).toEqual({ records: [], count: 0 });
	});

	it('an answer of another shape, or without its count, is an error, never "none"', () => {
		expect(() => cbrPage({ unexpected: 'shape' }, 'operation_logs', 'CBR tasks')).toThrow(/where a list of CBR tasks was expected/);
		expect(() => cbrPage({ operation_logs: [] }, 'operation_logs', 'CBR tasks')).toThrow(/with its "count"/);
		expect(() => cbrPage({ operation_logs: 'x', count: 1 }, 'operation_logs', 'CBR tasks')).toThrow(/CBR tasks/);
	});

	it('a vault and a backup as items', () => {
		const vault = { id: 'v1', name: 'vault-disks', billing: { status: 'available', object_type: 'disk', protect_type: 'backup', size: 100, used: 12 }, resources: [{ id: 'd1', name: 'disk', type: 'OS::Cinder::Volume', protect_status: 'available' }], created_at: '2020-02-05T10:38:34.209782' };
		expect(fromVault(vault, true)).toEqual({
			vaultId: 'v1',
			name: 'vault-disks',
			status: 'available',
			objectType: 'disk',
			protectType: 'backup',
			sizeGb: 100,
			usedGb: 12,
			policyId: null,
			resourceCount: 1,
			resources: [{ id: 'd1', name: 'disk', type: 'OS::Cinder::Volume', protectStatus: 'available' }],
			createdAt: '2020-02-05T10:38:34.209Z',
		});
		const backup = { id: 'b1', name: 'autobk', status: 'available', vault_id: 'v1', checkpoint_id: 'c1', resource_id: 'd1', resource_type: 'OS::Cinder::Volume', created_at: '2020-02-05T10:38:34.209782' };
		expect(fromCbrBackup(backup, true)).toMatchObject({ backupId: 'b1', checkpointId: 'c1', resourceName: null, createdAt: '2020-02-05T10:38:34.209Z', expiresAt: null });
		expect(fromCbrBackup(backup, false).details).toBe(backup);
		expect(() => fromVault({ name: 'x' }, true)).toThrow(/a CBR vault with an "id"/);
		expect(() => fromCbrBackup({ name: 'x' }, true)).toThrow(/a CBR backup with an "id"/);
	});
});

describe('Huawei Cloud CBR helpers', () => {
	it('filter times in whole UTC seconds with a Z, as the reference writes them', () => {
		expect(cbrTime(Date.parse('2018-01-01T12:00:00.999Z'))).toBe('2018-01-01T12:00:00Z');
	});

	it('newest first; tasks without a time last, in the order sent', () => {
		const job = (jobId: string, startedAt: string | null) => ({ jobId, startedAt }) as never;
		expect(newestFirst([job('a', null), job('b', '2020-01-01T00:00:00.000Z'), job('c', '2021-01-01T00:00:00.000Z'), job('d', null)]).map((j: { jobId: string }) => j.jobId)).toEqual(['c', 'b', 'a', 'd']);
	});
});
