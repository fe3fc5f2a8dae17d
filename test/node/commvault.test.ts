import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import example from '../../examples/commvault-wait-for-job.json';
import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { searchDrGroups } from '../../nodes/Commvault/listSearch';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';
import { HTTP_REQUEST_VERSION, httpRequestNode } from '../bench/n8n-nodes';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };

interface Logged {
	method: string;
	path: string;
	query: string;
	headers: IDataObject;
}

let sim: CommvaultSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CommvaultSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function restart(options: ConstructorParameters<typeof CommvaultSimulator>[0]) {
	await sim.stop();
	sim = new CommvaultSimulator(options);
	baseUrl = await sim.start();
}

const passwordCreds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password, ...extra });
const tokenCreds = (extra: IDataObject = {}) =>
	credentialsFor(subject, { baseUrl, authMethod: 'accessToken', accessToken: sim.accessToken, refreshToken: sim.refreshToken, ...extra });

const logged = () => sim.requests as unknown as Logged[];
const apiCalls = () => logged().filter((r) => !r.path.endsWith('/Login') && !r.path.includes('/AccessToken/'));
const job = (jobId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'job', operation: 'get', jobId, ...extra });
const xml = (parameters: INodeParameters): INodeParameters => ({ ...parameters, options: { ...(parameters.options as IDataObject), responseFormat: 'xml' } });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const dr = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'drGroupJob', operation: 'getStatistics', drJobId: '2416', ...extra });

function expectNoSecrets(result: NodeRun, extra: string[] = []) {
	for (const secret of [sim.password, Buffer.from(sim.password).toString('base64'), ...extra]) expect(result.text).not.toContain(secret);
}

