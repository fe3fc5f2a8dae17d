import { parseBody } from '../../nodes/shared/body';
import { apiRoot } from '../../nodes/VeeamEnterpriseManager/apiRoot';
import { canonicalRecord, field } from '../../nodes/VeeamEnterpriseManager/documents';
import { veeamBaseUrlProblem, veeamBodyError, veeamErrorMessage } from '../../nodes/VeeamEnterpriseManager/errors';
import { allOf, anyOf, compare, quote } from '../../nodes/VeeamEnterpriseManager/filters';
import {
	BACKUP_JOB_SESSION,
	backupJobSessionState,
	backupSessionJobType,
	CDP_TASK_SESSION,
	cdpTaskSessionState,
	fromSession,
	normalizeQuery,
	queryPage,
	sessionEntity,
} from '../../nodes/VeeamEnterpriseManager/status';
import { parseFilter } from '../simulators/veeam';

const xml = (text: string) => parseBody(text, 'application/xml').value;

describe('Veeam CDP replica task session mapping (reference §3)', () => {
	it.each([
		['Pending', 'Success', 'queued'],
		['Pending', '', 'queued'],
		['InProgress', 'Success', 'running'],
		['InProgress', 'Warning', 'running'],
		['InProgress', 'Failed', 'running'],
		['Completed', 'Success', 'succeeded'],
		['Completed', 'Warning', 'warning'],
		['Completed', 'Failed', 'failed'],
		['Completed', 'None', 'unknown'],
		['Completed', '', 'unknown'],
		['completed', 'warning', 'warning'],
		['Stopped', 'Success', 'unknown'],
		['Working', 'None', 'unknown'],
		['Paused', 'Success', 'unknown'],
		['', '', 'unknown'],
	])('%s/%s → %s', (state, result, expected) => {
		expect(cdpTaskSessionState(state, result)).toBe(expected);
	});
});

describe('Veeam backup job session mapping (reference §3, job sessions)', () => {
	it.each([
		['Starting', 'None', 'running'],
		['Working', 'None', 'running'],
		['Pausing', 'None', 'running'],
		['Resuming', 'None', 'running'],
		['Stopping', 'None', 'running'],
		['Working', 'Success', 'running'],
		['Working', 'Failed', 'running'],
		['Stopped', 'Success', 'succeeded'],
		['Stopped', 'Warning', 'warning'],
		['Stopped', 'Failed', 'failed'],
		['Stopped', 'None', 'unknown'],
		['STOPPED', 'failed', 'failed'],
		['Completed', 'Success', 'unknown'],
		['InProgress', 'Success', 'unknown'],
		['Idle', 'None', 'unknown'],
		['', '', 'unknown'],
	])('%s/%s → %s', (state, result, expected) => {
		expect(backupJobSessionState(state, result)).toBe(expected);
	});

	it('non-strings are unknown and never throw', () => {
		expect(backupJobSessionState(undefined, undefined)).toBe('unknown');
		expect(cdpTaskSessionState(3, null)).toBe('unknown');
	});
});

const CDP_XML = `<?xml version="1.0"?><CdpReplicaTaskSession xmlns="http://www.veeam.com/ent/v1.0" Type="CdpReplicaTaskSession" Href="https://localhost:9398/api/cdpReplicaTaskSessions/2ec4d35f-b5d8-4cb3-9d11-12e1d5792625?format=Entity" Name="virt03-ubuntu01@2021-02-12 00:00:10" UID="urn:veeam:CdpReplicaTaskSession:2ec4d35f-b5d8-4cb3-9d11-12e1d5792625" VmDisplayName="virt03-ubuntu01">
  <Links>
    <Link Rel="Up" Type="BackupServerReference" Href="https://localhost:9398/api/backupServers/cca0b96b-4924-4461-8899-b831bc00176e" Name="enterprise03.tech.local" />
  </Links>
  <PolicySessionUid>urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f</PolicySessionUid>
  <CreationTimeUTC>2021-02-12T00:00:10.457Z</CreationTimeUTC>
  <EndTimeUTC>2021-02-12T06:00:12.118Z</EndTimeUTC>
  <State>Completed</State>
  <Result>Warning</Result>
  <Reason>Disk &quot;1&quot; &amp; disk 2 resized</Reason>
  <TotalSize>17179869184</TotalSize>
</CdpReplicaTaskSession>`;

