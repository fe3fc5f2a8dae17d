import { sleep, type IDataObject, type IHttpRequestOptions, type ILoadOptionsFunctions, type INodeParameters } from 'n8n-workflow';

import example from '../../examples/veeam-wait-for-latest-session.json';
import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { searchJobs } from '../../nodes/VeeamEnterpriseManager/listSearch';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { HTTP_REQUEST_VERSION, httpRequestNode } from '../bench/n8n-nodes';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from '../harness/runNode';
import { HOSTILE_JOB_NAME, JOBS, VeeamSimulator } from '../simulators/veeam';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager', node: new VeeamEnterpriseManager(), credentialType: new VeeamEnterpriseManagerApi() };

interface Logged {
	method: string;
	path: string;
	query: string;
	headers: IDataObject;
}

const CDP = '2ec4d35f-b5d8-4cb3-9d11-12e1d5792625';
const CDP_WARNING = '5b0e8c1a-3f4d-4e2b-a6c7-8d9e0f1a2b3c';
const CDP_FAILING = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const BACKUP_OK = 'd46e39e0-1131-4585-91a7-e828ce7eafae';
const BACKUP_SQL = '3c602890-209d-4a99-8d7b-208a7134fc97';
const BACKUP_EXCHANGE = '21d5e924-0318-497f-8f13-1d94d3d86ddb';
const BACKUP_RUNNING = 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

let sim: VeeamSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VeeamSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function restart(options: ConstructorParameters<typeof VeeamSimulator>[0] = {}) {
	await sim.stop();
	sim = new VeeamSimulator(options);
	baseUrl = await sim.start();
}

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const logged = () => sim.requests as unknown as Logged[];
const apiCalls = () => logged().filter((r) => !r.path.startsWith('/api/sessionMngr'));
const signIns = () => logged().filter((r) => r.path.startsWith('/api/sessionMngr'));
const queryOf = (r: Logged) => new URLSearchParams(r.query);
const xml = (parameters: INodeParameters): INodeParameters => ({ ...parameters, options: { ...(parameters.options as IDataObject), responseFormat: 'xml' } });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const cdpGet = (sessionId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'cdpReplicaTaskSession', operation: 'get', sessionId, ...extra });
const backupGet = (sessionId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupJobSession', operation: 'get', sessionId, ...extra });
const latest = (job: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'backupJobSession',
	operation: 'getLatest',
	job: { __rl: true, mode: 'id', value: job },
	...extra,
});

function expectNoSecrets(result: NodeRun, extra: string[] = []) {
	const basic = Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
	for (const secret of [sim.password, basic, ...sim.liveTokens, ...extra]) expect(result.text).not.toContain(secret);
}

