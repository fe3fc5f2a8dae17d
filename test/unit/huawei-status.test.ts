import { huaweiErrorMessage, isThrottled } from '../../nodes/HuaweiCloud/errors';
import { withProjectId } from '../../nodes/HuaweiCloud/endpoints';
import { fromTask, fromVbsJob, policies, taskPage, taskState, vbsJobState, vbsJobType } from '../../nodes/HuaweiCloud/status';

describe('Huawei Cloud VBS task status mapping (reference §2)', () => {
	it.each([
		['WAITING', 'queued'],
		['RUNNING', 'running'],
		['EXECUTE_SUCCESS', 'succeeded'],
		['EXECUTE_FAIL', 'failed'],
		['EXECUTE_TIMEOUT', 'failed'],
		['SKIP', 'cancelled'],
		['execute_success', 'succeeded'],
		['Execute_Fail', 'failed'],
		[' skip ', 'cancelled'],
		['PAUSED', 'unknown'],
		['', 'unknown'],
	])('%j → %s', (status, state) => {
		expect(taskState(status)).toBe(state);
	});

	it('non-strings are unknown', () => {
		expect(taskState(undefined)).toBe('unknown');
		expect(taskState(7)).toBe('unknown');
	});
});

describe('Huawei Cloud VBS job status mapping (reference §3)', () => {
	it.each([
		['INIT', 'queued'],
		['RUNNING', 'running'],
		['SUCCESS', 'succeeded'],
		['FAIL', 'failed'],
		['Fail', 'failed'],
		['success', 'succeeded'],
		['init', 'queued'],
		['EXECUTE_SUCCESS', 'unknown'],
		[null, 'unknown'],
	])('%j → %s', (status, state) => {
		expect(vbsJobState(status)).toBe(state);
	});
});

describe('Huawei Cloud task and job items', () => {
	const failed = {
		status: 'EXECUTE_FAIL',
		job_id: '3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10',
		created_at: '2024-03-15T02:00:00.031',
		finished_at: '2024-03-15T02:04:12.509',
		backup_name: 'autobk_7c21',
		vbs_job_id: '4010b39b5281d3590152874bfa3b1604',
		code: 'VolumeBackup.0081',
		message: 'The quota for the capacity of backups has been used up.',
	};

	it('zone-less task times are UTC; message and code together', () => {
		expect(fromTask(failed, 'p1', true)).toEqual({
			vendor: 'huaweiCloud',
			jobType: 'backup',
			jobId: failed.job_id,
			jobName: 'autobk_7c21',
			state: 'failed',
			isFinished: true,
			isSuccess: false,
			vendorState: 'EXECUTE_FAIL',
			progressPercent: null,
			startedAt: '2024-03-15T02:00:00.031Z',
			endedAt: '2024-03-15T02:04:12.509Z',
			durationSeconds: 252.478,
			message: 'The quota for the capacity of backups has been used up. (VolumeBackup.0081)',
			steps: [],
			policyId: 'p1',
		});
	});

	it('vendorState keeps the letter case VBS sent; the state does not depend on it', () => {
		expect(fromTask({ ...failed, status: 'execute_fail' }, 'p1', true)).toMatchObject({ state: 'failed', isFinished: true, vendorState: 'execute_fail' });
		expect(fromVbsJob({ job_id: 'j', status: 'Success' }, true)).toMatchObject({ state: 'succeeded', vendorState: 'Success' });
	});

	it('Simplify off: details is the task exactly as received, the policy beside it', () => {
		const item = fromTask(failed, 'p1', false);
		expect(item.details).toEqual(failed);
		expect(item.policyId).toBe('p1');
		expect(Object.keys(item).slice(-2)).toEqual(['policyId', 'details']);
	});

	it('a running task has no end; a task without job_id is an unexpected answer', () => {
		expect(fromTask({ status: 'RUNNING', job_id: 'x', created_at: '2016-12-03T06:24:34.467' }, 'p', true)).toMatchObject({ state: 'running', endedAt: null, durationSeconds: null, isSuccess: null });
		expect(() => fromTask({ status: 'RUNNING' }, 'p', true)).toThrow(/backup task with a "job_id"/);
	});

	it('a task list must have its tasks and count; an empty list is {tasks: [], count: 0}', () => {
		expect(taskPage({ tasks: [], count: 0 })).toEqual({ tasks: [], count: 0 });
		expect(taskPage({ count: 0 })).toEqual({ tasks: [], count: 0 });
		expect(() => taskPage({ unexpected: 'shape' })).toThrow(/Huawei Cloud sent an object of another shape where a list of backup tasks was expected/);
		expect(() => taskPage({ tasks: [] })).toThrow(/with its "count"/);
		expect(() => taskPage(null)).toThrow(/sent nothing/);
	});

	it('a VBS job: fail_reason and error_code are the message; a running job has no end time', () => {
		const base = { job_id: 'j1', job_type: 'bksCreateBackup', begin_time: '2016-01-28T16:14:09.466Z', entities: {} };
		expect(fromVbsJob({ ...base, status: 'FAIL', end_time: '2016-01-28T16:16:02.118Z', error_code: 'VolumeBackup.0064', fail_reason: 'The backup status is error.' }, true)).toMatchObject({
			state: 'failed',
			message: 'The backup status is error. (VolumeBackup.0064)',
			durationSeconds: 112.652,
		});
		expect(fromVbsJob({ ...base, status: 'RUNNING', end_time: '', error_code: null, fail_reason: null }, true)).toMatchObject({ state: 'running', endedAt: null, message: null, jobName: 'bksCreateBackup' });
	});

	it('policies as items; a list of another shape is an error', () => {
		expect(policies({ backup_policies: [{ backup_policy_id: 'a', backup_policy_name: 'plan01', scheduled_policy: { status: 'OFF' } }] })).toEqual([
			{ policyId: 'a', name: 'plan01', enabled: false, startTime: null, frequencyDays: null, retentionCount: null, resourceCount: null },
		]);
		expect(() => policies({ unexpected: 'shape', items: 'not a list' })).toThrow(/list of backup policies/);
	});
});

