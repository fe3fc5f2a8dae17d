import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import example from '../../examples/cohesity-wait-for-latest-run.json';
import { searchProtectionGroups } from '../../nodes/Cohesity/listSearch';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator, DEFAULT_GROUP_ID, EMPTY_GROUP_ID, PAGED_GROUP_ID } from '../simulators/cohesity';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesity',
	node: new Cohesity(),
	credentialType: new CohesityApi(),
};

const OLDEST = '880:1680005024062490';
const WARNED = '880:1680091424062490';
const LATEST = '880:1680264224062490';

interface Logged {
	method: string;
	path: string;
	query: string;
	headers: IDataObject;
}

let sim: CohesitySimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CohesitySimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function restart(options: ConstructorParameters<typeof CohesitySimulator>[0]) {
	await sim.stop();
	sim = new CohesitySimulator(options);
	baseUrl = await sim.start();
}

const apiKeyCreds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey, ...extra });
const passwordCreds = (extra: IDataObject = {}) =>
	credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password, ...extra });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const run = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'protectionGroupRun',
	operation,
	protectionGroupId: byId(DEFAULT_GROUP_ID),
	...extra,
});
const waiting = (extra: INodeParameters = {}): INodeParameters => ({ waitForCompletion: true, pollInterval: 1, waitTimeout: 30, ...extra });

const logged = () => sim.requests as unknown as Logged[];
const signInCalls = () => logged().filter((r) => r.path === '/v2/access-tokens');
const query = (r: Logged) => new URLSearchParams(r.query);

/** No secret of the credential, and no token, anywhere in what the run produced. */
function expectNoSecrets(result: NodeRun, extra: string[] = []) {
	for (const secret of [sim.apiKey, sim.password, ...extra]) {
		if (secret) expect(result.text).not.toContain(secret);
	}
}

