import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import example from '../../examples/huawei-wait-for-latest-task.json';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { searchBackupPolicies } from '../../nodes/HuaweiCloud/listSearch';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from '../harness/runNode';
import { FAILED_VBS_JOB, HuaweiSimulator, POLICY_1, POLICY_2 } from '../simulators/huawei';
import { HTTP_REQUEST_VERSION, httpRequestNode } from '../bench/n8n-nodes';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };

interface Logged {
	method: string;
	path: string;
	query: string;
	headers: IDataObject;
	status?: number;
}

let sim: HuaweiSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new HuaweiSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function restart(options: ConstructorParameters<typeof HuaweiSimulator>[0]) {
	await sim.stop();
	sim = new HuaweiSimulator(options);
	baseUrl = await sim.start();
}

const endpoints = () => ({ region: sim.region, vbsEndpoint: baseUrl, iamEndpoint: baseUrl });
const akskCreds = (extra: IDataObject = {}) =>
	credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, ...endpoints(), ...extra });
const passwordCreds = (extra: IDataObject = {}) =>
	credentialsFor(subject, { authMethod: 'password', username: sim.username, password: sim.password, domainName: sim.domainName, ...endpoints(), ...extra });

const logged = () => sim.requests as unknown as Logged[];
const vbsCalls = () => logged().filter((r) => /^\/v[12]\//.test(r.path));
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const latest = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupPolicyTask', operation: 'getLatest', policyId: byId(POLICY_1), ...extra });
const task = (jobId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupPolicyTask', operation: 'get', policyId: byId(POLICY_1), jobId, ...extra });
const many = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupPolicyTask', operation: 'getAll', policyId: byId(POLICY_1), ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };

function expectNoSecrets(result: NodeRun) {
	for (const secret of [sim.secretAccessKey, sim.password, ...sim.issuedTokens]) expect(result.text).not.toContain(secret);
}

describe('Huawei Cloud Backup through n8n: AK/SK signing', () => {
	it('Get Latest looks the project up once through IAM, then signs the task call; the simulator verifies it', async () => {
		const credentials = akskCreds();
		const result = await runNode(subject, credentials, latest());
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({ vendor: 'huaweiCloud', jobId: '3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10', jobName: 'autobk_7c21', state: 'queued', vendorState: 'WAITING', isFinished: false, endedAt: null });
		expect(String(item.startedAt)).toMatch(/Z$/);
		expect(sim.projectLookups).toBe(1);
		expect(sim.refusedSignatures).toEqual([]);
		const call = vbsCalls()[0];
		expect(call.path).toBe(`/v2/${sim.projectId}/backuppolicy/${POLICY_1}/backuptasks`);
		expect(call.query).toBe('limit=1&sort_dir=desc&sort_key=created_at');
		expect(String(call.headers.authorization)).toMatch(/^SDK-HMAC-SHA256 Access=HPUASIMULATORAK00001, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
		expect(call.headers['x-project-id']).toBe(sim.projectId);
		// remembered: a second execution asks IAM no more
		expect(credentials.store.huaweiCloudApi.resolvedProjectId).toBe(sim.projectId);
		await runNode(subject, credentials, latest());
		expect(sim.projectLookups).toBe(1);
		expectNoSecrets(result);
	});

	it('a typed Project ID needs no lookup', async () => {
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), latest());
		expect(result.error).toBeUndefined();
		expect(sim.projectLookups).toBe(0);
	});

	it('a wrong Secret Access Key: APIGW.0301 becomes a clear error that names what to check, without the key', async () => {
		const wrong = 'Wrong-Secret-Key-0000000000000000000000';
		const result = await runNode(subject, akskCreds({ secretAccessKey: wrong, projectId: sim.projectId }), latest());
		expect(result.error?.message).toMatch(/Huawei Cloud answered 401: .*verify aksk signature fail \(APIGW\.0301\)\. Check the Access Key ID and Secret Access Key/);
		expect(vbsCalls()).toHaveLength(1);
		expect(result.text).not.toContain(wrong);
		expectNoSecrets(result);
	});

	it('a clock more than 15 minutes off is refused, with the clock named', async () => {
		await restart({ clockOffsetMs: 16 * 60_000 });
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), latest());
		expect(result.error?.message).toMatch(/answered 401: .*15 minutes.*\(APIGW\.0301\)\. Check that the clock of the n8n host is right/);
		await restart({ clockOffsetMs: 14 * 60_000 });
		expect((await runNode(subject, akskCreds({ projectId: sim.projectId }), latest())).error).toBeUndefined();
	});

	it('temporary keys: the security token is sent and signed; a wrong or missing one is refused', async () => {
		const [issued, other] = ['sts-token-1234567890', 'sts-token-wrong-000000'];
		await restart({ securityToken: issued });
		const ok = await runNode(subject, akskCreds({ securityToken: issued }), latest());
		expect(ok.error).toBeUndefined();
		expect(String(vbsCalls()[0].headers.authorization)).toContain('SignedHeaders=host;x-project-id;x-sdk-date;x-security-token');
		const wrong = await runNode(subject, akskCreds({ securityToken: other, projectId: sim.projectId }), latest());
		expect(wrong.error?.message).toMatch(/security token/);
		expect(wrong.text).not.toContain(other);
		const missing = await runNode(subject, akskCreds({ projectId: sim.projectId }), latest());
		expect(missing.error?.message).toMatch(/security token/);
	});

	it('an unknown region: the project lookup finds nothing and says so', async () => {
		const result = await runNode(subject, akskCreds({ region: 'eu-west-101' }), latest());
		expect(result.error?.message).toMatch(/no project named "eu-west-101"/);
		expect(vbsCalls()).toHaveLength(0);
	});
});