describe('Huawei Cloud error bodies (reference §4)', () => {
	it('service errors, in either field order', () => {
		expect(huaweiErrorMessage({ error: { message: 'The queried policy does not exist.', code: 'AutoBackup.1100' } })).toBe(
			'The queried policy does not exist (AutoBackup.1100). Check the Backup Policy: it does not exist in this project and region.',
		);
		expect(huaweiErrorMessage({ error: { code: 'common.0011', message: 'Failed to query the task' } })).toBe('Failed to query the task (common.0011)');
	});

	it('gateway errors name what to check', () => {
		expect(huaweiErrorMessage({ error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', error_code: 'APIGW.0301', request_id: 'r' })).toMatch(
			/verify aksk signature fail \(APIGW\.0301\)\. Check the Access Key ID and Secret Access Key/,
		);
		expect(huaweiErrorMessage({ error_msg: 'Incorrect IAM authentication information: token expires, expires_at: …', error_code: 'APIG.0301' })).toMatch(/IAM token was refused/);
		expect(huaweiErrorMessage({ error_msg: 'The throttling threshold has been reached', error_code: 'APIGW.0308' })).toMatch(/throttling/);
	});

	it('advice fits the authentication method: an IAM user is never told to check keys or signatures', () => {
		const signature = { error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', error_code: 'APIGW.0301' };
		const iam = huaweiErrorMessage(signature, 'password');
		expect(iam).toMatch(/verify aksk signature fail \(APIGW\.0301\)\. The IAM token was refused\. Check the IAM user, password and account name/);
		expect(iam).not.toMatch(/Access Key|Secret|clock/);
		expect(huaweiErrorMessage(signature, 'accessKey')).toMatch(/Check the Access Key ID and Secret Access Key/);
		const expired = { error: { code: 'AutoBackup.0003', message: 'Token expired' } };
		expect(huaweiErrorMessage(expired, 'password')).toMatch(/IAM token is missing or expired/);
		expect(huaweiErrorMessage(expired, 'accessKey')).toMatch(/Access Key ID and Secret Access Key/);
	});

	it('throttling is recognised by its code, whatever the status', () => {
		expect(isThrottled({ error_msg: 'x', error_code: 'APIGW.0308' })).toBe(true);
		expect(isThrottled({ error_msg: 'x', error_code: 'APIG.0308' })).toBe(true);
		expect(isThrottled({ error_msg: 'x', error_code: 'APIGW.0301' })).toBe(false);
		expect(isThrottled('<html>')).toBe(false);
	});

	it('a failed VBS job (error_code, fail_reason) is data, not an error answer', () => {
		expect(huaweiErrorMessage({ status: 'FAIL', job_id: 'j', error_code: 'VolumeBackup.0064', fail_reason: 'x' })).toBeUndefined();
		expect(huaweiErrorMessage({ tasks: [], count: 0 })).toBeUndefined();
	});
});

describe('the project id placeholder', () => {
	it('is filled as typed or as encodeURIComponent left it', () => {
		expect(withProjectId('https://h/v2/{project_id}/backuppolicy', 'p1')).toBe('https://h/v2/p1/backuppolicy');
		expect(withProjectId('https://h/v2/%7Bproject_id%7D/x', 'p1')).toBe('https://h/v2/p1/x');
		expect(withProjectId('https://h/v3/projects', 'p1')).toBe('https://h/v3/projects');
	});
});

describe('Huawei Cloud jobType', () => {
	it.each([
		['bksCreateBackup', 'backup'],
		['bksRestoreBackup', 'restore'],
		['bksDeleteBackup', 'other'],
		[undefined, 'other'],
	])('VBS job_type %s → %s', (value, expected) => {
		expect(vbsJobType(value)).toBe(expected);
	});

	it('a policy task is a backup', () => {
		expect(fromTask({ job_id: 't', status: 'RUNNING' }, 'p', true).jobType).toBe('backup');
	});
});
