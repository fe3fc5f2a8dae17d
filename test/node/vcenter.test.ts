import { sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, outcome, runNode, startNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenter',
	node: new VmwareVcenter(),
	credentialType: new VmwareVcenterApi(),
};

const PASSWORD = 'Sim-Pass-1!';
const NEWEST = '20240315-020002-21560480';
const SUCCEEDED = '20240314-020001-21560480';
const FAILED = '20240313-020003-21560480';

let sim: VcenterSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VcenterSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

function creds(extra: IDataObject = {}) {
	return credentialsFor(subject, { baseUrl, username: 'administrator@vsphere.local', password: PASSWORD, ...extra });
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const get = (id: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupJob', operation: 'get', jobId: byId(id), ...extra });
const jobGets = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'GET' && /\/job\/[^/]+$/.test(r.path) && !r.path.endsWith('/details'));

describe('VMware vCenter node through n8n', () => {
	it('Get returns the job-status item and signs in once with the session header', async () => {
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({
			vendor: 'vcenter', jobId: SUCCEEDED, jobName: null, state: 'succeeded', isFinished: true, isSuccess: true,
			vendorState: 'SUCCEEDED', progressPercent: 100, message: null, steps: [],
		});
		expect(item.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(item.durationSeconds).toBeGreaterThan(0);
		expect(sim.stats.signIns).toBe(1);
		const jobCall = jobGets()[0] as { headers: IDataObject };
		expect(jobCall.headers['vmware-api-session-id']).toEqual(expect.any(String));
		expect(result.pairedItems).toEqual([0]);
	});

	it('Get of a failed job carries the vendor message, and Simplify off adds the full record', async () => {
		const result = await runNode(subject, creds(), get(FAILED, { simplify: false }));
		expect(result.items[0]).toMatchObject({ state: 'failed', isFinished: true, isSuccess: false, message: 'Backup job failed.' });
		expect(result.items[0].details).toMatchObject({ id: FAILED, state: 'FAILED' });
		expectJobStatus(result.items[0], { details: true });
	});

	it('uses the /rest form when chosen, unwrapping "value"', async () => {
		const result = await runNode(subject, creds({ apiForm: 'rest' }), get(SUCCEEDED));
		expect(result.items[0]).toMatchObject({ jobId: SUCCEEDED, state: 'succeeded' });
		expect(sim.requests.every((r: { path: string }) => !r.path.startsWith('/api/'))).toBe(true);
	});

	it('detects an older vCenter without /api once, then goes straight to /rest', async () => {
		await sim.stop();
		sim = new VcenterSimulator({ forms: ['rest'] });
		baseUrl = await sim.start();
		const credentials = creds();
		const first = await runNode(subject, credentials, get(SUCCEEDED));
		expect(first.items[0]).toMatchObject({ state: 'succeeded' });
		expect(credentials.store.vmwareVcenterApi.sessionApiForm).toBe('rest');
		sim.resetStats();
		const second = await runNode(subject, credentials, get(SUCCEEDED));
		expect(second.items[0]).toMatchObject({ state: 'succeeded' });
		expect(sim.stats.requests).toBe(1);
		expect(sim.requests[0].path.startsWith('/rest/')).toBe(true);
	});

	it('reuses the stored session across executions and signs in again once when it expires', async () => {
		const credentials = creds();
		await runNode(subject, credentials, get(SUCCEEDED));
		await runNode(subject, credentials, get(SUCCEEDED));
		expect(sim.stats.signIns).toBe(1);
		sim.expireSessions();
		const result = await runNode(subject, credentials, get(SUCCEEDED));
		expect(result.items[0]).toMatchObject({ state: 'succeeded' });
		expect(sim.stats.signIns).toBe(2);
		expect(credentials.preAuthCalls).toBe(2);
	});

	it('Get Latest picks the newest job although the API lists ids unordered', async () => {
		const result = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getLatest' });
		expect(result.items).toEqual([expect.objectContaining({ jobId: NEWEST, state: 'queued', isFinished: false, isSuccess: null })]);
	});

	it('Get Many lists jobs newest first from one details call, honouring Limit and Return All', async () => {
		const limited = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getAll', limit: 2 });
		expect(limited.items.map((i) => i.jobId)).toEqual([NEWEST, SUCCEEDED]);
		expect(sim.requests.filter((r: { path: string }) => r.path.endsWith('/job/details'))).toHaveLength(1);
		const all = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.jobId)).toEqual([NEWEST, SUCCEEDED, FAILED]);
		expect(all.items[2]).toMatchObject({ state: 'failed', vendorState: 'FAILED' });
		all.items.forEach((item) => expectJobStatus(item));
	});

	it('Get Details maps the details status enum, including BLOCKED and unknown values', async () => {
		sim.addJob({ id: '20240316-020000-1', states: ['INPROGRESS'], detailsStatus: 'BLOCKED' });
		sim.addJob({ id: '20240317-020000-1', states: ['INPROGRESS'], detailsStatus: 'PAUSED_BY_ADMIN' });
		const items = [{ id: '20240316-020000-1' }, { id: '20240317-020000-1' }, { id: SUCCEEDED }];
		const result = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getDetails', jobId: byId('={{ $json.id }}') }, { items });
		expect(result.items.map((i) => [i.vendorState, i.state])).toEqual([
			['BLOCKED', 'running'],
			['PAUSED_BY_ADMIN', 'unknown'],
			['SUCCEEDED', 'succeeded'],
		]);
		expect(result.pairedItems).toEqual([0, 1, 2]);
		result.items.forEach((item) => expectJobStatus(item));
	});

	it('works with the /rest details form too', async () => {
		const result = await runNode(subject, creds({ apiForm: 'rest' }), { resource: 'backupJob', operation: 'getDetails', jobId: byId(FAILED) });
		expect(result.items[0]).toMatchObject({ jobId: FAILED, vendorState: 'FAILED', state: 'failed' });
	});

	it('URL-encodes the job id in the path', async () => {
		sim.addJob({ id: 'job 1%', states: ['SUCCEEDED'] });
		const result = await runNode(subject, creds(), get('job 1%'));
		expect(result.items[0]).toMatchObject({ jobId: 'job 1%' });
		expect(jobGets()[0].path).toBe('/api/appliance/recovery/backup/job/job%201%25');
	});
});