const CDP_JSON_V12 = {
	PolicySessionUid: 'urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f',
	CreationTimeUTC: '2021-02-12T00:00:10.457Z',
	EndTimeUTC: '2021-02-12T06:00:12.118Z',
	State: 'Completed',
	Result: 'Warning',
	Reason: 'Disk "1" & disk 2 resized',
	TotalSize: 17179869184,
	VmDisplayName: 'virt03-ubuntu01',
	Name: 'virt03-ubuntu01@2021-02-12 00:00:10',
	UID: 'urn:veeam:CdpReplicaTaskSession:2ec4d35f-b5d8-4cb3-9d11-12e1d5792625',
	Links: [{ Rel: 'Up', Href: 'https://localhost:9398/api/backupServers/cca0b96b-4924-4461-8899-b831bc00176e', Name: 'enterprise03.tech.local', Type: 'BackupServerReference' }],
	Href: 'https://localhost:9398/api/cdpReplicaTaskSessions/2ec4d35f-b5d8-4cb3-9d11-12e1d5792625?format=Entity',
	Type: 'CdpReplicaTaskSession',
};

const lowerFirst = (value: unknown): unknown => {
	if (Array.isArray(value)) return value.map(lowerFirst);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === 'UID' ? 'uid' : k[0].toLowerCase() + k.slice(1), lowerFirst(v)]));
};

describe('one entity, three encodings', () => {
	it('XML, v12 JSON and v13 camelCase JSON give the same item, details included', () => {
		const fromXml = fromSession(CDP_TASK_SESSION, sessionEntity(CDP_TASK_SESSION, xml(CDP_XML)), false);
		const fromV12 = fromSession(CDP_TASK_SESSION, sessionEntity(CDP_TASK_SESSION, CDP_JSON_V12), false);
		const fromV13 = fromSession(CDP_TASK_SESSION, sessionEntity(CDP_TASK_SESSION, lowerFirst(CDP_JSON_V12)), false);
		expect(fromXml).toEqual(fromV12);
		expect(fromV13).toEqual(fromV12);
		expect(fromV12).toMatchObject({
			vendor: 'veeam',
			jobId: '2ec4d35f-b5d8-4cb3-9d11-12e1d5792625',
			jobName: 'virt03-ubuntu01@2021-02-12 00:00:10',
			state: 'warning',
			vendorState: 'Completed/Warning',
			isFinished: true,
			isSuccess: true,
			progressPercent: null,
			startedAt: '2021-02-12T00:00:10.457Z',
			endedAt: '2021-02-12T06:00:12.118Z',
			durationSeconds: 21601.661,
			message: 'Disk "1" & disk 2 resized',
			steps: [],
		});
		expect(fromV12.details).toMatchObject({ TotalSize: 17179869184, Links: [{ Rel: 'Up', Name: 'enterprise03.tech.local' }] });
		expect(Object.keys(fromV12.details ?? {})).not.toContain('xmlns');
	});

	it('a running backup job session: Result None is not finished; progress and FailureMessage', () => {
		const running = { UID: 'urn:veeam:BackupJobSession:D46E39E0-1131-4585-91A7-E828CE7EAFAE', Name: 'Fileserver Backup@x', State: 'Working', Result: 'None', Progress: 42, EndTimeUTC: null, FailureMessage: null, IsRetry: false };
		expect(fromSession(BACKUP_JOB_SESSION, running, true)).toMatchObject({ jobId: 'd46e39e0-1131-4585-91a7-e828ce7eafae', state: 'running', vendorState: 'Working/None', isFinished: false, isSuccess: null, progressPercent: 42, endedAt: null, message: null });
		const failed = { ...running, State: 'Stopped', Result: 'Failed', FailureMessage: 'Access denied.' };
		expect(fromSession(BACKUP_JOB_SESSION, failed, true)).toMatchObject({ state: 'failed', isSuccess: false, message: 'Access denied.' });
	});

	it('an entity without a UID, and an answer that is not an entity, are errors', () => {
		expect(() => fromSession(BACKUP_JOB_SESSION, { State: 'Stopped' }, true)).toThrow(/UID/);
		expect(() => sessionEntity(BACKUP_JOB_SESSION, { unexpected: 'shape' })).toThrow(/where a backup job session with its State was expected/);
		expect(() => sessionEntity(BACKUP_JOB_SESSION, null)).toThrow(/sent nothing/);
	});

	it('keys are read in any casing', () => {
		expect(field({ creationTimeUtc: 'x' }, 'CreationTimeUTC')).toBe('x');
		expect(canonicalRecord({ uid: 'u', isRetry: 'true', progress: '7', jobName: 123 })).toEqual({ UID: 'u', IsRetry: true, Progress: 7, JobName: '123' });
	});
});