describe('Commvault node through n8n: jobs', () => {
	it('Job Get signs in with the base64 password and sends the QSDK token as Authtoken', async () => {
		const result = await runNode(subject, passwordCreds(), job('2418'));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({ vendor: 'commvault', jobId: '2418', jobName: 'WINTER / default', state: 'failed', isFinished: true, isSuccess: false, vendorState: 'Failed', message: 'Failed to connect to the client.', progressPercent: 100, durationSeconds: 29 });
		const call = apiCalls()[0];
		expect(call.path).toBe('/commandcenter/api/Job/2418');
		expect(String(call.headers.authtoken)).toMatch(/^QSDK /);
		expect(sim.stats.signIns).toBe(1);
		expectNoSecrets(result);
	});

	it.each([
		['2417', 'succeeded'],
		['2419', 'cancelled'],
	])('Job Get %s is %s', async (id, state) => {
		const result = await runNode(subject, passwordCreds(), job(id));
		expect(result.items[0]).toMatchObject({ jobId: id, state });
	});

	it('JSON and XML answers give equal items (Get, Get Many, DR statistics, DR groups)', async () => {
		const cases: INodeParameters[] = [
			job('2418'),
			{ resource: 'job', operation: 'getAll', returnAll: true, jobCategory: 'Finished', lookupHours: 24 },
			dr(),
			{ resource: 'drGroup', operation: 'getAll' },
		];
		for (const parameters of cases) {
			await restart({});
			const asJson = await runNode(subject, passwordCreds(), parameters);
			await restart({});
			const asXml = await runNode(subject, passwordCreds(), xml(parameters));
			expect(asJson.error).toBeUndefined();
			expect(asXml.error).toBeUndefined();
			expect(asJson.items.length).toBeGreaterThan(0);
			expect(asXml.items).toEqual(asJson.items);
			expect(apiCalls().every((r) => String(r.headers.accept).includes('xml'))).toBe(true);
		}
	});

	it('Simplify off keeps the jobSummary, with the same types from XML as from JSON', async () => {
		const asJson = await runNode(subject, passwordCreds(), job('2418', { simplify: false }));
		await restart({});
		const asXml = await runNode(subject, passwordCreds(), xml(job('2418', { simplify: false })));
		expect((asJson.items[0].details as IDataObject).jobId).toBe(2418);
		expect(asXml.items).toEqual(asJson.items);
	});

	it('Wait for Completion follows Pending → Running → Completed, one request per distinct job and round', async () => {
		const result = await runNode(subject, passwordCreds(), job('2420', waiting), { items: [{}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		for (const item of result.items) expect(item).toMatchObject({ jobId: '2420', state: 'succeeded', isFinished: true });
		expect(apiCalls()).toHaveLength(4);
	});

	it('several jobs are read from one GET /Job list call', async () => {
		const items = ['2417', '2418', '2419'].map((jobId) => ({ jobId }));
		const result = await runNode(subject, passwordCreds(), job('={{ $json.jobId }}'), { items });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.state)).toEqual(['succeeded', 'failed', 'cancelled']);
		expect(apiCalls().map((r) => r.path)).toEqual(['/commandcenter/api/Job']);
	});

	it('450 jobs: one bulk read whose pages go side by side, within Concurrent Requests, with one sign-in', async () => {
		const ids = Array.from({ length: 450 }, () => sim.addJob({ states: ['Completed'] }));
		sim.latencyMs = 20;
		const result = await runNode(subject, passwordCreds(), job('={{ $json.jobId }}', { options: { concurrentRequests: 3 } }), { items: ids.map((jobId) => ({ jobId: String(jobId) })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual(ids.map(String));
		// 455 jobs in pages of 100, none read alone; the 5 pages that can hold 450 jobs go out together, 3 at a time.
		expect(apiCalls().map((r) => r.path)).toEqual(Array.from({ length: 5 }, () => '/commandcenter/api/Job'));
		expect(apiCalls().map((r) => Number(r.headers.offset)).sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400]);
		expect(sim.stats.peakInFlight).toBe(3);
		expect(sim.stats.signIns).toBe(1);
	});

	it('a job not visible yet is asked for again before it is reported', async () => {
		const result = await runNode(subject, passwordCreds(), job('2421'));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: '2421', state: 'succeeded' });
		expect(apiCalls()).toHaveLength(3);
	});

	it('an unknown job ends in "no job", after the brief retries', async () => {
		const result = await runNode(subject, passwordCreds(), job('9999'));
		expect(result.error?.message).toContain('Commvault has no job 9999');
		expect(apiCalls()).toHaveLength(4);
	}, 20_000);

	it('Get Many: a bounded lookup window, every job type, newest first, limit and offset', async () => {
		const result = await runNode(subject, passwordCreds(), { resource: 'job', operation: 'getAll', limit: 2, lookupHours: 2 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual(['2420', '2419']);
		const q = new URLSearchParams(apiCalls()[0].query);
		expect(q.get('completedJobLookupTime')).toBe('7200');
		expect(q.get('jobFilter')).toBe('');
		expect(q.get('limit')).toBe('100');
		expect(apiCalls()[0].headers.offset).toBe('0');
	});

	it('a server whose pages are smaller than asked: Get Many follows totalRecordsWithoutPaging, Return All complete, a Limit exact', async () => {
		const every = await runNode(subject, passwordCreds(), { resource: 'job', operation: 'getAll', returnAll: true, lookupHours: 24 });
		expect(every.items.length).toBeGreaterThan(3);
		sim.maxPageSize = 2;
		sim.resetStats();
		const all = await runNode(subject, passwordCreds(), { resource: 'job', operation: 'getAll', returnAll: true, lookupHours: 24 });
		expect(all.items.map((i) => i.jobId)).toEqual(every.items.map((i) => i.jobId));
		// Sorted: the pages after the first go side by side.
		expect(apiCalls().map((r) => Number(r.headers.offset)).sort((a, b) => a - b)).toEqual(Array.from({ length: Math.ceil(every.items.length / 2) }, (_, n) => n * 2));
		const three = await runNode(subject, passwordCreds(), { resource: 'job', operation: 'getAll', limit: 3, lookupHours: 24 });
		expect(three.items.map((i) => i.jobId)).toEqual(every.items.slice(0, 3).map((i) => i.jobId));
	});

	it('Get Many with a Job Type filter', async () => {
		const result = await runNode(subject, passwordCreds(), {
			resource: 'job', operation: 'getAll', returnAll: true, filters: { jobTypes: ['DRORCHESTRATION'] },
		});
		expect(result.items.map((i) => i.jobId)).toEqual(['2416']);
	});

	it.each([['abc'], ['-1'], ['../x'], ['={{ "" }}'], ['12/3']])('Job ID "%s" is refused before any request', async (bad) => {
		const result = await runNode(subject, passwordCreds(), job(bad));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/Job ID/);
		expect(logged()).toHaveLength(0);
	});

	it('an error inside an HTTP 200 answer becomes an error with Commvault\'s message', async () => {
		sim.fail({ fault: 'errorInBody', match: '/Job/' });
		const result = await runNode(subject, passwordCreds(), job('2418'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('The appliance failed to read its job history');
	});
});

describe('Commvault credential', () => {
	it('a refused sign-in (200 with errList) is a clear error, tried once, and shows no password', async () => {
		const bad = 'Wrong-Pass-99!';
		const result = await runNode(subject, passwordCreds({ password: bad }), job('2418'));
		expect(result.error?.message).toMatch(/sign-in to Commvault failed.*Invalid Username or Password/);
		expect(sim.stats.signIns).toBe(1);
		expect(apiCalls()).toHaveLength(0);
		expect(result.text).not.toContain(bad);
		expect(result.text).not.toContain(Buffer.from(bad).toString('base64'));
		expectNoSecrets(result);
	});

	it('a locked account says so', async () => {
		await restart({ lockAfter: 1 });
		await runNode(subject, passwordCreds({ password: 'nope-1' }), job('2418'));
		const result = await runNode(subject, passwordCreds(), job('2418'));
		expect(result.error?.message).toMatch(/account is locked for another 30 min/);
		expect(sim.stats.signIns).toBe(2);
	});

	it('an expired QSDK token is replaced by one sign-in', async () => {
		const credentials = passwordCreds();
		await runNode(subject, credentials, job('2418'));
		sim.expireSessions();
		const result = await runNode(subject, credentials, job('2418'));
		expect(result.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
	});

	it('an access token is used as given, renewed on 401, and the rotated pair is stored', async () => {
		const credentials = tokenCreds();
		const first = await runNode(subject, credentials, job('2417'));
		expect(first.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(0);
		expect(apiCalls()[0].headers.authtoken).toBe(sim.accessToken);
		const old = { accessToken: sim.accessToken, refreshToken: sim.refreshToken };
		sim.expireSessions();
		const second = await runNode(subject, credentials, job('2417'));
		expect(second.error).toBeUndefined();
		expect(sim.renewals).toHaveLength(1);
		const stored = credentials.store.commvaultApi;
		expect(stored.accessToken).toBe(sim.accessToken);
		expect(stored.refreshToken).toBe(sim.refreshToken);
		expect(stored.refreshToken).not.toBe(old.refreshToken);
		expectNoSecrets(second, [old.accessToken, old.refreshToken, sim.accessToken, sim.refreshToken]);
	});

	it('the Bearer option sends Authorization: Bearer', async () => {
		const result = await runNode(subject, tokenCreds({ headerStyle: 'bearer' }), job('2417'));
		expect(result.error).toBeUndefined();
		expect(apiCalls()[0].headers.authorization).toBe(`Bearer ${sim.accessToken}`);
		expect(apiCalls()[0].headers.authtoken).toBeUndefined();
	});

	it('a refresh token that no longer works is a clear error', async () => {
		const credentials = tokenCreds({ refreshToken: 'cv-rt-stale' });
		sim.expireSessions();
		const result = await runNode(subject, credentials, job('2417'));
		expect(result.error?.message).toMatch(/did not renew the access token; it said: The refresh token is invalid or expired/);
		expect(result.text).not.toContain('cv-rt-stale');
	});
});

describe('Commvault node through n8n: DR groups', () => {
	it('Get Statistics: the seed phases as named steps, the state from Job/{jobId}', async () => {
		const result = await runNode(subject, passwordCreds(), dr({ drGroupId: { __rl: true, mode: 'id', value: '38' } }));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({ jobId: '2416', state: 'running', vendorState: 'Running' });
		expect((item.steps as IDataObject[]).map((s) => [s.name, s.state])).toEqual([
			['Disable Sync', 'succeeded'],
			['Shutdown', 'succeeded'],
			['Backup', 'running'],
		]);
		const stats = apiCalls().find((r) => r.path.endsWith('/JobStats'));
		expect(stats?.path).toBe('/commandcenter/api/DR/JobStats');
		expect(new URLSearchParams(stats?.query).get('failoverGroupId')).toBe('38');
	});

	it('Get Statistics with Wait: finished with warnings, the Replication phase failed', async () => {
		const result = await runNode(subject, passwordCreds(), dr(waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'warning', isFinished: true, vendorState: 'Completed w/ one or more errors' });
		expect((result.items[0].steps as IDataObject[]).at(-1)).toMatchObject({ name: 'Replication', state: 'failed', startedAt: '2017-08-10T22:49:59.000Z' });
	});

	it('Automatic falls back once to DRGroups/JobStats on an older server', async () => {
		await restart({ drApi: 'legacy' });
		const result = await runNode(subject, passwordCreds(), dr({ drGroupId: { __rl: true, mode: 'id', value: '38' } }), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		const paths = apiCalls().filter((r) => r.path.includes('JobStats')).map((r) => r.path.replace('/commandcenter/api', ''));
		// Two items, one probe: the second waits for the first's answer.
		expect(paths.filter((p) => p === '/DR/JobStats')).toHaveLength(1);
		expect(paths).toContain('/DRGroups/JobStats');
		expect(new URLSearchParams(apiCalls().find((r) => r.path.endsWith('/DRGroups/JobStats'))?.query).get('drGroupId')).toBe('38');
	});

	it.each([
		['password', passwordCreds],
		['access token', tokenCreds],
	])('Automatic remembers the older DR paths with the session (%s): the next execution and a renewed session do not probe again', async (_method, makeCreds) => {
		await restart({ drApi: 'legacy' });
		const credentials = makeCreds();
		const parameters = dr({ drGroupId: { __rl: true, mode: 'id', value: '38' } });
		const drPaths = () => apiCalls().filter((r) => r.path.includes('JobStats')).map((r) => r.path.replace('/commandcenter/api', ''));
		const first = await runNode(subject, credentials, parameters);
		expect(first.error).toBeUndefined();
		expect(drPaths()).toEqual(['/DR/JobStats', '/DRGroups/JobStats']);
		const stored = credentials.store.commvaultApi;
		expect(stored.sessionDrForm).toBe('legacy');
		// Stored with the session as it was: no second sign-in, no hand-over left in the stored data.
		expect(sim.stats.signIns).toBe(_method === 'password' ? 1 : 0);
		expect(stored.sessionToken).not.toBe('');
		expect(Object.keys(stored).filter((key) => /handover/i.test(key) && stored[key] !== undefined)).toEqual([]);

		sim.resetStats();
		const second = await runNode(subject, credentials, parameters);
		expect(second.items[0]).toMatchObject({ jobId: '2416', steps: expect.any(Array) });
		expect(drPaths()).toEqual(['/DRGroups/JobStats']);
		expect(sim.stats.signIns).toBe(0);
		// DR Group Get Many follows the same stored paths.
		const groups = await runNode(subject, credentials, { resource: 'drGroup', operation: 'getAll' });
		expect(groups.items).toHaveLength(2);
		expect(apiCalls().filter((r) => /FailoverGroups$/.test(r.path))).toEqual([]);

		sim.expireSessions();
		sim.resetStats();
		const renewed = await runNode(subject, credentials, parameters);
		expect(renewed.error).toBeUndefined();
		expect(renewed.items[0]).toMatchObject({ jobId: '2416', steps: expect.any(Array) });
		expect(drPaths()).toEqual(['/DRGroups/JobStats']);
		expect(sim.stats.requests - apiCalls().length).toBe(1);
		expect(credentials.store.commvaultApi.sessionDrForm).toBe('legacy');
		expectNoSecrets(renewed, [sim.accessToken, sim.refreshToken]);
	});

	it('Automatic: paths remembered but gone (the server was upgraded) are probed once more and the new ones stored', async () => {
		const credentials = passwordCreds();
		credentials.store.commvaultApi.sessionDrForm = 'legacy';
		const parameters = dr({ drGroupId: { __rl: true, mode: 'id', value: '38' } });
		const first = await runNode(subject, credentials, parameters);
		expect(first.error).toBeUndefined();
		expect(apiCalls().filter((r) => r.path.includes('JobStats')).map((r) => r.path.replace('/commandcenter/api', ''))).toEqual(['/DRGroups/JobStats', '/DR/JobStats']);
		expect(credentials.store.commvaultApi.sessionDrForm).toBe('current');
		sim.resetStats();
		await runNode(subject, credentials, parameters);
		expect(apiCalls().filter((r) => r.path.includes('JobStats')).map((r) => r.path.replace('/commandcenter/api', ''))).toEqual(['/DR/JobStats']);
	});

	it('Simplify off: a one-phase DR record is the same from XML as from JSON (phase stays a list)', async () => {
		const oneSeed = { jobs: [{ jobId: 2430, states: ['Completed'], jobType: 'DRORCHESTRATION', drPhases: 1, startTime: 1502403400 }] };
		const parameters = dr({ drJobId: '2430', simplify: false });
		await restart(oneSeed);
		const asJson = await runNode(subject, passwordCreds(), parameters);
		await restart(oneSeed);
		const asXml = await runNode(subject, passwordCreds(), xml(parameters));
		expect(asJson.error).toBeUndefined();
		expect(Array.isArray((asJson.items[0].details as IDataObject).phase)).toBe(true);
		expect((asJson.items[0].details as IDataObject).phase).toHaveLength(1);
		expect(asXml.items).toEqual(asJson.items);
	});

	it('without a Job ID: one item per DR job, the state from its phases', async () => {
		const result = await runNode(subject, passwordCreds(), dr({ drJobId: '' }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: '2416', state: 'running' });
	});

	it('an unknown DR group: Commvault\'s errors[].errList message', async () => {
		const result = await runNode(subject, passwordCreds(), dr({ drGroupId: { __rl: true, mode: 'id', value: '99' } }));
		expect(result.error?.message).toContain('DR group [99] was not found');
	});

	it('DR Group Get Many lists FailoverGroups (DRGroups on older servers)', async () => {
		const result = await runNode(subject, passwordCreds(), { resource: 'drGroup', operation: 'getAll' });
		expect(result.items.map((g) => [g.drGroupId, g.name])).toEqual([
			['38', 'finance-dr'],
			['41', 'crm-dr'],
		]);
		await restart({ drApi: 'legacy' });
		const legacy = await runNode(subject, passwordCreds(), { resource: 'drGroup', operation: 'getAll', options: { apiVersion: 'legacy' } });
		expect(legacy.items).toEqual(result.items);
		expect(apiCalls().map((r) => r.path)).toEqual(['/commandcenter/api/DRGroups']);
	});
});

describe('the example workflow (examples/commvault-wait-for-job.json)', () => {
	const node = example.nodes.find((n) => n.type === subject.type)!;
	const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };

	it('waits for job 2420 until it completed: the success branch', async () => {
		const result = await runNode(subject, passwordCreds(), parameters);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: '2420', state: 'succeeded', isSuccess: true });
	});

	it.each([['2418', 'failed'], ['2419', 'cancelled']])('job %s ends %s: what the ticket branch takes', async (jobId, state) => {
		const result = await runNode(subject, passwordCreds(), { ...parameters, jobId });
		expect(result.items[0]).toMatchObject({ jobId, state, isSuccess: false });
	});
});

describe('the credential in n8n\'s HTTP Request node (Predefined Credential Type)', () => {
	// The real n8n's node, as the benchmarks take it; skipped without that install.
	const http = httpRequestNode();
	(http ? it : it.skip)('signs in, sends Authtoken, and signs in again once after the token expired', async () => {
		const httpSubject: NodeUnderTest = { type: 'n8n-nodes-base.httpRequest', node: http!, credentialType: subject.credentialType };
		const credentials = passwordCreds();
		const parameters: INodeParameters = { method: 'GET', url: `${baseUrl}/Job/2418`, authentication: 'predefinedCredentialType', nodeCredentialType: 'commvaultApi', options: {} };
		const first = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(first.error).toBeUndefined();
		expect(first.items[0]).toMatchObject({ totalRecordsWithoutPaging: 1 });
		sim.expireSessions();
		const second = await runNode(httpSubject, credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(second.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
		expectNoSecrets(second);
	});
});

describe('Commvault: the DR Group locator (From List)', () => {
	it('lists the DR groups by name, filtered by the search text', async () => {
		const login = await fetch(`${baseUrl}/Login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: Buffer.from(sim.password).toString('base64') }),
		});
		const { token } = (await login.json()) as { token: string };
		const ctx = {
			getNode: () => ({ name: 'Commvault' }),
			getCredentials: async () => ({ baseUrl, authMethod: 'password', username: 'admin', password: sim.password, sessionToken: token }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const response = await fetch(String(options.url), { headers: { ...(options.headers as Record<string, string>), authtoken: token } });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		expect((await searchDrGroups.call(ctx)).results).toEqual([
			{ name: 'crm-dr', value: '41' },
			{ name: 'finance-dr', value: '38' },
		]);
		expect((await searchDrGroups.call(ctx, 'FIN')).results).toEqual([{ name: 'finance-dr', value: '38' }]);
	});
});