describe('Wait for Completion', () => {
	const wait = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };

	it('waits for 3 jobs at once, polling only the unfinished ones each round', async () => {
		sim.addJob({ id: 'a', states: ['NONE', 'INPROGRESS', 'SUCCEEDED'] });
		sim.addJob({ id: 'b', states: ['INPROGRESS', 'FAILED'] });
		sim.addJob({ id: 'c', states: ['SUCCEEDED'] });
		const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
		const result = await runNode(subject, creds(), get('={{ $json.id }}', wait), { items });
		expect(result.items.map((i) => [i.jobId, i.state])).toEqual([['a', 'succeeded'], ['b', 'failed'], ['c', 'succeeded']]);
		// a: 3 polls, b: 2, c: 1 — not 3 rounds × 3 jobs
		expect([sim.jobPolls('a'), sim.jobPolls('b'), sim.jobPolls('c')]).toEqual([3, 2, 1]);
		// a, b and c in one details call, then a and b in one, then a alone by job/{id}
		const reads = sim.requests.filter((r: { path: string }) => r.path.includes('/backup/job/'));
		expect(reads.map((r: { path: string; query: string }) => (r.path.endsWith('/details') ? r.query : r.path.split('/').pop()))).toEqual([
			'jobs=a&jobs=b&jobs=c',
			'jobs=a&jobs=b',
			'a',
		]);
	});

	it('Get Latest waits for the newest job', async () => {
		const result = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getLatest', ...wait });
		expect(result.items[0]).toMatchObject({ jobId: NEWEST, state: 'succeeded', isFinished: true, isSuccess: true });
	});

	it('a timeout is an error by default', async () => {
		sim.addJob({ id: 'stuck', states: ['INPROGRESS'] });
		const result = await runNode(subject, creds(), get('stuck', { ...wait, waitTimeout: 1 }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/did not finish within 1 s; it is running/);
		expect(sim.jobPolls('stuck')).toBe(2);
	});

	it('a timeout can return the last status with timedOut', async () => {
		sim.addJob({ id: 'stuck', states: ['INPROGRESS'] });
		const result = await runNode(subject, creds(), get('stuck', { ...wait, waitTimeout: 1, onTimeout: 'returnLastStatus' }));
		expect(result.items).toEqual([expect.objectContaining({ jobId: 'stuck', state: 'running', isFinished: false, timedOut: true })]);
		expectJobStatus(result.items[0], { timedOut: true });
	});

	it('stops waiting at once when the execution is cancelled', async () => {
		sim.addJob({ id: 'stuck', states: ['INPROGRESS'] });
		const handle = startNode(subject, creds(), get('stuck', { ...wait, pollInterval: 600, waitTimeout: 3600 }));
		const started = Date.now();
		while (sim.jobPolls('stuck') === 0) await sleep(10);
		handle.cancel();
		const run = outcome(await handle.result);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(run.run.status).not.toBe('success');
	});
});