describe('query results', () => {
	const entity = (id: string) => `<BackupJobSession UID="urn:veeam:BackupJobSession:${id}" Name="n"><State>Stopped</State><Result>Success</Result></BackupJobSession>`;
	const result = (inner: string) => xml(`<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Entities><BackupJobSessions>${inner}</BackupJobSessions></Entities><PagingInfo PageNum="1" PageSize="100" PagesCount="3"/></QueryResult>`);

	it('XML with one, two or no entities; JSON v12 and v13', () => {
		expect(queryPage('BackupJobSession', result(entity('a'))).entities).toHaveLength(1);
		expect(queryPage('BackupJobSession', result(entity('a') + entity('b')))).toMatchObject({ pagesCount: 3 });
		expect(queryPage('BackupJobSession', result('')).entities).toEqual([]);
		const v12 = { Refs: null, Entities: { BackupJobSessions: { BackupJobSessions: [{ UID: 'urn:veeam:BackupJobSession:a', State: 'Stopped', Result: 'Failed' }] }, CdpReplicaTaskSessions: null }, PagingInfo: { PageNum: 1, PageSize: 100, PagesCount: 1 } };
		expect(normalizeQuery(BACKUP_JOB_SESSION, v12, true).map((s) => s.state)).toEqual(['failed']);
		expect(normalizeQuery(BACKUP_JOB_SESSION, lowerFirst(v12), true).map((s) => s.state)).toEqual(['failed']);
		expect(queryPage('BackupJobSession', { Entities: { BackupJobSessions: { BackupJobSessions: [] } } }).entities).toEqual([]);
	});

	it('an answer without Entities is an error, never "no sessions"', () => {
		expect(() => queryPage('BackupJobSession', { unexpected: 'shape', items: 'not a list' })).toThrow(/where a query result of BackupJobSession entities was expected/);
		expect(() => queryPage('BackupJobSession', null)).toThrow(/sent nothing/);
		expect(() => queryPage('BackupJobSession', { Entities: { BackupJobSessions: 'x' } })).toThrow(/another shape|a string/);
	});
});

