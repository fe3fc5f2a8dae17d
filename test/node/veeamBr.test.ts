/**
 * Veeam Backup & Replication (REST API v1) through n8n's execution code: the OAuth 2 sign-in (form body,
 * x-api-version found once), token renewal by refresh token and by password, sessions and jobs, paging
 * by skip and limit up to the answer's total, and the credential in the HTTP Request node.
 */
import { sleep, type IDataObject, type IHttpRequestOptions, type ILoadOptionsFunctions, type INodeParameters } from 'n8n-workflow';

import example from '../../examples/veeam-br-wait-for-latest-session.json';
import { VeeamBackupReplicationApi } from '../../credentials/VeeamBackupReplicationApi.credentials';
import { searchJobs } from '../../nodes/VeeamBackupReplication/listSearch';
import { VeeamBackupReplication } from '../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import { HTTP_REQUEST_VERSION, httpRequestNode } from '../bench/n8n-nodes';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from '../harness/runNode';
import { JOBS, SESSIONS, VeeamBrSimulator } from '../simulators/veeamBr';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamBackupReplication', node: new VeeamBackupReplication(), credentialType: new VeeamBackupReplicationApi() };

interface Logged {
	method: string;
	path: string;
	query: string;
	headers: IDataObject;
}

let sim: VeeamBrSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VeeamBrSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function restart(options: ConstructorParameters<typeof VeeamBrSimulator>[0] = {}) {
	await sim.stop();
	sim = new VeeamBrSimulator(options);
	baseUrl = await sim.start();
}

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const logged = () => sim.requests as unknown as Logged[];
const signIns = () => logged().filter((r) => r.path === '/api/oauth2/token');
const apiCalls = () => logged().filter((r) => r.path.startsWith('/api/v1/'));
const queryOf = (r: Logged) => new URLSearchParams(r.query);
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const get = (sessionId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'session', operation: 'get', sessionId, ...extra });
const latest = (job: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'session', operation: 'getLatest', job: { __rl: true, mode: 'id', value: job }, ...extra });
const many = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'session', operation: 'getAll', ...extra });

function expectNoSecrets(result: NodeRun, extra: string[] = []) {
	for (const secret of [sim.password, ...sim.issuedTokens, ...extra]) expect(result.text).not.toContain(secret);
}