describe('errors', () => {
	it('continueOnFail turns a failing item into {error} and the others go on', async () => {
		const items = [{ id: SUCCEEDED }, { id: '20990101-000000-0' }, { id: FAILED }];
		const result = await runNode(subject, creds(), get('={{ $json.id }}'), { items, continueOnFail: true });
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toMatchObject({ state: 'succeeded' });
		expect(result.items[1]).toEqual({ error: expect.stringContaining('Backup job not found') });
		expect(result.items[2]).toMatchObject({ state: 'failed' });
		expect(result.pairedItems).toEqual([0, 1, 2]);
	});

	it('a 404 is a NodeApiError with the vendor message', async () => {
		const result = await runNode(subject, creds(), get('20990101-000000-0'));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.error?.message).toBe('vCenter answered 404: Backup job not found.');
	});

	it('with API Form Automatic on a /rest-only vCenter, a renewed session goes straight to /rest', async () => {
		await sim.stop();
		sim = new VcenterSimulator({ forms: ['rest'] });
		baseUrl = await sim.start();
		const credentials = creds();
		expect((await runNode(subject, credentials, get(SUCCEEDED))).error).toBeUndefined();
		sim.expireSessions();
		const before = sim.requests.length;
		expect((await runNode(subject, credentials, get(SUCCEEDED))).error).toBeUndefined();
		const signIns = sim.requests.slice(before).filter((r: { path: string }) => r.path.endsWith('/session')).map((r: { path: string }) => r.path);
		expect(signIns).toEqual(['/rest/com/vmware/cis/session']);
	});

	it('a wrong password is a clear error without the password', async () => {
		const result = await runNode(subject, creds({ password: 'Wrong-Pass-9' }), get(SUCCEEDED));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/refused the sign-in \(401\)/);
		expect(result.text).not.toContain('Wrong-Pass-9');
	});

	it.each([
		['empty', '={{ "" }}', /Backup Job parameter is empty/],
		['whitespace', '   ', /Backup Job parameter is empty/],
		['a slash', 'a/b', /contains characters/],
		['a question mark', 'a?b', /contains characters/],
		['a hash', 'a#b', /contains characters/],
		['dot-dot', '..', /contains characters/],
	])('rejects an id with %s before any request', async (_what, id, message) => {
		const result = await runNode(subject, creds(), get(id));
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(message);
		expect(sim.stats.requests).toBe(0);
		expect(sim.stats.signIns).toBe(0);
	});

	it.each([
		['a negative limit', { operation: 'getAll', limit: -1 }, /Limit parameter must be a whole number/],
		['a non-numeric poll interval', { operation: 'get', jobId: byId(SUCCEEDED), waitForCompletion: true, pollInterval: 'soon' }, /Poll Interval parameter must be a whole number/],
		['zero concurrent requests', { operation: 'get', jobId: byId(SUCCEEDED), options: { concurrentRequests: 0 } }, /Concurrent Requests parameter/],
	])('rejects %s naming the field', async (_what, parameters, message) => {
		const result = await runNode(subject, creds(), { resource: 'backupJob', ...parameters } as INodeParameters);
		expect(result.error?.message).toMatch(message);
	});

	it('an answer of an unexpected shape says what was expected', async () => {
		sim.addJob({ id: 'odd', states: [''] });
		const result = await runNode(subject, creds(), get('odd'));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/vCenter sent .* where a backup job status with a "state" was expected/);
	});
});