describe('Veeam <Error> bodies', () => {
	it.each([
		[xml('<Error xmlns="http://www.veeam.com/ent/v1.0" Message="Object not found." StatusCode="404" Status="NotFound" />'), 'Object not found.'],
		[{ Message: 'Session not found or expired.', StatusCode: 401, Status: 'Unauthorized', FirstChanceExceptionMessage: null, StackTrace: null }, 'Session not found or expired.'],
		[{ message: 'camel', statusCode: 500, status: 'InternalServerError' }, 'camel'],
	])('%j', (body, message) => {
		expect(veeamErrorMessage(body)).toBe(message);
		expect(veeamBodyError(body)).toBe(message);
	});

	it('an entity is no error', () => {
		expect(veeamBodyError(CDP_JSON_V12)).toBeUndefined();
		expect(veeamBodyError(xml(CDP_XML))).toBeUndefined();
	});

	it('the Base URL: /api added or kept; port 9419 named as the other API', () => {
		expect(apiRoot('https://em:9398')).toBe('https://em:9398/api');
		expect(apiRoot('https://em:9398/api/')).toBe('https://em:9398/api');
		expect(apiRoot(' https://em:9398/API ')).toBe('https://em:9398/API');
		expect(veeamBaseUrlProblem('https://vbr:9419')).toMatch(/Backup & Replication REST API/);
		expect(veeamBaseUrlProblem('https://em:9398')).toBeUndefined();
	});
});

describe('query filters: every value quoted, so no value changes the filter', () => {
	const hostile = 'Exchange "Mail"; Daily, State==Stopped (x)';

	it('quotes and doubles quotes', () => {
		expect(quote('a"b')).toBe('"a""b"');
		expect(compare('JobName', '==', 'x')).toBe('JobName=="x"');
		expect(anyOf('State', ['Working', 'Stopped'])).toBe('(State=="Working",State=="Stopped")');
		expect(allOf(['A=="1"', undefined, '', 'B=="2"'])).toBe('A=="1";B=="2"');
	});

	it('the simulator reads a hostile name back as one value of one condition', () => {
		const filter = allOf([compare('JobName', '==', hostile), anyOf('Result', ['Warning', 'Failed'])]);
		expect(parseFilter(filter)).toEqual({
			and: [
				{ field: 'JobName', op: '==', value: hostile },
				{ or: [{ field: 'Result', op: '==', value: 'Warning' }, { field: 'Result', op: '==', value: 'Failed' }] },
			],
		});
	});
});

describe('hostile XML from an Enterprise Manager server', () => {
	it('entity expansion (billion laughs) is not expanded, and is fast', () => {
		const defs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
		const text = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">${defs}]><BackupJobSession UID="urn:veeam:BackupJobSession:a"><State>&l10;</State><Result>Success</Result></BackupJobSession>`;
		const started = Date.now();
		const parsed = parseBody(text, 'application/xml');
		expect(Date.now() - started).toBeLessThan(1000);
		expect(JSON.stringify(parsed).length).toBeLessThan(10_000);
		if (parsed.value) expect(fromSession(BACKUP_JOB_SESSION, sessionEntity(BACKUP_JOB_SESSION, parsed.value), true).state).toBe('unknown');
	});

	it('an external entity is never fetched or read', () => {
		const text = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><BackupJobSession UID="urn:veeam:BackupJobSession:a"><State>&x;</State></BackupJobSession>';
		expect(JSON.stringify(parseBody(text, 'application/xml'))).not.toContain('root:');
	});

	it('the predefined entities and character references are decoded, nothing else', () => {
		const parsed = xml('<a n="A &amp; B &quot;c&quot; &#65;&#x42;"><b>1 &lt; 2 &gt; 0 &apos;q&apos; &custom;</b></a>') as { a: { n: string; b: string } };
		expect(parsed.a).toEqual({ n: 'A & B "c" AB', b: "1 < 2 > 0 'q' &custom;" });
	});
});

describe('Veeam jobType', () => {
	it.each([
		['Backup', 'backup'],
		['AgentBackup', 'backup'],
		['NasBackup', 'backup'],
		['BackupCopy', 'other'],
		['ImmediateBackupCopy', 'other'],
		['Replica', 'other'],
		['', 'backup'],
	])('backup job session JobType %s → %s', (value, expected) => {
		expect(backupSessionJobType(value)).toBe(expected);
	});

	it('a CDP replica task session is other', () => {
		expect(CDP_TASK_SESSION.jobType('')).toBe('other');
	});
});