describe('Huawei Cloud Backup through n8n: IAM password', () => {
	it('signs in once with the project scope, reads X-Subject-Token and sends it as X-Auth-Token', async () => {
		const credentials = passwordCreds();
		const result = await runNode(subject, credentials, task('0781095c-b8ab-4ce5-99f3-4c5f6ff75319'));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'failed', vendorState: 'EXECUTE_FAIL', message: 'The quota for the capacity of backups has been used up. (VolumeBackup.0081)', isSuccess: false });
		expect(sim.stats.signIns).toBe(1);
		const call = vbsCalls()[0];
		expect(call.path).toBe(`/v2/${sim.projectId}/backuppolicy/${POLICY_1}/backuptasks`);
		expect(call.query).toBe('job_id=0781095c-b8ab-4ce5-99f3-4c5f6ff75319&limit=1');
		expect(call.headers['x-auth-token']).toBe(sim.issuedTokens[0]);
		expect(call.headers.authorization).toBeUndefined();
		expect(credentials.store.huaweiCloudApi.resolvedProjectId).toBe(sim.projectId);
		expectNoSecrets(result);
	});

	it('an expired token (401 APIGW.0301) is replaced by one sign-in', async () => {
		const credentials = passwordCreds();
		expect((await runNode(subject, credentials, latest())).error).toBeUndefined();
		sim.expireSessions();
		const result = await runNode(subject, credentials, latest(), { items: [{}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
		expectNoSecrets(result);
	});

	it('a 401 that speaks of a signature advises what an IAM user can check, never Access Keys', async () => {
		sim.gatewayError({ code: 'APIGW.0301', message: 'Incorrect IAM authentication information: verify aksk signature fail', times: 5 });
		const result = await runNode(subject, passwordCreds(), latest());
		expect(result.error?.message).toMatch(/answered 401: .*verify aksk signature fail \(APIGW\.0301\)\. The IAM token was refused\. Check the IAM user, password and account name/);
		expect(result.error?.message).not.toMatch(/Access Key|Secret/);
		expectNoSecrets(result);
	});

	it('a wrong password is a clear error, tried once, without the password', async () => {
		const typo = 'Not-The-Password-1';
		const result = await runNode(subject, passwordCreds({ password: typo }), latest());
		expect(result.error?.message).toMatch(/Huawei Cloud IAM refused the sign-in \(401\): The username or password is wrong/);
		expect(sim.stats.signIns).toBe(1);
		expect(result.text).not.toContain(typo);
	});
});

describe('Huawei Cloud Backup: backup-policy tasks', () => {
	it('every task status maps as the reference says (SKIP is cancelled, EXECUTE_TIMEOUT failed)', async () => {
		const result = await runNode(subject, akskCreds(), many({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.vendorState, i.state])).toEqual([
			['WAITING', 'queued'],
			['EXECUTE_FAIL', 'failed'],
			['EXECUTE_TIMEOUT', 'failed'],
			['SKIP', 'cancelled'],
			['EXECUTE_SUCCESS', 'succeeded'],
		]);
		for (const item of result.items) expectJobStatus(item);
		expect(result.items[4]).toMatchObject({ durationSeconds: 120 });
	});

	it('Get Latest with Wait follows that task WAITING → RUNNING → EXECUTE_SUCCESS by its job id', async () => {
		const result = await runNode(subject, akskCreds(), latest(waiting), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		for (const item of result.items) expect(item).toMatchObject({ jobId: '3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10', state: 'succeeded', isSuccess: true });
		const queries = vbsCalls().map((r) => r.query);
		expect(queries).toEqual(['limit=1&sort_dir=desc&sort_key=created_at', 'job_id=3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10&limit=1', 'job_id=3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10&limit=1']);
	});

	it('several tasks of one policy come from one task-list call', async () => {
		const ids = ['0781095c-b8ab-4ce5-99f3-4c5f6ff75319', '6a0e2f4b-5a63-4c0e-8f53-3b4f0d9c2e01', '9d4c8b1e-2f7a-4e3b-a1c6-5e8f7d6c4b02'];
		const result = await runNode(subject, akskCreds(), task('={{ $json.id }}'), { items: ids.map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.state)).toEqual(['failed', 'failed', 'cancelled']);
		expect(vbsCalls().map((r) => r.query)).toEqual(['limit=100&sort_dir=desc&sort_key=created_at']);
	});

	it('250 tasks of one policy come from its 3 newest pages, none read alone, side by side', async () => {
		const seeds = Array.from({ length: 250 }, (_, n) => ({ job_id: `task-${String(n).padStart(3, '0')}`, states: ['EXECUTE_SUCCESS'], ageSeconds: 60 + n }));
		await restart({ policies: [{ backup_policy_id: POLICY_2, backup_policy_name: 'big', tasks: seeds }], latencyMs: 20 });
		const items = seeds.map((t) => ({ id: t.job_id }));
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), { ...task('={{ $json.id }}'), policyId: byId(POLICY_2) }, { items });
		expect(sim.stats.peakInFlight).toBe(3);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual(items.map((i) => i.id));
		const calls = vbsCalls().map((r) => new URLSearchParams(r.query));
		expect(calls.filter((q) => q.has('job_id'))).toHaveLength(0);
		// Sorted: the pages after the first go side by side.
		expect(calls.map((q) => Number(q.get('offset') ?? 0)).sort((a, b) => a - b)).toEqual([0, 100, 200]);
	});

	it('Simplify off: details is the task as VBS sent it (vbs_job_id, which the Backup Job resource reads); the policy is beside it', async () => {
		const result = await runNode(subject, akskCreds(), task('0781095c-b8ab-4ce5-99f3-4c5f6ff75319', { simplify: false }));
		expectJobStatus(result.items[0], { details: true });
		expect(result.items[0].details).toMatchObject({ vbs_job_id: FAILED_VBS_JOB, code: 'VolumeBackup.0081', resource_type: 'volume' });
		expect(result.items[0].details).not.toHaveProperty('policy_id');
		expect(result.items[0].policyId).toBe(POLICY_1);
	});

	it('Get Many with a Limit is one request with every filter; Return All pages until the count is reached', async () => {
		const filtered = await runNode(subject, akskCreds(), many({ limit: 2, filters: { status: 'EXECUTE_SUCCESS', sortDir: 'asc', offset: 0 } }));
		expect(filtered.error).toBeUndefined();
		expect(vbsCalls().map((r) => r.query)).toEqual(['limit=2&offset=0&sort_dir=asc&sort_key=created_at&status=EXECUTE_SUCCESS']);

		await restart({ policies: [{ backup_policy_id: POLICY_2, backup_policy_name: 'big', tasks: Array.from({ length: 230 }, (_, n) => ({ states: ['EXECUTE_SUCCESS'], ageSeconds: n * 60 })) }], latencyMs: 20 });
		const all = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), returnAll: true }));
		expect(all.error).toBeUndefined();
		// The two pages after the first go side by side.
		expect(sim.stats.peakInFlight).toBe(2);
		expect(all.items).toHaveLength(230);
		expect(new Set(all.items.map((i) => i.jobId)).size).toBe(230);
		expect(vbsCalls().map((r) => Number(new URLSearchParams(r.query).get('offset'))).sort((a, b) => a - b)).toEqual([0, 100, 200]);
	});

	it('Return All with a Marker moves the marker to each page\'s last task, until a page adds nothing', async () => {
		const seeds = Array.from({ length: 150 }, (_, n) => ({ job_id: `task-${String(n).padStart(3, '0')}`, states: ['EXECUTE_SUCCESS'], ageSeconds: n * 60 }));
		await restart({ policies: [{ backup_policy_id: POLICY_2, backup_policy_name: 'big', tasks: seeds }] });
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), returnAll: true, filters: { marker: 'task-009' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(140);
		expect(result.items[0].jobId).toBe('task-010');
		// the count (150) does not say how many follow the marker: the list ends with the page that adds nothing
		expect(vbsCalls().map((r) => new URLSearchParams(r.query).get('marker'))).toEqual(['task-009', 'task-109', 'task-149']);
	});

	describe('a server whose pages are smaller than asked (5 of 24 tasks a page)', () => {
		const seeds = Array.from({ length: 24 }, (_, n) => ({ job_id: `task-${String(n).padStart(3, '0')}`, states: ['EXECUTE_SUCCESS'], ageSeconds: n * 60 }));
		const capped = async () => {
			await restart({ policies: [{ backup_policy_id: POLICY_2, backup_policy_name: 'big', tasks: seeds }] });
			sim.maxPageSize = 5;
		};
		const ids = (items: IDataObject[]) => items.map((i) => String(i.jobId));
		// Sorted: the pages after the first go side by side, so they may arrive in any order.
		const offsets = () => vbsCalls().map((r) => Number(new URLSearchParams(r.query).get('offset'))).sort((a, b) => a - b);

		it('Return All reads every task by offset, newest and oldest first', async () => {
			await capped();
			const newest = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), returnAll: true }));
			expect(ids(newest.items)).toEqual(seeds.map((t) => t.job_id));
			expect(offsets()).toEqual([0, 5, 10, 15, 20]);
			sim.resetStats();
			const oldest = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), returnAll: true, filters: { sortDir: 'asc' } }));
			expect(ids(oldest.items)).toEqual(seeds.map((t) => t.job_id).reverse());
		});

		it('Return All with a Marker reads every task after it', async () => {
			await capped();
			const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), returnAll: true, filters: { marker: 'task-003' } }));
			expect(ids(result.items)).toEqual(seeds.slice(4).map((t) => t.job_id));
		});

		it('a Limit gives exactly that many tasks', async () => {
			await capped();
			const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), many({ policyId: byId(POLICY_2), limit: 12 }));
			expect(ids(result.items)).toEqual(seeds.slice(0, 12).map((t) => t.job_id));
			// The first asks for the whole Limit; the rest ask for the size the server serves, up to the Limit.
			expect(vbsCalls().map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['12', '5', '2']);
		});
	});

	it('an unknown policy: AutoBackup.1100 with what to check', async () => {
		const result = await runNode(subject, akskCreds(), latest({ policyId: byId('00000000-0000-0000-0000-000000000000') }));
		expect(result.error?.message).toMatch(/answered 404: The queried policy does not exist \(AutoBackup\.1100\)\. Check the Backup Policy/);
	});

	it('a policy without tasks: Get Latest says so instead of returning nothing', async () => {
		await restart({ policies: [{ backup_policy_id: POLICY_2, backup_policy_name: 'new', tasks: [] }] });
		const result = await runNode(subject, akskCreds(), latest({ policyId: byId(POLICY_2) }));
		expect(result.error?.message).toMatch(/has no backup tasks yet/);
	});

	it.each([
		['an empty policy', latest({ policyId: byId('  ') }), /Backup Policy/],
		['../ in the policy', latest({ policyId: byId('../v3') }), /characters an ID cannot have/],
		['? in the task id', task('abc?x=1'), /characters an ID cannot have/],
		['a limit over the maximum', many({ limit: 1001 }), /Limit parameter must be a whole number from 1 to 1000/],
		['a bad marker', many({ returnAll: true, filters: { marker: 'a/b' } }), /Marker/],
	])('%s is refused before any request', async (_name, parameters, message) => {
		const result = await runNode(subject, akskCreds(), parameters, { items: [{}, {}] });
		expect(result.error?.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Huawei Cloud Backup: gateway throttling (APIGW.0308)', () => {
	it('is retried with backoff like a 429, also when the gateway answers another status', async () => {
		sim.gatewayError({ code: 'APIGW.0308', status: 403 });
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), latest());
		expect(result.error).toBeUndefined();
		expect(vbsCalls().map((r) => r.status)).toEqual([403, 200]);
	});

	it('throttled on every attempt: a clear error after 4 attempts that says to slow down', async () => {
		sim.gatewayError({ code: 'APIGW.0308', times: 10 });
		const result = await runNode(subject, akskCreds({ projectId: sim.projectId }), latest());
		expect(result.error?.message).toMatch(/answered 429 \(4 attempts\): The throttling threshold has been reached.*\(APIGW\.0308\)\. Huawei Cloud is throttling/);
		expect(vbsCalls()).toHaveLength(4);
	});
});