describe('fault modes end in a recovery or a clear error, never a hang', () => {
	const recovered: Array<[string, Parameters<VcenterSimulator['fail']>[0]]> = [
		['429 with Retry-After', { fault: 'rateLimit', retryAfterSeconds: 1 }],
		['503', { fault: 'unavailable' }],
		['502', { fault: 'badGateway' }],
		['a dropped connection', { fault: 'drop' }],
	];
	it.each(recovered)('recovers from %s by retrying the GET', async (_what, plan) => {
		sim.fail({ ...plan, match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.items[0]).toMatchObject({ state: 'succeeded' });
		expect(jobGets().length).toBe(2);
	});

	it('gives up after the retries with the last status', async () => {
		sim.fail({ fault: 'unavailable', times: 10, match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(jobGets().length).toBe(4);
	});

	it('a slow answer ends at the request timeout', async () => {
		sim.fail({ fault: 'slow', delayMs: 5000, match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED, { options: { requestTimeout: 1 } }));
		expect(result.error?.message).toBe('vCenter did not answer within 1 s');
	});

	it('an HTML error page is named as such', async () => {
		sim.fail({ fault: 'htmlError', match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(result.error?.message).toBe('vCenter answered 500: an error page instead of API data');
	});

	it('truncated JSON is reported, not parsed into undefined', async () => {
		sim.fail({ fault: 'truncatedJson', match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.error?.message).toMatch(/vCenter sent a JSON answer that cannot be read/);
	});

	it('a 404 in the vendor shape is the answer, not a reason to probe /rest', async () => {
		sim.fail({ fault: 'notFound', match: '/backup/job/' });
		const result = await runNode(subject, creds(), get(SUCCEEDED));
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(sim.requests.some((r: { path: string }) => r.path.startsWith('/rest/'))).toBe(false);
	});
});

describe('secrets', () => {
	it('neither the password nor the session token appears in any item or error', async () => {
		const credentials = creds();
		const runs = [
			await runNode(subject, credentials, get(SUCCEEDED, { simplify: false })),
			await runNode(subject, credentials, get('20990101-000000-0')),
			await runNode(subject, credentials, get('20990101-000000-0'), { continueOnFail: true }),
			await runNode(subject, credentials, { resource: 'backupJob', operation: 'getAll', returnAll: true, simplify: false }),
		];
		sim.fail({ fault: 'htmlError', match: '/backup/job/' });
		runs.push(await runNode(subject, credentials, get(SUCCEEDED)));
		const token = String(credentials.store.vmwareVcenterApi.sessionToken);
		expect(token.length).toBeGreaterThan(8);
		for (const run of runs) {
			expect(run.text).not.toContain(PASSWORD);
			expect(run.text).not.toContain(token);
		}
	});
});

describe('sign-in', () => {
	it('signs in once for a batch on a fresh credential, not once per concurrent item', async () => {
		const items = Array.from({ length: 12 }, () => ({ id: SUCCEEDED }));
		const result = await runNode(subject, creds(), get('={{ $json.id }}', { options: { concurrentRequests: 5 } }), { items });
		expect(result.items).toHaveLength(12);
		expect(sim.stats.signIns).toBe(1);
	});

	it('an expired session is renewed once for a batch, not once per request in flight', async () => {
		const ids = Array.from({ length: 10 }, (_, n) => `20240401-0${n}0000-21560480`);
		for (const id of ids) sim.addJob({ id, states: ['SUCCEEDED'] });
		// Simplify off reads each job with its own job/{id} call: ten requests, five at a time
		const parameters = get('={{ $json.id }}', { simplify: false, options: { concurrentRequests: 5 } });
		const credentials = creds();
		expect((await runNode(subject, credentials, parameters, { items: [{ id: ids[0] }] })).error).toBeUndefined();
		expect(sim.stats.signIns).toBe(1);
		sim.expireSessions();
		const result = await runNode(subject, credentials, parameters, { items: ids.map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.jobId)).toEqual(ids);
		expect(sim.stats.signIns).toBe(2);
	});
});