describe('Veeam Backup & Replication: sign-in and API version', () => {
	it('Get signs in with the password grant (form body, newest revision) and sends Bearer and x-api-version', async () => {
		const result = await runNode(subject, creds(), get(SESSIONS.exchangeFailed));
		expect(result.error).toBeUndefined();
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({
			vendor: 'veeamBackupReplication',
			jobId: SESSIONS.exchangeFailed,
			jobName: 'Exchange Daily',
			state: 'failed',
			isSuccess: false,
			vendorState: 'Stopped/Failed',
			message: 'The mailbox database is dismounted.',
			progressPercent: 100,
			durationSeconds: 600,
		});
		const [signIn] = signIns();
		expect(signIn.method).toBe('POST');
		expect(signIn.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(signIn.headers['x-api-version']).toBe('1.3-rev0');
		const [call] = apiCalls();
		expect(call.path).toBe(`/api/v1/sessions/${SESSIONS.exchangeFailed}`);
		expect(String(call.headers.authorization)).toBe(`Bearer ${sim.issuedTokens[0]}`);
		expect(call.headers['x-api-version']).toBe('1.3-rev0');
		expectNoSecrets(result);
	});

	it('Automatic on a 12.0 server: steps down to 1.1-rev0 once, keeps it with the token, and a renewal does not probe again', async () => {
		await restart({ versions: ['1.1-rev0'] });
		const credentials = creds({ apiVersion: 'auto' });
		const first = await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		expect(first.error).toBeUndefined();
		expect(signIns().map((r) => r.headers['x-api-version'])).toEqual(['1.3-rev0', '1.2-rev1', '1.2-rev0', '1.1-rev2', '1.1-rev1', '1.1-rev0']);
		expect(credentials.store.veeamBackupReplicationApi.apiVersionInUse).toBe('1.1-rev0');
		expect(apiCalls().every((r) => r.headers['x-api-version'] === '1.1-rev0')).toBe(true);
		sim.expireSessions();
		sim.expireRefreshTokens();
		sim.resetStats();
		const again = await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		expect(again.error).toBeUndefined();
		// the refresh token is refused, then one password sign-in with the revision found before
		expect(signIns().map((r) => r.headers['x-api-version'])).toEqual(['1.1-rev0', '1.1-rev0']);
		expect(sim.grants).toMatchObject({ password: 2, refresh: 0 });
	});

	it('a chosen API Version is the one sent; one the server does not know is a clear error', async () => {
		const chosen = await runNode(subject, creds({ apiVersion: '1.2-rev0' }), get(SESSIONS.fileserverOk));
		expect(chosen.error).toBeUndefined();
		expect([...signIns(), ...apiCalls()].every((r) => r.headers['x-api-version'] === '1.2-rev0')).toBe(true);
		await restart({ versions: ['1.1-rev0'] });
		const refused = await runNode(subject, creds({ apiVersion: '1.3-rev0' }), get(SESSIONS.fileserverOk));
		expect(refused.error?.message).toMatch(/refused the sign-in \(400\) with x-api-version 1\.3-rev0: Unsupported API version 1\.3-rev0/);
		expect(refused.error?.description).toMatch(/Choose the API Version of your Backup & Replication release/);
		expect(signIns()).toHaveLength(1);
	});

	it('the token is reused across executions; after it expired the refresh token renews it, without the password', async () => {
		const credentials = creds();
		await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		expect(sim.grants).toMatchObject({ password: 1, refresh: 0 });
		sim.expireSessions();
		const result = await runNode(subject, credentials, get(SESSIONS.fileserverOk), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(sim.grants).toMatchObject({ password: 1, refresh: 1 });
		const renewal = signIns().at(-1)!;
		expect(renewal.headers['x-api-version']).toBe('1.3-rev0');
		expectNoSecrets(result);
	});

	it('tokens expire by time (15 minutes on a real server; 100 ms here): the next run renews once', async () => {
		await restart({ tokenTtlMs: 100 });
		const credentials = creds();
		await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		await sleep(150);
		const result = await runNode(subject, credentials, get(SESSIONS.fileserverOk));
		expect(result.error).toBeUndefined();
		expect(sim.grants).toMatchObject({ password: 1, refresh: 1 });
	});

	it('a wrong password: a clear error, tried once, the password never shown', async () => {
		const bad = 'Wrong-Vbr-Pass-77!';
		const result = await runNode(subject, creds({ password: bad }), get(SESSIONS.fileserverOk));
		expect(result.error?.message).toMatch(/Veeam Backup & Replication refused the sign-in \(401\): Authentication failed/);
		expect(result.error?.description).toMatch(/Veeam Backup & Replication role/);
		expect(signIns()).toHaveLength(1);
		expect(apiCalls()).toHaveLength(0);
		expect(result.text).not.toContain(bad);
	});

	it('a Base URL typed with /api/v1 works the same', async () => {
		const result = await runNode(subject, creds({ baseUrl: `${baseUrl}/api/v1/` }), get(SESSIONS.fileserverOk));
		expect(result.error).toBeUndefined();
		expect(apiCalls()[0].path).toBe(`/api/v1/sessions/${SESSIONS.fileserverOk}`);
	});
});

describe('Veeam Backup & Replication: sessions', () => {
	it('Get with Wait: Starting → Working → Stopped/Warning, one request per round', async () => {
		const result = await runNode(subject, creds(), get(SESSIONS.sqlWarning, waiting), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		for (const item of result.items) expect(item).toMatchObject({ state: 'warning', vendorState: 'Stopped/Warning', isSuccess: true, message: expect.stringContaining('Changed block tracking') });
		expect(apiCalls()).toHaveLength(3);
	});

	it('Get Latest: the newest session of the job in one request, then waits on that session by its ID', async () => {
		const result = await runNode(subject, creds(), latest(JOBS.fileserver, waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: SESSIONS.fileserverRunning, state: 'succeeded', vendorState: 'Stopped/Success' });
		const [first, ...rest] = apiCalls();
		expect(first.path).toBe('/api/v1/sessions');
		const q = queryOf(first);
		expect([q.get('jobIdFilter'), q.get('orderColumn'), q.get('orderAsc'), q.get('limit')]).toEqual([JOBS.fileserver, 'CreationTime', 'false', '1']);
		expect(rest.map((r) => r.path)).toEqual([`/api/v1/sessions/${SESSIONS.fileserverRunning}`, `/api/v1/sessions/${SESSIONS.fileserverRunning}`]);
	});

	it('Get Latest of a job without sessions is a clear error', async () => {
		const none = await runNode(subject, creds(), latest('11111111-2222-4333-8444-555555555555'));
		expect(none.error?.message).toMatch(/has no session of the job 11111111-2222-4333-8444-555555555555/);
	});

	it.each([
		['={{ "" }}', /Session ID parameter is empty/],
		['not-a-guid', /not in the expected format/],
		['../d46e39e0-1131-4585-91a7-e828ce7eafae', /characters an ID cannot have/],
	])('Session ID "%s" is refused before any request', async (bad, message) => {
		const result = await runNode(subject, creds(), get(bad));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(logged()).toHaveLength(0);
	});

	it('an unknown session: Veeam\'s message as a NodeApiError with its code', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await runNode(subject, creds(), get(missing));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe(`Veeam Backup & Replication answered 404: Session ${missing} was not found. (NotFound)`);
	});

	it('Get Many: every filter as the API names it, newest first', async () => {
		const result = await runNode(subject, creds(), many({
			returnAll: true,
			filters: { result: 'Failed', state: 'Stopped', type: ['BackupJob'], jobId: JOBS.exchange.toUpperCase(), name: 'Exch*', createdAfter: '2000-01-01T00:00:00Z', createdBefore: '2100-01-01T00:00:00Z' },
		}));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual([SESSIONS.exchangeFailed]);
		const q = queryOf(apiCalls()[0]);
		expect(Object.fromEntries(q)).toEqual({
			orderColumn: 'CreationTime',
			orderAsc: 'false',
			createdAfterFilter: '2000-01-01T00:00:00.000Z',
			createdBeforeFilter: '2100-01-01T00:00:00.000Z',
			jobIdFilter: JOBS.exchange,
			nameFilter: 'Exch*',
			stateFilter: 'Stopped',
			resultFilter: 'Failed',
			typeFilter: 'BackupJob',
			skip: '0',
			limit: '200',
		});
	});

	it('Get Many follows the total: Return All reads every page, a Limit stops early, a capped server is read in full', async () => {
		const history = Array.from({ length: 450 }, (_, n) => ({ jobId: JOBS.sql, createdAt: Date.parse('2020-01-01T00:00:00Z') + n * 60_000, steps: [{ state: 'Stopped', result: 'Success' }] }));
		sim.seed({ sessions: history });
		sim.latencyMs = 20;
		const all = await runNode(subject, creds(), many({ returnAll: true, filters: { createdBefore: '2021-01-01T00:00:00Z' } }));
		expect(all.items).toHaveLength(450);
		expect(sim.stats.peakInFlight).toBe(2);
		// The pages after the first go side by side (any order), the last asking only for what the total leaves.
		const pages = apiCalls().map((r) => [Number(queryOf(r).get('skip')), Number(queryOf(r).get('limit'))]);
		expect(pages.sort((a, b) => a[0] - b[0])).toEqual([[0, 200], [200, 200], [400, 50]]);
		const started = all.items.map((i) => String(i.startedAt));
		expect(started).toEqual([...started].sort().reverse());
		sim.resetStats();
		sim.maxPageSize = 30;
		const some = await runNode(subject, creds(), many({ limit: 70, sort: 'oldestFirst' }));
		expect(some.items).toHaveLength(70);
		expect(some.items.map((i) => i.startedAt)).toEqual(all.items.slice(-70).reverse().map((i) => i.startedAt));
		expect(apiCalls().map((r) => Number(queryOf(r).get('skip'))).sort((a, b) => a - b)).toEqual([0, 30, 60]);
	});

	it('an unparseable date filter and a bad Job ID filter are refused before any request', async () => {
		const date = await runNode(subject, creds(), many({ filters: { createdAfter: 'yesterday-ish' } }));
		expect(date.error?.message).toMatch(/Created After filter "yesterday-ish" is not a date/);
		const job = await runNode(subject, creds(), many({ filters: { jobId: 'nope' } }));
		expect(job.error?.message).toMatch(/Job ID filter parameter "nope" is not in the expected format/);
		expect(logged()).toHaveLength(0);
	});

	it('Simplify off: the session model as the API sent it, in details', async () => {
		const result = await runNode(subject, creds(), get(SESSIONS.fileserverOk, { simplify: false }));
		expectJobStatus(result.items[0], { details: true });
		expect(result.items[0].details).toMatchObject({ id: SESSIONS.fileserverOk, sessionType: 'BackupJob', result: { result: 'Success' } });
	});
});

describe('Veeam Backup & Replication: jobs', () => {
	it('Get Many: the jobs, with a name filter, paged by skip and limit', async () => {
		sim.maxPageSize = 2;
		const all = await runNode(subject, creds(), { resource: 'job', operation: 'getAll', returnAll: true });
		expect(all.items.map((j) => j.name)).toEqual(['Exchange Daily', 'Fileserver Backup', 'SQL Nightly']);
		expect(apiCalls().map((r) => queryOf(r).get('skip'))).toEqual(['0', '2']);
		const named = await runNode(subject, creds(), { resource: 'job', operation: 'getAll', limit: 5, jobFilters: { name: 'SQL*' } });
		expect(named.items).toEqual([expect.objectContaining({ id: JOBS.sql, name: 'SQL Nightly', type: 'Backup' })]);
	});

	it('Get State: each item its job\'s state, from one read of /jobs/states; an unknown job is an error', async () => {
		const byId = (value: string) => ({ __rl: true, mode: 'id', value });
		const result = await runNode(subject, creds(), { resource: 'job', operation: 'getState', job: '={{ $json.job }}' }, { items: [{ job: JOBS.fileserver }, { job: JOBS.exchange }] });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			expect.objectContaining({ id: JOBS.fileserver, status: 'running', sessionId: SESSIONS.fileserverRunning }),
			expect.objectContaining({ id: JOBS.exchange, status: 'inactive', lastResult: 'Failed' }),
		]);
		expect(apiCalls().map((r) => r.path)).toEqual(['/api/v1/jobs/states']);
		const unknown = await runNode(subject, creds(), { resource: 'job', operation: 'getState', job: byId('11111111-2222-4333-8444-555555555555') });
		expect(unknown.error?.message).toMatch(/has no job with the ID 11111111-2222-4333-8444-555555555555/);
	});
});

