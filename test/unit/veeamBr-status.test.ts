import { API_REVISIONS, refusesRevision, revisionInUse, revisionsToTry } from '../../nodes/VeeamBackupReplication/apiVersions';
import { vbrBaseUrlProblem, vbrBodyError, vbrErrorMessage } from '../../nodes/VeeamBackupReplication/errors';
import { listPage } from '../../nodes/VeeamBackupReplication/listPages';
import { serverRoot } from '../../nodes/VeeamBackupReplication/serverUrl';
import { fromSession, jobIdOf, sessionJobType, sessionState } from '../../nodes/VeeamBackupReplication/status';

/** Every documented `state` (ESessionState) with every `result.result` (ESessionResult). */
const STATES = ['Stopped', 'Starting', 'Stopping', 'Working', 'Pausing', 'Resuming', 'WaitingTape', 'Idle', 'Postprocessing', 'WaitingRepository', 'WaitingSlot'];
const RESULTS = ['None', 'Success', 'Warning', 'Failed'];

const EXPECTED: Record<string, string> = {
	Starting: 'running',
	Stopping: 'running',
	Working: 'running',
	Pausing: 'running',
	Resuming: 'running',
	WaitingTape: 'running',
	Idle: 'running',
	Postprocessing: 'running',
	WaitingRepository: 'queued',
	WaitingSlot: 'queued',
};
const STOPPED: Record<string, string> = { None: 'unknown', Success: 'succeeded', Warning: 'warning', Failed: 'failed' };

describe('Veeam Backup & Replication session mapping: state and result together', () => {
	const table = STATES.flatMap((state) => RESULTS.map((result) => [state, result, state === 'Stopped' ? STOPPED[result] : EXPECTED[state]] as const));
	it.each(table)('%s/%s → %s', (state, result, expected) => {
		expect(sessionState(state, result)).toBe(expected);
	});

	it.each([
		['Stopped', 'Failed', true, 'cancelled'],
		['Stopped', 'None', true, 'cancelled'],
		['Stopped', 'Success', true, 'cancelled'],
		['Working', 'None', true, 'running'],
	])('%s/%s with isCanceled %s → %s (a stop the user asked for)', (state, result, canceled, expected) => {
		expect(sessionState(state, result, canceled)).toBe(expected);
	});

	it.each([
		['stopped', 'warning', 'warning'],
		[' Working ', 'None', 'running'],
		['Completed', 'Success', 'unknown'],
		['Paused', 'None', 'unknown'],
		['', '', 'unknown'],
		[undefined, undefined, 'unknown'],
		[42, 'Success', 'unknown'],
	])('%s/%s → %s (unknown values never throw, never finish)', (state, result, expected) => {
		expect(sessionState(state, result)).toBe(expected);
	});
});

describe('a session model as the job-status item', () => {
	const model = {
		id: 'D46E39E0-1131-4585-91A7-E828CE7EAFAE',
		name: 'Fileserver Backup',
		jobId: '4856ab37-2235-45e8-affe-d515878b01a9',
		sessionType: 'BackupJob',
		creationTime: '2024-03-15T02:00:00+01:00',
		endTime: '2024-03-15T02:17:00+01:00',
		state: 'Stopped',
		progressPercent: 100,
		result: { result: 'Warning', message: ' Changed block tracking is disabled. ', isCanceled: false },
	};

	it('maps both values, UTC times, the message, and keeps the model in details only without Simplify', () => {
		expect(fromSession(model, true)).toEqual({
			vendor: 'veeamBackupReplication',
			jobType: 'backup',
			jobId: 'd46e39e0-1131-4585-91a7-e828ce7eafae',
			jobName: 'Fileserver Backup',
			state: 'warning',
			isFinished: true,
			isSuccess: true,
			vendorState: 'Stopped/Warning',
			progressPercent: 100,
			startedAt: '2024-03-15T01:00:00.000Z',
			endedAt: '2024-03-15T01:17:00.000Z',
			durationSeconds: 1020,
			message: 'Changed block tracking is disabled.',
			steps: [],
		});
		expect(fromSession(model, false).details).toBe(model);
	});

	it('a running session: null end, no message, the state alone when there is no result', () => {
		expect(fromSession({ ...model, result: undefined, state: 'Working', endTime: null }, true)).toMatchObject({ state: 'running', vendorState: 'Working', endedAt: null, message: null, isSuccess: null });
	});

	it.each([null, [], 'text', {}, { id: 'x' }, { state: 'Working' }])('%p is not a session: an error, not an item', (body) => {
		expect(() => fromSession(body, true)).toThrow(/sent .* where a session/);
	});

	it('the zero GUID is no job', () => {
		expect(jobIdOf({ jobId: '00000000-0000-0000-0000-000000000000' })).toBe('');
		expect(jobIdOf({ jobId: 'ABC' })).toBe('abc');
	});
});