describe('Cohesity node through n8n: protection group runs', () => {
	it('Get Latest with an API key: the job-status item, the apiKey header, no sign-in call', async () => {
		const credentials = apiKeyCreds();
		const result = await runNode(subject, credentials, run('getLatest'));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({
			vendor: 'cohesity', jobId: LATEST, jobName: 'cassandra_UInew', state: 'queued', isFinished: false, isSuccess: null,
			vendorState: 'Accepted', startedAt: '2023-03-31T12:03:44.062Z', endedAt: null,
		});
		expect(item.steps).toEqual([expect.objectContaining({ name: 'Local Backup', state: 'queued' })]);
		expect(result.pairedItems).toEqual([0]);
		const [call] = logged();
		expect(call.path).toBe(`/v2/data-protect/protection-groups/${encodeURIComponent(DEFAULT_GROUP_ID)}/runs`);
		expect(query(call).get('numRuns')).toBe('1');
		expect(call.headers.apikey).toBe(sim.apiKey);
		expect(call.headers.authorization).toBeUndefined();
		expect(signInCalls()).toHaveLength(0);
		expect(sim.stats.signIns).toBe(0);
		expectNoSecrets(result);
	});

	it('Get with username and password: one sign-in with domain LOCAL, a Bearer token, reused by the next execution', async () => {
		const credentials = passwordCreds();
		const first = await runNode(subject, credentials, run('get', { runId: WARNED }));
		expect(first.error).toBeUndefined();
		expect(first.items[0]).toMatchObject({ jobId: WARNED, state: 'warning', isSuccess: true, message: 'Number of files skipped due to errors 6, please see task logs for more details' });
		expect(first.items[0].steps).toHaveLength(2);
		const token = String(credentials.store.cohesityApi.accessToken);
		expect(token).toMatch(/^sim-/);
		const call = logged().find((r) => r.path.includes('/runs/'))!;
		expect(call.path).toBe(`/v2/data-protect/protection-groups/${encodeURIComponent(DEFAULT_GROUP_ID)}/runs/${encodeURIComponent(WARNED)}`);
		expect(call.headers.authorization).toBe(`Bearer ${token}`);
		expect(call.headers.apikey).toBeUndefined();
		const second = await runNode(subject, credentials, run('get', { runId: OLDEST }));
		expect(second.items[0]).toMatchObject({ jobId: OLDEST, state: 'succeeded' });
		expect(sim.stats.signIns).toBe(1);
		expect(credentials.preAuthCalls).toBe(1);
		expectNoSecrets(first, [token]);
		expectNoSecrets(second, [token]);
	});

	it('an expired token ("Token expired") is renewed once, and the call succeeds', async () => {
		const credentials = passwordCreds();
		await runNode(subject, credentials, run('get', { runId: OLDEST }));
		const oldToken = String(credentials.store.cohesityApi.accessToken);
		sim.expireSessions();
		const result = await runNode(subject, credentials, run('get', { runId: OLDEST }));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'succeeded' });
		expect(sim.stats.signIns).toBe(2);
		expect(credentials.preAuthCalls).toBe(2);
		expect(credentials.store.cohesityApi.accessToken).not.toBe(oldToken);
		expect(logged().filter((r) => r.path.includes('/runs/')).length).toBe(3);
		expectNoSecrets(result, [oldToken, String(credentials.store.cohesityApi.accessToken)]);
	});

	it('a token that expires in the middle of a wait is renewed once', async () => {
		await restart({ tokenMaxRequests: 2 });
		const credentials = passwordCreds();
		const result = await runNode(subject, credentials, run('getLatest', waiting()));
		expect(result.items[0]).toMatchObject({ jobId: LATEST, state: 'succeeded', isFinished: true });
		expect(sim.stats.signIns).toBe(2);
	});

	it('a wrong password or API key ends in a clear error that shows no secret', async () => {
		const badPassword = 'Wrong-Pass-99!';
		const refused = await runNode(subject, passwordCreds({ password: badPassword }), run('getLatest'));
		expect(refused.error?.message).toBe('Cohesity refused the sign-in (401): Invalid username or password.');
		expect(refused.error?.description).toMatch(/^Check the username, password and domain/);
		expect(`${refused.error?.message} ${refused.error?.description}`).not.toMatch(/\.\./);
		expect(signInCalls()).toHaveLength(1); // a refused password is never tried again
		expectNoSecrets(refused, [badPassword]);
		sim.resetStats();

		const impostor = 'b4d0'.repeat(8);
		const denied = await runNode(subject, apiKeyCreds({ apiKey: impostor }), run('getLatest'));
		expect(denied.error).toMatchObject({ httpCode: '401' });
		expect(denied.error?.message).toBe('Cohesity answered 401: API Key does not exist.');
		expectNoSecrets(denied, [impostor]);
		expect(signInCalls()).toHaveLength(0);
	});

	it('a Base URL that ends in /v2 gets a 404 whose hint points at the Base URL', async () => {
		const result = await runNode(subject, apiKeyCreds({ baseUrl: `${baseUrl}/v2` }), run('getLatest'));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.description).toMatch(/Base URL.*ends in "\/v2"/);
	});

	it('Start Time and End Time without a zone are in the workflow time zone', async () => {
		const result = await runNode(
			subject,
			apiKeyCreds(),
			run('getAll', { protectionGroupId: byId(PAGED_GROUP_ID), limit: 1, filters: { startTime: '2024-07-01T00:00:00', endTime: '2024-07-02T00:00:00Z' } }),
			{ timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		const q = query(logged()[0]);
		expect(q.get('startTimeUsecs')).toBe(String(Date.parse('2024-06-30T22:00:00Z') * 1000));
		expect(q.get('endTimeUsecs')).toBe(String(Date.parse('2024-07-02T00:00:00Z') * 1000));
	});

	it('sends the Helios accessClusterId and regionId headers with every call', async () => {
		await restart({ accessClusterId: '5012345678901234', regionId: 'us-east-1' });
		const result = await runNode(subject, apiKeyCreds({ accessClusterId: '5012345678901234', regionId: 'us-east-1' }), run('get', { runId: OLDEST }));
		expect(result.items[0]).toMatchObject({ jobId: OLDEST, state: 'succeeded' });
		expect(logged()[0].headers).toMatchObject({ accessclusterid: '5012345678901234', regionid: 'us-east-1', apikey: sim.apiKey });

		const missing = await runNode(subject, apiKeyCreds(), run('get', { runId: OLDEST }));
		expect(missing.error?.message).toMatch(/Cohesity answered 400: accessClusterId header/);
	});

	it('Get Latest with Wait for Completion polls the same run until its local backup is done', async () => {
		const result = await runNode(subject, apiKeyCreds(), run('getLatest', waiting()));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: LATEST, state: 'succeeded', isFinished: true, isSuccess: true, vendorState: 'Succeeded' });
		expect(result.items[0].endedAt).toBe('2023-03-31T12:08:25.062Z');
		expect(sim.runPolls(LATEST)).toBe(3);
		const single = logged().filter((r) => r.path.endsWith(`/runs/${encodeURIComponent(LATEST)}`));
		expect(single).toHaveLength(2);
	});

	it('Get with Wait for Completion and Status Scope "All Copies" waits for replication and archival', async () => {
		const result = await runNode(subject, apiKeyCreds(), run('get', { runId: LATEST, statusScope: 'allCopies', ...waiting() }));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'succeeded', isFinished: true, vendorState: 'Succeeded/Succeeded/Succeeded' });
		expectJobStatus(result.items[0]);
		expect((result.items[0].steps as IDataObject[]).map((s) => [s.name, s.state])).toEqual([
			['Local Backup', 'succeeded'],
			['Replication to dr-cluster-01', 'succeeded'],
			['Archival to aws_s3_standard_target', 'succeeded'],
		]);
		expect(sim.runPolls(LATEST)).toBe(5);
	});

	it('Wait for Completion that times out returns the last status when asked', async () => {
		sim.addRun(DEFAULT_GROUP_ID, { startTimeUsecs: 1680350624062490, local: ['Running'] });
		const result = await runNode(subject, apiKeyCreds(), run('getLatest', waiting({ waitTimeout: 1, onTimeout: 'returnLastStatus' })));
		expect(result.items[0]).toMatchObject({ jobId: '880:1680350624062490', state: 'running', timedOut: true });
	});

	it('Get Many with Return All returns every run, past the 100 runs one listing holds, newest first', async () => {
		const result = await runNode(subject, apiKeyCreds(), run('getAll', { protectionGroupId: byId(PAGED_GROUP_ID), returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		result.items.forEach((item) => expectJobStatus(item));
		const starts = result.items.map((i) => Date.parse(String(i.startedAt)));
		expect(starts).toEqual([...starts].sort((a, b) => b - a));
		expect(result.items[0]).toMatchObject({ jobId: '912:1721513600000000', jobName: 'vmware_prod' });
		expect(new Set(result.items.map((i) => i.jobId)).size).toBe(250);
		// numRuns caps a listing (100 when unset): each next listing ends just before the oldest run seen
		const pages = logged();
		expect(pages.map((p) => query(p).get('numRuns'))).toEqual(['100', '100', '100']);
		expect(query(pages[0]).get('endTimeUsecs')).toBeNull();
		const oldestOfFirst = Math.min(...result.items.slice(0, 100).map((i) => Number(String(i.jobId).split(':')[1])));
		expect(query(pages[1]).get('endTimeUsecs')).toBe(String(oldestOfFirst - 1));
		expect(result.pairedItems.every((p) => p === 0)).toBe(true);
	});

	it('Get Many pages through paginationCookie within a listing when the cluster pages smaller', async () => {
		await restart({ maxPageSize: 40 });
		const result = await runNode(subject, apiKeyCreds(), run('getAll', { protectionGroupId: byId(PAGED_GROUP_ID), returnAll: true }));
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((i) => i.jobId)).size).toBe(250);
		const pages = logged();
		expect(pages.length).toBe(8); // listings of 100, 100 and 50 runs, in pages of at most 40: 3 + 3 + 2
		expect(pages.filter((p) => query(p).get('paginationCookie') !== null).length).toBe(5);
	});

	it('Get Many with a Limit asks for that many runs, and passes every filter', async () => {
		const limited = await runNode(subject, apiKeyCreds(), run('getAll', { protectionGroupId: byId(PAGED_GROUP_ID), limit: 5 }));
		expect(limited.items).toHaveLength(5);
		expect(query(logged()[0]).get('numRuns')).toBe('5');

		sim.resetStats();
		const filtered = await runNode(
			subject,
			apiKeyCreds(),
			run('getAll', {
				protectionGroupId: byId(PAGED_GROUP_ID),
				returnAll: true,
				filters: {
					localBackupRunStatus: ['SucceededWithWarning'],
					replicationRunStatus: ['Succeeded', 'Running'],
					runTypes: ['kRegular', 'kFull'],
					startTime: '2023-11-14T22:13:20Z',
					endTime: '2024-12-31T00:00:00Z',
					includeObjectDetails: true,
					excludeNonRestorableRuns: true,
				},
				simplify: false,
			}),
		);
		expect(filtered.error).toBeUndefined();
		expect(filtered.items).toHaveLength(25);
		expect(filtered.items.every((i) => i.state === 'warning')).toBe(true);
		expect((filtered.items[0].details as IDataObject).objects).toEqual(expect.any(Array));
		const q = query(logged()[0]);
		expect(Object.fromEntries(q.entries())).toMatchObject({
			localBackupRunStatus: 'SucceededWithWarning',
			replicationRunStatus: 'Succeeded,Running',
			runTypes: 'kRegular,kFull',
			startTimeUsecs: '1700000000000000',
			endTimeUsecs: '1735603200000000',
			includeObjectDetails: 'true',
			excludeNonRestorableRuns: 'true',
		});
	});

	it('rejects a malformed run ID and an empty group ID before any request', async () => {
		const badRun = await runNode(subject, apiKeyCreds(), run('get', { runId: '880-1680005024062490' }));
		expect(badRun.error).toMatchObject({ name: 'NodeOperationError' });
		expect(badRun.error?.message).toMatch(/The Run ID parameter "880-1680005024062490" is not in the expected format/);
		expect(badRun.error?.description).toMatch(/880:1680005024062490/);

		const emptyGroup = await runNode(subject, apiKeyCreds(), run('getLatest', { protectionGroupId: byId('  ') }));
		expect(emptyGroup.error).toMatchObject({ name: 'NodeOperationError' });
		expect(emptyGroup.error?.message).toMatch(/The Protection Group parameter is empty/);

		const pathy = await runNode(subject, passwordCreds(), run('getLatest', { protectionGroupId: byId('1:2:3/../4') }));
		expect(pathy.error?.message).toMatch(/Protection Group parameter .* contains characters/);
		expect(sim.stats.requests).toBe(0);
	});

	it('a group without runs and an unknown run end in clear errors', async () => {
		const empty = await runNode(subject, apiKeyCreds(), run('getLatest', { protectionGroupId: byId(EMPTY_GROUP_ID) }));
		expect(empty.error?.message).toMatch(/protection group 4594155844987574:1679899218812:950 has no runs yet/);
		const unknown = await runNode(subject, apiKeyCreds(), run('get', { runId: '880:1' }));
		expect(unknown.error).toMatchObject({ httpCode: '404' });
		expect(unknown.error?.message).toBe(`Cohesity answered 404: Run 880:1 of protection group ${DEFAULT_GROUP_ID} does not exist.`);
	});

	it('Continue On Fail turns a failing item into {error} and goes on with the others', async () => {
		const result = await runNode(subject, apiKeyCreds(), run('get', { runId: '={{ $json.runId }}' }), {
			items: [{ runId: OLDEST }, { runId: 'not-a-run' }, { runId: '880:1' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.pairedItems).toEqual([0, 1, 2]);
		expect(result.items[0]).toMatchObject({ jobId: OLDEST, state: 'succeeded' });
		expect(result.items[1].error).toMatch(/Run ID parameter "not-a-run" is not in the expected format/);
		expect(result.items[2].error).toMatch(/404/);
	});
});

describe('Cohesity node through n8n: protection groups', () => {
	it('Get Many lists the active groups with their last run', async () => {
		const result = await runNode(subject, apiKeyCreds(), { resource: 'protectionGroup', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((g) => g.name)).toEqual(['cassandra_UInew', 'oracle_new', 'vmware_prod']);
		expect(result.items[0]).toMatchObject({
			protectionGroupId: DEFAULT_GROUP_ID,
			environment: 'kCassandra',
			isActive: true,
			lastRun: { jobId: LATEST, jobName: 'cassandra_UInew', state: 'queued' },
		});
		expect(result.items[1].lastRun).toBeNull();
		expect(Object.fromEntries(query(logged()[0]).entries())).toMatchObject({ isDeleted: 'false', isActive: 'true', includeLastRunInfo: 'true' });
	});

	it('pages with paginationCookie, filters by name, and honours Limit and Include Inactive', async () => {
		await restart({ maxPageSize: 1 });
		const all = await runNode(subject, apiKeyCreds(), { resource: 'protectionGroup', operation: 'getAll', returnAll: true, groupFilters: { includeInactive: true } });
		expect(all.items).toHaveLength(4);
		expect(logged()).toHaveLength(4);
		const named = await runNode(subject, apiKeyCreds(), { resource: 'protectionGroup', operation: 'getAll', returnAll: true, groupFilters: { nameContains: 'CASS' } });
		expect(named.items.map((g) => g.name)).toEqual(['cassandra_UInew']);
		sim.resetStats();
		const limited = await runNode(subject, apiKeyCreds(), { resource: 'protectionGroup', operation: 'getAll', limit: 2 });
		expect(limited.items).toHaveLength(2);
		expect(logged()).toHaveLength(2);
	});
});

describe('Cohesity node through n8n: faults', () => {
	it.each([
		['rateLimit', { retryAfterSeconds: 1 }],
		['unavailable', {}],
		['badGateway', {}],
		['drop', {}],
	] as const)('recovers from %s by retrying the GET', async (fault, extra) => {
		sim.fail({ fault, ...extra });
		const result = await runNode(subject, apiKeyCreds(), run('get', { runId: OLDEST }));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: OLDEST, state: 'succeeded' });
		expect(sim.pendingFaults).toHaveLength(0);
	});

	it.each([
		['truncatedJson', /Cohesity sent a JSON answer that cannot be read/],
		['htmlError', /Cohesity answered 500: an error page instead of API data/],
		['notFound', /Cohesity answered 404: Not found\./],
	] as const)('%s ends in a clear error', async (fault, message) => {
		sim.fail({ fault });
		const result = await runNode(subject, passwordCreds(), run('get', { runId: OLDEST }));
		expect(result.error?.message).toMatch(message);
		expectNoSecrets(result);
	});

	it('a slow answer beyond the Request Timeout ends in a timeout error', async () => {
		sim.fail({ fault: 'slow', delayMs: 3000 });
		const result = await runNode(subject, apiKeyCreds(), run('get', { runId: OLDEST, options: { requestTimeout: 1 } }));
		expect(result.error?.message).toBe('Cohesity did not answer within 1 s');
	});

	it('a 503 on the sign-in is retried like any other 503', async () => {
		sim.fail({ fault: 'unavailable', match: '/v2/access-tokens' });
		const result = await runNode(subject, passwordCreds(), run('get', { runId: OLDEST }));
		expect(result.error).toBeUndefined();
		expect(sim.requests.filter((r: { path: string }) => r.path === '/v2/access-tokens')).toHaveLength(2);
	});

	it('a sign-in that stays unavailable is reported as such, without the password and without blaming the Base URL', async () => {
		sim.fail({ fault: 'unavailable', match: '/v2/access-tokens', times: 4 });
		const result = await runNode(subject, passwordCreds(), run('get', { runId: OLDEST }));
		expect(result.error?.message).toBe('Cohesity could not sign in (503): Service unavailable.');
		expect(result.error?.description).not.toMatch(/Base URL/);
		expectNoSecrets(result);
	});
});

describe('Cohesity: list search and the example workflow', () => {
	it('From List searches protection groups by name through every page', async () => {
		await restart({ maxPageSize: 2 });
		const ctx = {
			getNode: () => ({ name: 'Cohesity' }),
			getCredentials: async () => ({ baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(String(options.url));
					for (const [k, v] of Object.entries(options.qs ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
					const response = await fetch(url, { headers: { ...(options.headers as Record<string, string>), apiKey: sim.apiKey } });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const all = await searchProtectionGroups.call(ctx);
		expect(all.results.map((r) => r.name)).toEqual(['cassandra_UInew', 'cassandra_UInew_replica', 'oracle_new', 'vmware_prod']);
		const found = await searchProtectionGroups.call(ctx, 'VMWARE');
		expect(found.results).toEqual([{ name: 'vmware_prod', value: PAGED_GROUP_ID }]);
	});

	it('From List lists every group of a cluster that answers one group per page, past ten pages', async () => {
		await restart({ maxPageSize: 1 });
		const extra = Array.from({ length: 12 }, (_, n) => ({ id: `4594155844987574:1679899218812:${5000 + n}`, name: `extra_${String(n).padStart(2, '0')}` }));
		for (const group of extra) sim.addGroup(group);
		const ctx = {
			getNode: () => ({ name: 'Cohesity' }),
			getCredentials: async () => ({ baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(String(options.url));
					for (const [k, v] of Object.entries(options.qs ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
					const response = await fetch(url, { headers: { ...(options.headers as Record<string, string>), apiKey: sim.apiKey } });
					return { body: await response.text(), headers: { 'content-type': response.headers.get('content-type') }, statusCode: response.status };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const all = await searchProtectionGroups.call(ctx);
		expect(all.results.map((r) => r.name)).toEqual(['cassandra_UInew', 'cassandra_UInew_replica', ...extra.map((g) => g.name), 'oracle_new', 'vmware_prod']);
	});

	it('the example workflow waits for the latest run of a group the simulator serves, which then succeeds', async () => {
		expect(example.id).toBe('wfCohesityWait01');
		const node = example.nodes.find((n) => n.type === subject.type)!;
		expect(node.credentials).toEqual({ cohesityApi: { id: 'cohesitySim01', name: 'Cohesity simulator' } });
		const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };
		const result = await runNode(subject, apiKeyCreds(), parameters);
		expect(result.items[0]).toMatchObject({ jobId: LATEST, state: 'succeeded', isSuccess: true });
		expect(sim.runPolls(LATEST)).toBe(3);
	});
});