describe('the example workflow (examples/veeam-br-wait-for-latest-session.json)', () => {
	const node = example.nodes.find((n) => n.type === subject.type)!;
	const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };

	it('waits for the newest Fileserver Backup session until it stopped: the success branch', async () => {
		const result = await runNode(subject, creds(), parameters);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: SESSIONS.fileserverRunning, state: 'succeeded', isSuccess: true });
	});

	it.each([
		[JOBS.sql, 'warning'],
		[JOBS.exchange, 'failed'],
	])('job %s ends %s: what the ticket branch takes', async (job, state) => {
		const result = await runNode(subject, creds(), { ...parameters, job: { __rl: true, mode: 'id', value: job } });
		expect(result.items[0]).toMatchObject({ state, isFinished: true });
	});
});

describe('Veeam Backup & Replication: the Job locator (From List)', () => {
	it('lists the jobs by name, filtered by the search text', async () => {
		const form = new URLSearchParams({ grant_type: 'password', username: sim.username, password: sim.password });
		const signIn = await fetch(`${baseUrl}/api/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-version': '1.3-rev0' }, body: form });
		const token = String(((await signIn.json()) as IDataObject).access_token);
		const ctx = {
			getNode: () => ({ name: 'Veeam Backup & Replication' }),
			getCredentials: async () => ({ baseUrl, username: sim.username, password: sim.password, accessToken: token }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(String(options.url));
					for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
					const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-api-version': '1.3-rev0' } });
					return { body: await response.json(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		expect((await searchJobs.call(ctx)).results).toEqual([
			{ name: 'Exchange Daily', value: JOBS.exchange },
			{ name: 'Fileserver Backup', value: JOBS.fileserver },
			{ name: 'SQL Nightly', value: JOBS.sql },
		]);
		expect((await searchJobs.call(ctx, 'sql')).results).toEqual([{ name: 'SQL Nightly', value: JOBS.sql }]);
	});
});

describe('the credential in n8n\'s HTTP Request node (Predefined Credential Type)', () => {
	const http = httpRequestNode();
	(http ? it : it.skip)('reads a session with Bearer and x-api-version, and renews the expired token once', async () => {
		const httpSubject: NodeUnderTest = { type: 'n8n-nodes-base.httpRequest', node: http!, credentialType: subject.credentialType };
		const credentials = creds();
		const parameters: INodeParameters = {
			method: 'GET',
			url: `${baseUrl}/api/v1/sessions/${SESSIONS.fileserverOk}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'veeamBackupReplicationApi',
			options: {},
		};
		const first = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(first.error).toBeUndefined();
		expect(first.items[0]).toMatchObject({ id: SESSIONS.fileserverOk, state: 'Stopped', result: { result: 'Success' } });
		sim.expireSessions();
		const second = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(second.error).toBeUndefined();
		expect(sim.grants).toMatchObject({ password: 1, refresh: 1 });
		expect(apiCalls().every((r) => r.headers['x-api-version'] === '1.3-rev0')).toBe(true);
		expectNoSecrets(second);
	});
});