describe('list answers, errors, URLs, API revisions', () => {
	it('a list is {data, pagination}; anything else is an error', () => {
		expect(listPage({ data: [{ id: 'a' }], pagination: { total: 7, count: 1, skip: 0, limit: 1 } }, 'sessions')).toEqual({ data: [{ id: 'a' }], total: 7 });
		expect(listPage({ data: [] }, 'sessions')).toEqual({ data: [], total: undefined });
		for (const body of [null, {}, { data: 'x' }, { data: [1] }, [{ id: 'a' }]]) expect(() => listPage(body, 'sessions')).toThrow(/sent/);
	});

	it('Veeam\'s error body: its message and code; only an errorCode body in a 2xx answer is an error', () => {
		expect(vbrErrorMessage({ errorCode: 'NotFound', message: 'Session x was not found.' })).toBe('Session x was not found. (NotFound)');
		expect(vbrErrorMessage({ error: 'invalid_grant', error_description: 'The refresh token is invalid.' })).toBe('The refresh token is invalid. (invalid_grant)');
		expect(vbrErrorMessage({ data: [] })).toBeUndefined();
		expect(vbrBodyError({ errorCode: 'UnknownError', message: 'The server failed.' })).toBe('The server failed. (UnknownError)');
		expect(vbrBodyError({ id: 'x', errorCode: 'none' })).toBeUndefined();
		expect(vbrBodyError({ data: [] })).toBeUndefined();
	});

	it('the Base URL: /api and /api/v1 cut back to the server; port 9398 is Enterprise Manager', () => {
		for (const url of ['https://vbr:9419', 'https://vbr:9419/', 'https://vbr:9419/api', 'https://vbr:9419/api/v1/', ' https://vbr:9419/API/V1 ']) expect(serverRoot(url)).toBe('https://vbr:9419');
		expect(vbrBaseUrlProblem('https://em:9398')).toMatch(/Enterprise Manager/);
		expect(vbrBaseUrlProblem('https://vbr:9419')).toBeUndefined();
		expect(vbrBaseUrlProblem('not a url')).toBeUndefined();
	});

	it('revisions: newest first; Automatic starts at the one found before; a chosen one alone', () => {
		expect(API_REVISIONS[0].revision).toBe('1.3-rev0');
		expect(revisionsToTry('auto', '')).toEqual(['1.3-rev0', '1.2-rev1', '1.2-rev0', '1.1-rev2', '1.1-rev1', '1.1-rev0']);
		expect(revisionsToTry('auto', '1.1-rev2')).toEqual(['1.1-rev2', '1.1-rev1', '1.1-rev0']);
		expect(revisionsToTry('1.2-rev0', '1.1-rev0')).toEqual(['1.2-rev0']);
		expect(revisionInUse('auto', '')).toBe('1.3-rev0');
		expect(revisionInUse('1.2-rev0', '')).toBe('1.2-rev0');
		expect(revisionInUse('auto', '1.1-rev1')).toBe('1.1-rev1');
		expect(refusesRevision(400, { errorCode: 'InvalidApiVersion', message: 'Unsupported API version 1.3-rev0.' })).toBe(true);
		expect(refusesRevision(400, { errorCode: 'BadRequest', message: 'The grant type is not supported.' })).toBe(false);
		expect(refusesRevision(401, { errorCode: 'InvalidApiVersion' })).toBe(false);
	});
});

describe('jobType from sessionType', () => {
	it.each([
		['BackupJob', 'backup'],
		['EndpointBackup', 'backup'],
		['BackupCopyJob', 'other'],
		['ReplicaJob', 'other'],
		['RestoreVm', 'restore'],
		['FileLevelRestore', 'restore'],
		['InstantRecovery', 'restore'],
		['Infrastructure', 'other'],
		[undefined, 'other'],
	])('%s → %s', (value, expected) => {
		expect(sessionJobType(value)).toBe(expected);
	});
});