describe('Veeam Enterprise Manager node through n8n: CDP replica task sessions', () => {
	it('Get (the seed operation) signs in with Basic auth, sends X-RestSvcSessionId, reads ?format=Entity', async () => {
		const result = await runNode(subject, creds(), cdpGet(CDP));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({ vendor: 'veeam', jobId: CDP, state: 'queued', vendorState: 'Pending/Success', isFinished: false, progressPercent: null });
		expect(String(item.jobName)).toMatch(/^virt03-ubuntu01@/);
		const [signIn] = signIns();
		expect(signIn.method).toBe('POST');
		expect(queryOf(signIn).get('v')).toBe('latest');
		expect(String(signIn.headers.authorization)).toMatch(/^Basic /);
		const [call] = apiCalls();
		expect(call.path).toBe(`/api/cdpReplicaTaskSessions/${CDP}`);
		expect(queryOf(call).get('format')).toBe('Entity');
		expect(call.headers['x-restsvcsessionid']).toBe(sim.liveTokens[0]);
		expect(call.headers.accept).toBe('application/json');
		expect(call.headers.cookie).toBeUndefined();
		expectNoSecrets(result);
	});

	it('the ID as a urn:veeam:CdpReplicaTaskSession UID, and a Base URL with /api, work the same', async () => {
		const result = await runNode(subject, creds({ baseUrl: `${baseUrl}/api/` }), cdpGet(`urn:veeam:CdpReplicaTaskSession:${CDP_WARNING.toUpperCase()}`));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: CDP_WARNING, state: 'warning', vendorState: 'Completed/Warning', message: 'The replica disk was resized; the next sync transfers the whole disk.' });
		expect(apiCalls()[0].path).toBe(`/api/cdpReplicaTaskSessions/${CDP_WARNING}`);
	});

	it('Wait for Completion follows Pending → InProgress → Completed, one request per distinct session and round', async () => {
		const result = await runNode(subject, creds(), cdpGet(CDP, waiting), { items: [{}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		for (const item of result.items) expect(item).toMatchObject({ jobId: CDP, state: 'succeeded', vendorState: 'Completed/Success', isFinished: true, isSuccess: true });
		expect(result.items[0].endedAt).not.toBeNull();
		expect(apiCalls()).toHaveLength(3);
		expect(signIns()).toHaveLength(1);
	});

	it('several sessions are read from one query with an OR filter on their UIDs, as the single reads give them', async () => {
		const ids = [CDP_WARNING, CDP_FAILING, CDP_WARNING];
		const bulk = await runNode(subject, creds(), cdpGet('={{ $json.id }}', { simplify: false }), { items: ids.map((id) => ({ id })) });
		expect(bulk.error).toBeUndefined();
		expect(bulk.items.map((i) => i.state)).toEqual(['warning', 'running', 'warning']);
		const [call] = apiCalls();
		expect(apiCalls()).toHaveLength(1);
		expect(call.path).toBe('/api/query');
		expect(queryOf(call).get('type')).toBe('CdpReplicaTaskSession');
		expect(queryOf(call).get('filter')).toBe(`(Id=="urn:veeam:CdpReplicaTaskSession:${CDP_WARNING}",Id=="urn:veeam:CdpReplicaTaskSession:${CDP_FAILING}")`);
		await restart();
		const single = await runNode(subject, creds(), cdpGet(CDP_WARNING, { simplify: false }));
		expect(single.items[0]).toEqual(bulk.items[0]);
	});

	it('Get Many: the query API, newest first, with a State filter and a limit', async () => {
		const result = await runNode(subject, creds(), { resource: 'cdpReplicaTaskSession', operation: 'getAll', limit: 2, filters: { state: ['Completed', 'InProgress'] } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual([CDP_FAILING, CDP_WARNING]);
		const q = queryOf(apiCalls()[0]);
		expect([q.get('type'), q.get('format'), q.get('sortDesc'), q.get('pageSize'), q.get('page')]).toEqual(['CdpReplicaTaskSession', 'Entities', 'CreationTimeUTC', '2', '1']);
		expect(q.get('filter')).toBe('(State=="Completed",State=="InProgress")');
	});

	it('Get Many: a VM and a time window, oldest first', async () => {
		const result = await runNode(subject, creds(), {
			resource: 'cdpReplicaTaskSession',
			operation: 'getAll',
			returnAll: true,
			sort: 'oldestFirst',
			filters: { vmDisplayName: 'virt05-db01', createdAfter: '2000-01-01T00:00:00Z' },
		});
		expect(result.items.map((i) => i.jobId)).toEqual([CDP_FAILING]);
		const q = queryOf(apiCalls()[0]);
		expect(q.get('sortAsc')).toBe('CreationTimeUTC');
		expect(q.get('filter')).toBe('CreationTimeUTC>="2000-01-01T00:00:00.000Z";VmDisplayName=="virt05-db01"');
	});

	it.each([
		['={{ "" }}', /Session ID parameter is empty/],
		['={{ "  " }}', /Session ID parameter is empty/],
		['not-a-guid', /not in the expected format/],
		['../2ec4d35f-b5d8-4cb3-9d11-12e1d5792625', /characters an ID cannot have/],
		[`urn:veeam:BackupJobSession:${BACKUP_OK}`, /is the UID of a BackupJobSession, not of a CdpReplicaTaskSession/],
		[`urn:veeam:Job:${JOBS.fileserver}`, /is the UID of a Job/],
	])('Session ID "%s" is refused before any request', async (bad, message) => {
		const result = await runNode(subject, creds(), cdpGet(bad));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(logged()).toHaveLength(0);
	});

	it('an unknown session: Veeam\'s <Error> message as a NodeApiError (XML and JSON)', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		for (const parameters of [cdpGet(missing), xml(cdpGet(missing))]) {
			const result = await runNode(subject, creds(), parameters);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.httpCode).toBe('404');
			expect(result.error?.message).toBe(`Veeam Enterprise Manager answered 404: CdpReplicaTaskSession ${missing} was not found.`);
		}
	});

	it('an <Error> inside an HTTP 200 answer is an error with Veeam\'s message, not data', async () => {
		sim.fail({ fault: 'errorInBody', match: '/api/cdpReplicaTaskSessions/' });
		const result = await runNode(subject, creds(), cdpGet(CDP));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('Veeam Enterprise Manager reported: The appliance failed to read its job history');
	});
});

describe('Veeam Enterprise Manager node through n8n: backup job sessions', () => {
	it('Get: a finished session, and a failed one with its FailureMessage', async () => {
		const ok = await runNode(subject, creds(), backupGet(BACKUP_OK));
		expectJobStatus(ok.items[0]);
		expect(ok.items[0]).toMatchObject({ jobId: BACKUP_OK, state: 'succeeded', vendorState: 'Stopped/Success', progressPercent: 100, durationSeconds: 1020 });
		expect(apiCalls()[0].path).toBe(`/api/backupSessions/${BACKUP_OK}`);
		const failed = await runNode(subject, creds(), backupGet(BACKUP_EXCHANGE));
		expect(failed.items[0]).toMatchObject({ state: 'failed', isSuccess: false, message: 'The mailbox database is dismounted.', jobName: expect.stringContaining(HOSTILE_JOB_NAME) });
	});

	it('Get with Wait: Starting → Working → Stopped/Warning, with progress on the way', async () => {
		const result = await runNode(subject, creds(), backupGet(BACKUP_SQL, waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'warning', vendorState: 'Stopped/Warning', isSuccess: true, progressPercent: 100, message: expect.stringContaining('Changed block tracking') });
		expect(apiCalls()).toHaveLength(3);
	});

	it('Get Latest: the newest session of the job, by ID or UID, then waits on that session by its ID', async () => {
		const result = await runNode(subject, creds(), latest(`urn:veeam:Job:${JOBS.fileserver}`, waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: BACKUP_RUNNING, state: 'succeeded', vendorState: 'Stopped/Success' });
		const [first, ...rest] = apiCalls();
		expect(first.path).toBe('/api/query');
		const q = queryOf(first);
		expect([q.get('type'), q.get('filter'), q.get('sortDesc'), q.get('pageSize')]).toEqual(['BackupJobSession', `JobUid=="urn:veeam:Job:${JOBS.fileserver}"`, 'CreationTime', '1']);
		expect(rest.map((r) => r.path)).toEqual([`/api/backupSessions/${BACKUP_RUNNING}`, `/api/backupSessions/${BACKUP_RUNNING}`]);
	});

	it('Get Latest without a wait; a job without sessions is a clear error', async () => {
		const result = await runNode(subject, creds(), { ...latest(JOBS.sql), job: { __rl: true, mode: 'list', value: JOBS.sql, cachedResultName: 'SQL Nightly' } });
		expect(result.items[0]).toMatchObject({ jobId: BACKUP_SQL, state: 'running', vendorState: 'Starting/None' });
		const none = await runNode(subject, creds(), latest('11111111-2222-4333-8444-555555555555'));
		expect(none.error?.message).toMatch(/has no session of the job 11111111-2222-4333-8444-555555555555/);
		const wrong = await runNode(subject, creds(), latest(`urn:veeam:BackupJobSession:${BACKUP_OK}`));
		expect(wrong.error?.message).toMatch(/is the UID of a BackupJobSession, not of a Job/);
	});

	it('Get Many: a job name with , ; " = is quoted, so it matches its job and changes nothing else', async () => {
		const result = await runNode(subject, creds(), { resource: 'backupJobSession', operation: 'getAll', returnAll: true, filters: { jobName: HOSTILE_JOB_NAME } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual([BACKUP_EXCHANGE]);
		expect(queryOf(apiCalls()[0]).get('filter')).toBe('JobName=="Exchange ""Mail""; Daily, State==Stopped"');
	});

	it('Get Many: Result and State filters, newest first', async () => {
		const result = await runNode(subject, creds(), { resource: 'backupJobSession', operation: 'getAll', returnAll: true, filters: { result: ['Failed', 'Warning'], state: ['Stopped'] } });
		expect(result.items.map((i) => [i.jobId, i.state])).toEqual([
			[BACKUP_EXCHANGE, 'failed'],
			['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'failed'],
		]);
		expect(queryOf(apiCalls()[0]).get('filter')).toBe('(Result=="Failed",Result=="Warning");State=="Stopped"');
	});

	it('Get Many follows PagingInfo: Return All reads every page, a limit stops early', async () => {
		const history = Array.from({ length: 230 }, (_, n) => ({ kind: 'backup', jobId: JOBS.sql, createdAt: Date.parse('2020-01-01T00:00:00Z') + n * 60_000, steps: [{ state: 'Stopped', result: 'Success' }] }));
		sim.seed({ backupSessions: history });
		const all = await runNode(subject, creds(), { resource: 'backupJobSession', operation: 'getAll', returnAll: true, filters: { createdBefore: '2021-01-01T00:00:00Z' } });
		expect(all.items).toHaveLength(230);
		expect(apiCalls().map((r) => [queryOf(r).get('page'), queryOf(r).get('pageSize')])).toEqual([['1', '100'], ['2', '100'], ['3', '100']]);
		const started = all.items.map((i) => String(i.startedAt));
		expect(started).toEqual([...started].sort().reverse());
		sim.resetStats();
		const some = await runNode(subject, creds(), { resource: 'backupJobSession', operation: 'getAll', limit: 120 });
		expect(some.items).toHaveLength(120);
		expect(apiCalls()).toHaveLength(2);
	});

	it.each([
		['backup job sessions, JSON', 'backupJobSession', false],
		['backup job sessions, XML', 'backupJobSession', true],
		['CDP replica task sessions, JSON', 'cdpReplicaTaskSession', false],
		['CDP replica task sessions, XML', 'cdpReplicaTaskSession', true],
	])('a server whose pages are smaller than asked (%s): Return All is complete, a Limit exact', async (_name, resource, asXml) => {
		const kind = resource === 'backupJobSession' ? 'backup' : 'cdp';
		const created = (n: number) => Date.parse('2020-01-01T00:00:00Z') + n * 60_000;
		const history = Array.from({ length: 8 }, (_, n) => ({ kind, jobId: JOBS.sql, createdAt: created(n), steps: [{ state: kind === 'backup' ? 'Stopped' : 'Completed', result: 'Success' }] }));
		await restart({ backupSessions: kind === 'backup' ? history : [], cdpSessions: kind === 'cdp' ? history : [] });
		sim.maxPageSize = 2;
		sim.latencyMs = 20;
		const params = (extra: INodeParameters): INodeParameters => ({ resource, operation: 'getAll', ...extra });
		const format = (p: INodeParameters) => (asXml ? xml(p) : p);
		const all = await runNode(subject, creds(), format(params({ returnAll: true })));
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(8);
		expect(new Set(all.items.map((i) => i.jobId)).size).toBe(8);
		// PagesCount came with the first page: the three after it go side by side (in any order).
		expect(apiCalls().map((r) => `${queryOf(r).get('page')}/${queryOf(r).get('pageSize')}`).sort()).toEqual(['1/100', '2/100', '3/100', '4/100']);
		expect(sim.stats.peakInFlight).toBe(3);
		sim.resetStats();
		const three = await runNode(subject, creds(), format(params({ limit: 3 })));
		expect(three.items.map((i) => i.jobId)).toEqual(all.items.slice(0, 3).map((i) => i.jobId));
		expect(apiCalls()).toHaveLength(2);
	});

	it('an unparseable date filter is refused before any request', async () => {
		const result = await runNode(subject, creds(), { resource: 'backupJobSession', operation: 'getAll', filters: { createdAfter: 'yesterday-ish' } });
		expect(result.error?.message).toMatch(/Created After filter "yesterday-ish" is not a date/);
		expect(logged()).toHaveLength(0);
	});
});

describe('JSON and XML, v12 and v13: equal items', () => {
	const cases: Array<[string, INodeParameters]> = [
		['CDP Get', cdpGet(CDP_WARNING, { simplify: false })],
		['CDP Get (bulk)', cdpGet('={{ $json.id }}', { simplify: false })],
		['CDP Get Many', { resource: 'cdpReplicaTaskSession', operation: 'getAll', returnAll: true, simplify: false }],
		['Backup Get', backupGet(BACKUP_EXCHANGE, { simplify: false })],
		['Backup Get Many', { resource: 'backupJobSession', operation: 'getAll', returnAll: true, simplify: false }],
		['Backup Get Latest', latest(JOBS.sql, { simplify: false })],
		['Backup Get Latest (simplified)', latest(JOBS.fileserver)],
	];
	const items = [{ id: CDP_WARNING }, { id: CDP_FAILING }];

	it.each(cases)('%s', async (_name, parameters) => {
		const runs: NodeRun[] = [];
		for (const [casing, format] of [['v12', 'json'], ['v13', 'json'], ['v12', 'xml'], ['v13', 'xml']] as const) {
			await restart({ casing });
			runs.push(await runNode(subject, creds(), format === 'xml' ? xml(parameters) : parameters, { items }));
			expect(runs.at(-1)?.error).toBeUndefined();
			const accept = format === 'xml' ? 'application/xml' : 'application/json';
			expect(apiCalls().every((r) => r.headers.accept === accept)).toBe(true);
		}
		expect(runs[0].items.length).toBeGreaterThan(0);
		for (const run of runs.slice(1)) expect(run.items).toEqual(runs[0].items);
		if (parameters.simplify === false) expect(runs[0].items[0].details).toMatchObject({ UID: expect.stringMatching(/^urn:veeam:/), Links: expect.any(Array) });
	});
});

describe('Veeam Enterprise Manager credential', () => {
	it('an account without an Enterprise Manager role: 401 on sign-in, an error that says so, tried once, no secret shown', async () => {
		const result = await runNode(subject, creds({ username: sim.noRoleUsername }), cdpGet(CDP));
		expect(result.error?.message).toMatch(/refused the sign-in \(401\): Access denied\. The user has no Enterprise Manager role\. .*no Enterprise Manager role/);
		expect(result.error?.description).toMatch(/Portal Administrator, Portal User or Restore Operator/);
		expect(signIns()).toHaveLength(1);
		expect(apiCalls()).toHaveLength(0);
		expectNoSecrets(result, [Buffer.from(`${sim.noRoleUsername}:${sim.password}`).toString('base64')]);
	});

	it('a wrong password: the same clear error, and the password is never shown', async () => {
		const bad = 'Wrong-Pass-99!';
		const result = await runNode(subject, creds({ password: bad }), cdpGet(CDP));
		expect(result.error?.message).toMatch(/refused the sign-in \(401\): Authentication failed/);
		expect(signIns()).toHaveLength(1);
		expect(result.text).not.toContain(bad);
		expect(result.text).not.toContain(Buffer.from(`${sim.username}:${bad}`).toString('base64'));
	});

	it('the session is reused across executions; an expired one (401) is renewed by one sign-in', async () => {
		const credentials = creds();
		await runNode(subject, credentials, cdpGet(CDP));
		await runNode(subject, credentials, cdpGet(CDP));
		expect(sim.stats.signIns).toBe(1);
		sim.expireSessions();
		const result = await runNode(subject, credentials, cdpGet(CDP), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
		expect(credentials.store.veeamEnterpriseManagerApi.sessionToken).toBe(sim.liveTokens[0]);
		expectNoSecrets(result);
	});

	it('sessions idle out (15 minutes on a real server; 50 ms here): the next run signs in once more', async () => {
		await restart({ idleMs: 50 });
		const credentials = creds();
		await runNode(subject, credentials, backupGet(BACKUP_OK));
		await sleep(120);
		const result = await runNode(subject, credentials, backupGet(BACKUP_OK));
		expect(result.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
	});

	it.each([
		['XML', true],
		['JSON', false],
	])('a sign-in answered 200 with an <Error> document (%s) shows Veeam\'s own message', async (_format, xml) => {
		sim.refuseSignInWithOk('The license for Enterprise Manager has expired.', { xml });
		const result = await runNode(subject, creds(), cdpGet(CDP));
		expect(result.error?.message).toMatch(/Veeam Enterprise Manager refused the sign-in: The license for Enterprise Manager has expired\./);
		expect(result.error?.message).not.toMatch(/X-RestSvcSessionId|Base URL/);
		expect(apiCalls()).toHaveLength(0);
		sim.refuseSignInWithOk(undefined);
		expect((await runNode(subject, creds(), cdpGet(CDP))).error).toBeUndefined();
	});

	it('a sign-in without the X-RestSvcSessionId header (another API on that port) is a clear error', async () => {
		sim.fail({ fault: 'wrongShape', match: '/api/sessionMngr' });
		const result = await runNode(subject, creds(), cdpGet(CDP));
		expect(result.error?.message).toMatch(/without an X-RestSvcSessionId header/);
	});
});

describe('the example workflow (examples/veeam-wait-for-latest-session.json)', () => {
	const node = example.nodes.find((n) => n.type === subject.type)!;
	const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };

	it('waits for the newest Fileserver Backup session until it stopped: the success branch', async () => {
		const result = await runNode(subject, creds(), parameters);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: BACKUP_RUNNING, state: 'succeeded', isSuccess: true });
	});

	it.each([
		[JOBS.sql, 'warning'],
		[JOBS.exchange, 'failed'],
	])('job %s ends %s: what the ticket branch takes', async (job, state) => {
		const result = await runNode(subject, creds(), { ...parameters, job: { __rl: true, mode: 'id', value: job } });
		expect(result.items[0]).toMatchObject({ state, isFinished: true });
	});
});

describe('the credential in n8n\'s HTTP Request node (Predefined Credential Type)', () => {
	const http = httpRequestNode();
	(http ? it : it.skip)('starts a job (POST /api/jobs/{ID}?action=start), and signs in again once after the session expired', async () => {
		const httpSubject: NodeUnderTest = { type: 'n8n-nodes-base.httpRequest', node: http!, credentialType: subject.credentialType };
		const credentials = creds();
		const parameters: INodeParameters = {
			method: 'POST',
			url: `${baseUrl}/api/jobs/${JOBS.sql}?action=start`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'veeamEnterpriseManagerApi',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
			options: {},
		};
		const first = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(first.error).toBeUndefined();
		// the Task as Enterprise Manager answers the action: Running, its Result once GET /tasks/{ID} shows it Finished
		expect(first.items[0]).toMatchObject({ Type: 'Task', Operation: 'StartJob', State: 'Running', TaskId: 'task-1' });
		sim.expireSessions();
		const second = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(second.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
		expectNoSecrets(second);
	});
});

describe('Veeam: the Job locator (From List)', () => {
	it('lists the jobs by name from the query API, filtered by the search text', async () => {
		const auth = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
		const signIn = await fetch(`${baseUrl}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { authorization: auth } });
		const token = String(signIn.headers.get('x-restsvcsessionid'));
		const ctx = {
			getNode: () => ({ name: 'Veeam Enterprise Manager' }),
			getCredentials: async () => ({ baseUrl, username: sim.username, password: sim.password, sessionToken: token }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(String(options.url));
					for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
					const response = await fetch(url, { headers: { ...(options.headers as Record<string, string>), 'x-restsvcsessionid': token } });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		expect((await searchJobs.call(ctx)).results).toEqual([
			{ name: HOSTILE_JOB_NAME, value: JOBS.exchange },
			{ name: 'Fileserver Backup', value: JOBS.fileserver },
			{ name: 'SQL Nightly', value: JOBS.sql },
		]);
		expect((await searchJobs.call(ctx, 'sql')).results).toEqual([{ name: 'SQL Nightly', value: JOBS.sql }]);
		expect(queryOf(apiCalls()[0]).get('type')).toBe('Job');
	});

	it('a server that answers one job per page: every job is listed, past ten pages', async () => {
		const jobs = Array.from({ length: 12 }, (_, n) => ({ id: `0000000${n % 10}-1111-4222-8333-${String(n).padStart(12, '0')}`, name: `Job ${String(n).padStart(2, '0')}` }));
		await restart({ jobs });
		sim.maxPageSize = 1;
		const signIn = await fetch(`${baseUrl}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}` } });
		const token = String(signIn.headers.get('x-restsvcsessionid'));
		const ctx = {
			getNode: () => ({ name: 'Veeam Enterprise Manager' }),
			getCredentials: async () => ({ baseUrl, username: sim.username, password: sim.password, sessionToken: token }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(String(options.url));
					for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
					const response = await fetch(url, { headers: { ...(options.headers as Record<string, string>), 'x-restsvcsessionid': token } });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		// The seeded sessions' jobs are listed too; the 12 seeded jobs all are, in name order.
		const listed = (await searchJobs.call(ctx)).results;
		expect(listed.filter((r) => /^Job \d\d$/.test(r.name))).toEqual(jobs.map((job) => ({ name: job.name, value: job.id })));
		expect(apiCalls()).toHaveLength(listed.length);
	});
});
