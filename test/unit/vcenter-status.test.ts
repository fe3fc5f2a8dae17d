import { backupJobState, detailsState, fromBackupJobDetails, fromBackupJobStatus } from '../../nodes/VmwareVcenter/status';
import type { JobState } from '../../nodes/shared/jobStatus';

describe('vCenter job/{id} state (BackupRestoreProcessState): every documented value', () => {
	it.each<[string, JobState]>([
		['NONE', 'queued'],
		['INPROGRESS', 'running'],
		['SUCCEEDED', 'succeeded'],
		['FAILED', 'failed'],
		['CANCELLED', 'unknown'],
		['succeeded', 'unknown'],
	])('%s → %s', (value, state) => expect(backupJobState(value)).toBe(state));
});

describe('vCenter job/details status (CisTaskStatus): every documented value', () => {
	it.each<[string, JobState]>([
		['PENDING', 'queued'],
		['RUNNING', 'running'],
		['BLOCKED', 'running'],
		['SUCCEEDED', 'succeeded'],
		['FAILED', 'failed'],
		['INPROGRESS', 'unknown'],
	])('%s → %s', (value, state) => expect(detailsState(value)).toBe(state));
});

describe('normalizing vCenter answers', () => {
	it('reads a BackupJobStatus, filling message placeholders from args', () => {
		const status = fromBackupJobStatus(
			{
				id: '20240315-020002-21560480', state: 'FAILED', progress: 12,
				messages: [{ id: 'x', default_message: 'Could not reach {0} on port {1}.', args: ['sftp.example', '22'] }],
				start_time: '2024-03-15T02:00:02.114Z', end_time: '2024-03-15T02:01:30.006Z',
			},
			true,
		);
		expect(status).toMatchObject({ state: 'failed', isSuccess: false, progressPercent: 12, durationSeconds: 87.892, message: 'Could not reach sftp.example on port 22.' });
	});

	it('a running job has no end, no duration and isSuccess null', () => {
		const status = fromBackupJobStatus({ id: 'j', state: 'INPROGRESS', progress: 37, messages: [], start_time: '2024-03-15T02:00:02.114Z' }, true);
		expect(status).toMatchObject({ state: 'running', isFinished: false, isSuccess: null, endedAt: null, durationSeconds: null, message: null });
	});

	it('reads DetailsInfo progress as completed of total', () => {
		const status = fromBackupJobDetails('j', { status: 'RUNNING', progress: { total: 200, completed: 50 }, start_time: '2024-03-15T02:00:02.114Z' }, true);
		expect(status).toMatchObject({ jobId: 'j', state: 'running', vendorState: 'RUNNING', progressPercent: 25 });
	});

	it.each([
		[null, /vCenter sent nothing where a backup job status was expected/],
		[['a'], /vCenter sent a list where a backup job status was expected/],
		['oops', /vCenter sent a string where a backup job status was expected/],
		[{ id: 'j' }, /where a backup job status with a "state" was expected/],
		[{ state: 'NONE' }, /where a backup job status with a "id" was expected/],
	])('an unexpected shape %p is a clear error', (body, message) => {
		expect(() => fromBackupJobStatus(body, true)).toThrow(message);
	});
});
