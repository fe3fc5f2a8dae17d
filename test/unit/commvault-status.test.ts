import { parseBody } from '../../nodes/shared/body';
import { commvaultBaseUrlProblem, commvaultBodyError } from '../../nodes/Commvault/errors';
import { phaseName } from '../../nodes/Commvault/phases';
import { commvaultJobType, fromJobSummary, jobState, jobSummaries } from '../../nodes/Commvault/status';
import { base64Utf8 } from '../../credentials/CommvaultApi.credentials';

describe('Commvault job status mapping (reference §3.2)', () => {
	it.each([
		['Queued', 'queued'],
		['Pending', 'queued'],
		['Waiting', 'queued'],
		['Running', 'running'],
		['Running (cannot be verified)', 'running'],
		['Suspended', 'running'],
		['Suspend Pending', 'running'],
		['Interrupt Pending', 'running'],
		['Interrupted', 'running'],
		['Kill Pending', 'running'],
		['Completed', 'succeeded'],
		['Completed w/ one or more warnings', 'warning'],
		['Completed w/ one or more errors', 'warning'],
		['Committed', 'warning'],
		['Failed', 'failed'],
		['Failed to Start', 'failed'],
		['Killed', 'cancelled'],
		['COMPLETED W/ ONE OR MORE ERRORS', 'warning'],
		[' killed ', 'cancelled'],
		['failed to start', 'failed'],
		['System Failed', 'unknown'],
		['', 'unknown'],
	])('%j → %s', (status, state) => {
		expect(jobState(status)).toBe(state);
	});

	it('non-strings are unknown', () => {
		expect(jobState(undefined)).toBe('unknown');
		expect(jobState(3)).toBe('unknown');
	});

	it('an unfinished job has no end time; a finished one its duration', () => {
		const running = fromJobSummary({ jobId: 5, status: 'Running', jobStartTime: 1497264303, jobEndTime: 0, percentComplete: 37 }, true);
		expect(running).toMatchObject({ state: 'running', isFinished: false, isSuccess: null, endedAt: null, progressPercent: 37 });
		const done = fromJobSummary({ jobId: 5, status: 'Completed', jobStartTime: 1497264303, jobEndTime: 1497264332 }, true);
		expect(done).toMatchObject({ startedAt: '2017-06-12T10:45:03.000Z', durationSeconds: 29, isSuccess: true });
	});

	it('XML-shaped JSON of old servers reads like JSON', () => {
		const old = { JobManager_JobListResponse: { jobs: [{ jobSummary: { '@jobId': '7', '@status': 'Killed' } }] } };
		expect(jobSummaries(old).map((s) => fromJobSummary(s, true).state)).toEqual(['cancelled']);
		expect(jobSummaries({ totalRecordsWithoutPaging: 0 })).toEqual([]);
		expect(() => jobSummaries({ something: 'else' })).toThrow(/job list/);
	});

	it('DR phase names from the phase table', () => {
		expect([15, 24, 8, 7, 54, 46, 99].map(phaseName)).toEqual(['Disable Sync', 'Shutdown', 'Backup', 'Replication', 'VM Level', 'Phase 46', 'Phase 99']);
	});

	it('the base64 password is of the UTF-8 bytes', () => {
		expect(base64Utf8('Pässwörd-1!')).toBe(Buffer.from('Pässwörd-1!', 'utf8').toString('base64'));
	});
});

describe('Commvault errors inside HTTP 200', () => {
	const xml = (text: string) => parseBody(text, 'application/xml').value;
	it.each([
		[{ errList: [{ errorCode: 1, errLogMessage: 'Invalid Username or Password' }] }, 'Invalid Username or Password (error 1)'],
		[{ errorCode: 2, errorMessage: 'Job not found' }, 'Job not found (error 2)'],
		[{ error: { errorCode: 5, errorMessage: 'Bad token' } }, 'Bad token (error 5)'],
		[{ error: { errList: [{ errorCode: 9, errLogMessage: 'No details' }] } }, 'No details (error 9)'],
		[{ errors: [{ errList: [{ errorCode: 3, errLogMessage: 'DR group missing' }] }] }, 'DR group missing (error 3)'],
		[xml('<CVGui_GenericResp errorCode="2" errorMessage="Access denied"/>'), 'Access denied (error 2)'],
		[xml('<TMMsg_GenericResp errorCode="4" errorMessage="Busy"/>'), 'Busy (error 4)'],
		[xml('<App_GenericResponse><response errorCode="7" errorMessage="Nope"/></App_GenericResponse>'), 'Nope (error 7)'],
	])('%j', (body, message) => {
		expect(commvaultBodyError(body)).toBe(message);
	});

	it.each([[{ errorCode: 0, errorMessage: '' }], [{ error: { errorCode: 0 } }], [{ totalRecordsWithoutPaging: 0 }], [xml('<App_GenericResponse><response errorCode="0"/></App_GenericResponse>')]])(
		'no error in %j',
		(body) => {
			expect(commvaultBodyError(body)).toBeUndefined();
		},
	);

	it('Base URL problems name the web service root', () => {
		expect(commvaultBaseUrlProblem('https://cc.example.com/commandcenter/api/')).toBeUndefined();
		expect(commvaultBaseUrlProblem('http://ws:81/SearchSvc/CVWebService.svc')).toBeUndefined();
		expect(commvaultBaseUrlProblem('https://cc.example.com')).toMatch(/web service root/);
	});
});

describe('hostile XML from a Commvault server', () => {
	it('entity expansion (billion laughs) is not expanded, and is fast', () => {
		const defs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
		const text = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">${defs}]><JobManager_JobListResponse totalRecordsWithoutPaging="1"><jobs><jobSummary jobId="1" status="&l10;"/></jobs></JobManager_JobListResponse>`;
		const started = Date.now();
		const parsed = parseBody(text, 'application/xml');
		expect(Date.now() - started).toBeLessThan(1000);
		expect(JSON.stringify(parsed).length).toBeLessThan(10_000);
		if (parsed.value) expect(fromJobSummary(jobSummaries(parsed.value)[0], true).state).toBe('unknown');
	});

	it('an external entity is never fetched or read', () => {
		const text = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><JobManager_JobListResponse><jobs><jobSummary jobId="1" status="&x;"/></jobs></JobManager_JobListResponse>';
		const parsed = parseBody(text, 'application/xml');
		expect(JSON.stringify(parsed)).not.toContain('root:');
	});
});

describe('Commvault jobType', () => {
	it.each([
		['Backup', 'backup'],
		['Synthetic Full', 'backup'],
		['Snap Backup', 'backup'],
		['DR Backup', 'backup'],
		['Restore', 'restore'],
		['Browse and Restore', 'restore'],
		['Aux Copy', 'other'],
		['Data Aging', 'other'],
		['Replication', 'other'],
		['Workflow', 'other'],
		['', 'other'],
		[undefined, 'other'],
	])('%s → %s', (value, expected) => {
		expect(commvaultJobType(value)).toBe(expected);
	});

	it('is on the item', () => {
		expect(fromJobSummary({ jobId: 1, status: 'Completed', jobType: 'Restore' }, true).jobType).toBe('restore');
	});
});