describe('Huawei Cloud Backup: backup jobs and policies', () => {
	it('Backup Job Get with Wait: INIT → RUNNING → FAIL, fail_reason and error_code as the message', async () => {
		const result = await runNode(subject, passwordCreds(), { resource: 'backupJob', operation: 'get', vbsJobId: FAILED_VBS_JOB, ...waiting });
		expect(result.error).toBeUndefined();
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ jobId: FAILED_VBS_JOB, state: 'failed', vendorState: 'FAIL', message: 'The backup status is error. (VolumeBackup.0064)', durationSeconds: 300 });
		expect(vbsCalls().map((r) => r.path)).toEqual(Array(3).fill(`/v1/${sim.projectId}/jobs/${FAILED_VBS_JOB}`));
	});

	it('Backup Policy Get Many lists the policies', async () => {
		const result = await runNode(subject, akskCreds(), { resource: 'backupPolicy', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ policyId: POLICY_1, name: 'plan01', enabled: true, startTime: '12:00', frequencyDays: 1, retentionCount: 10, resourceCount: 2 },
			{ policyId: POLICY_2, name: 'plan02', enabled: true, startTime: '12:00', frequencyDays: 1, retentionCount: 10, resourceCount: 1 },
		]);
	});
});

describe('the example workflow (examples/huawei-wait-for-latest-task.json)', () => {
	const node = example.nodes.find((n) => n.type === subject.type)!;
	const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };

	it('waits for the latest task of plan01 until it succeeded: the success branch', async () => {
		const result = await runNode(subject, akskCreds(), parameters);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'succeeded', isSuccess: true });
	});
});

describe("the credential in n8n's HTTP Request node (Predefined Credential Type)", () => {
	const http = httpRequestNode();
	const httpSubject = () => ({ type: 'n8n-nodes-base.httpRequest', node: http!, credentialType: subject.credentialType }) as NodeUnderTest;

	(http ? it : it.skip)('AK/SK: a signed request with a query, without any hand-made signature', async () => {
		const parameters: INodeParameters = {
			method: 'GET',
			url: `${baseUrl}/v2/{project_id}/backuppolicy/${POLICY_1}/backuptasks`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'huaweiCloudApi',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'status', value: 'SKIP' }, { name: 'limit', value: '5' }] },
			options: {},
		};
		const result = await runNode(httpSubject(), akskCreds(), parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ count: 1, tasks: [{ status: 'SKIP' }] });
		expect(sim.refusedSignatures).toEqual([]);
		expect(vbsCalls()[0].query).toBe('limit=5&status=SKIP');
		expectNoSecrets(result);
	});

	(http ? it : it.skip)('IAM password: signs in, sends X-Auth-Token, and signs in again once after the token expired', async () => {
		const credentials = passwordCreds();
		const parameters: INodeParameters = { method: 'GET', url: `${baseUrl}/v1/{project_id}/jobs/${FAILED_VBS_JOB}`, authentication: 'predefinedCredentialType', nodeCredentialType: 'huaweiCloudApi', options: {} };
		const first = await runNode(httpSubject(), credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(first.error).toBeUndefined();
		expect(first.items[0]).toMatchObject({ job_id: FAILED_VBS_JOB });
		sim.expireSessions();
		const second = await runNode(httpSubject(), credentials, parameters, { typeVersion: HTTP_REQUEST_VERSION });
		expect(second.error).toBeUndefined();
		expect(sim.stats.signIns).toBe(2);
		expectNoSecrets(second);
	});
});

describe('Huawei Cloud Backup: the Backup Policy locator (From List)', () => {
	it('lists the policies by name, filtered by the search text', async () => {
		const credentials = new HuaweiCloudApi();
		const data = { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, ...endpoints(), projectId: sim.projectId };
		const ctx = {
			getNode: () => ({ name: 'Huawei Cloud Backup' }),
			getCredentials: async () => data,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const signed = await credentials.authenticate(data, options);
					const response = await fetch(String(signed.url), { headers: signed.headers as Record<string, string> });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		expect((await searchBackupPolicies.call(ctx)).results).toEqual([
			{ name: 'plan01', value: POLICY_1 },
			{ name: 'plan02', value: POLICY_2 },
		]);
		expect((await searchBackupPolicies.call(ctx, 'PLAN02')).results).toEqual([{ name: 'plan02', value: POLICY_2 }]);
		expect(sim.refusedSignatures).toEqual([]);
	});
});
