/**
 * Many jobs, few requests (vCenter): one read per distinct job, `job/details` for 50 jobs at once,
 * items equal to what `job/{id}` gives, every parameter checked before the first request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenter',
	node: new VmwareVcenter(),
	credentialType: new VmwareVcenterApi(),
};

interface Logged {
	method: string;
	path: string;
	query: string;
}

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

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const get = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupJob', operation: 'get', jobId: byId('={{ $json.id }}'), ...extra });
const wait = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const ids = (...list: string[]) => list.map((id) => ({ id }));

const logged = () => sim.requests as unknown as Logged[];
const detailsCalls = () => logged().filter((r) => r.path.endsWith('/job/details'));
const jobCalls = () => logged().filter((r) => /\/job\/[^/]+$/.test(r.path) && !r.path.endsWith('/details'));
const askedIds = (r: Logged) => new URLSearchParams(r.query).getAll('jobs');

function seedJobs(count: number, states: string[] = ['SUCCEEDED'], prefix = '20240501') {
	const list = Array.from({ length: count }, (_, k) => `${prefix}-${String(k).padStart(6, '0')}-1`);
	for (const id of list) sim.addJob({ id, states });
	return list;
}

describe('vCenter: one read per distinct job', () => {
	it('items that ask about the same job share one details call; each keeps its own item and pairedItem', async () => {
		const items = ids(SUCCEEDED, FAILED, SUCCEEDED, SUCCEEDED, FAILED);
		const result = await runNode(subject, creds(), get(), { items });
		expect(result.error).toBeUndefined();
		expect(result.pairedItems).toEqual([0, 1, 2, 3, 4]);
		expect(result.items.map((i) => i.jobId)).toEqual([SUCCEEDED, FAILED, SUCCEEDED, SUCCEEDED, FAILED]);
		result.items.forEach((item) => expectJobStatus(item));
		expect(detailsCalls()).toHaveLength(1);
		expect(askedIds(detailsCalls()[0])).toEqual([SUCCEEDED, FAILED]);
		expect(jobCalls()).toHaveLength(0);
		// equal items, but each its own object: a node downstream that edits one edits only that one
		expect(result.items[2]).toEqual(result.items[0]);
		expect(result.items[2]).not.toBe(result.items[0]);
		expect(sim.jobPolls(SUCCEEDED)).toBe(1);
	});

	it('120 distinct jobs take 3 details calls of 40, besides the sign-in', async () => {
		const list = seedJobs(120);
		const result = await runNode(subject, creds(), get(), { items: ids(...list) });
		expect(result.items).toHaveLength(120);
		expect(result.pairedItems).toEqual(list.map((_, k) => k));
		expect(result.items.map((i) => i.jobId)).toEqual(list);
		expect(detailsCalls().map((r) => askedIds(r).length)).toEqual([40, 40, 40]);
		expect(sim.stats.requests).toBe(3 + 1);
		expect(sim.stats.signIns).toBe(1);
	});

	it('an item answered by job/details equals the item job/{id} gives, for every state and message', async () => {
		sim.addJob({ id: '20240316-020000-1', states: ['INPROGRESS'], detailsStatus: 'BLOCKED' });
		sim.addJob({ id: '20240317-020000-1', states: ['NONE'] });
		sim.addJob({ id: '20240318-020000-1', states: ['INPROGRESS'] });
		const list = [SUCCEEDED, FAILED, '20240316-020000-1', '20240317-020000-1', '20240318-020000-1'];
		const bulk = await runNode(subject, creds(), get(), { items: ids(...list) });
		expect(detailsCalls()).toHaveLength(1);
		const alone: IDataObject[] = [];
		for (const id of list) {
			sim.resetStats();
			const single = await runNode(subject, creds(), get(), { items: ids(id) });
			expect(jobCalls()).toHaveLength(1);
			alone.push(single.items[0]);
		}
		expect(bulk.items).toEqual(alone);
		expect(bulk.items.map((i) => [i.vendorState, i.state])).toEqual([
			['SUCCEEDED', 'succeeded'],
			['FAILED', 'failed'],
			['INPROGRESS', 'running'],
			['NONE', 'queued'],
			['INPROGRESS', 'running'],
		]);
		expect(bulk.items[1].message).toBe('Backup job failed.');
	});

	it('a details status the node cannot translate: that job is read alone, so its item equals Get of it alone', async () => {
		sim.addJob({ id: '20240320-020000-1', states: ['INPROGRESS'], detailsStatus: 'SUSPENDED' });
		const list = [SUCCEEDED, '20240320-020000-1', FAILED];
		const bulk = await runNode(subject, creds(), get(), { items: ids(...list) });
		expect(detailsCalls()).toHaveLength(1);
		expect(jobCalls().map((r) => r.path.split('/').pop())).toEqual(['20240320-020000-1']);
		expect(bulk.items[1]).toMatchObject({ jobId: '20240320-020000-1', vendorState: 'INPROGRESS', state: 'running' });
		sim.resetStats();
		const alone = await runNode(subject, creds(), get(), { items: ids('20240320-020000-1') });
		expect(bulk.items[1]).toEqual(alone.items[0]);
	});

	it('a job the details answer lacks is read by job/{id}, and a job asked twice is asked once', async () => {
		sim.addJob({ id: '20240319-020000-1', states: ['SUCCEEDED'], inDetails: false });
		const items = ids(SUCCEEDED, '20240319-020000-1', FAILED, '20240319-020000-1');
		const result = await runNode(subject, creds(), get(), { items });
		expect(result.items.map((i) => [i.jobId, i.state])).toEqual([
			[SUCCEEDED, 'succeeded'],
			['20240319-020000-1', 'succeeded'],
			[FAILED, 'failed'],
			['20240319-020000-1', 'succeeded'],
		]);
		expect(result.pairedItems).toEqual([0, 1, 2, 3]);
		expect(detailsCalls()).toHaveLength(1);
		expect(askedIds(detailsCalls()[0])).toEqual([SUCCEEDED, '20240319-020000-1', FAILED]);
		expect(jobCalls().map((r) => r.path.split('/').pop())).toEqual(['20240319-020000-1']);
	});

	it('an unknown id (details answers 404 for the whole list) costs a few split calls and fails only its items', async () => {
		const list = seedJobs(8);
		const items = ids(...list.slice(0, 5), '20990101-000000-0', ...list.slice(5), '20990101-000000-0');
		const result = await runNode(subject, creds(), get(), { items, continueOnFail: true });
		expect(result.pairedItems).toEqual(items.map((_, k) => k));
		expect(result.items[5]).toEqual({ error: expect.stringContaining('Backup job not found') });
		expect(result.items[9]).toEqual({ error: expect.stringContaining('Backup job not found') });
		expect(result.items.filter((i) => i.state === 'succeeded')).toHaveLength(8);
		// 9 distinct ids: all 9 (404), 5 known, 4 (404), 2 (404), the unknown one (404), 1, 2; then its job/{id} (404)
		expect(detailsCalls().map((r) => askedIds(r).length)).toEqual([9, 5, 4, 2, 1, 1, 2]);
		expect(jobCalls().map((r) => r.path.split('/').pop())).toEqual(['20990101-000000-0']);
		expect(sim.jobPolls(list[0])).toBe(1);
	});

	it('with Simplify off, each distinct job is read by job/{id}, whose record `details` holds', async () => {
		const result = await runNode(subject, creds(), get({ simplify: false }), { items: ids(SUCCEEDED, FAILED, SUCCEEDED) });
		expect(result.items.map((i) => (i.details as IDataObject).state)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
		expect(detailsCalls()).toHaveLength(0);
		expect(jobCalls()).toHaveLength(2);
	});

	it('Get Details of many jobs reads them 50 at a time, each job once', async () => {
		const list = seedJobs(60);
		const result = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getDetails', jobId: byId('={{ $json.id }}') }, { items: ids(...list, list[0]) });
		expect(result.items).toHaveLength(61);
		expect(result.items[60]).toEqual(result.items[0]);
		expect(result.pairedItems).toEqual(Array.from({ length: 61 }, (_, k) => k));
		expect(detailsCalls().map((r) => askedIds(r).length)).toEqual([30, 30]);
	});

	it('keeps no more requests in flight than Concurrent Requests, across bulk and single reads', async () => {
		await sim.stop();
		sim = new VcenterSimulator({ latencyMs: 20 });
		baseUrl = await sim.start();
		const list = seedJobs(300);
		for (const id of list.slice(0, 40)) sim.addJob({ id, states: ['SUCCEEDED'], inDetails: false });
		const result = await runNode(subject, creds(), get({ options: { concurrentRequests: 3 } }), { items: ids(...list) });
		expect(result.items).toHaveLength(300);
		expect(jobCalls()).toHaveLength(40);
		expect(sim.stats.peakInFlight).toBe(3);
	});
});

describe('vCenter: Get Many reads its details calls side by side', () => {
	it('300 jobs: a details call per 50, as many in flight as Concurrent Requests, the same items in the same order', async () => {
		await sim.stop();
		sim = new VcenterSimulator({ latencyMs: 20 });
		baseUrl = await sim.start();
		seedJobs(300);
		const credentials = creds();
		const many = (concurrentRequests: number): INodeParameters => ({ resource: 'backupJob', operation: 'getAll', returnAll: true, options: { concurrentRequests } });
		const oneAtATime = await runNode(subject, credentials, many(1));
		expect(sim.stats.peakInFlight).toBe(1);
		sim.resetStats();
		const result = await runNode(subject, credentials, many(3));
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThanOrEqual(300);
		// The simulator's own jobs move on each read; the order is what must not change.
		expect(result.items.map((i) => i.jobId)).toEqual(oneAtATime.items.map((i) => i.jobId));
		expect(detailsCalls()).toHaveLength(Math.ceil(result.items.length / 50));
		expect(sim.stats.peakInFlight).toBe(3);
	});
});

describe('vCenter: the first request goes alone only to sign in', () => {
	it('on a fresh credential the first details call goes alone; once a session is stored, both go out together', async () => {
		await sim.stop();
		sim = new VcenterSimulator({ latencyMs: 30 });
		baseUrl = await sim.start();
		const list = seedJobs(100);
		const credentials = creds();
		await runNode(subject, credentials, get(), { items: ids(...list) });
		expect(sim.stats.signIns).toBe(1);
		expect(detailsCalls()).toHaveLength(2);
		expect(sim.stats.peakInFlight).toBe(1);
		sim.resetStats();
		await runNode(subject, credentials, get(), { items: ids(...list) });
		expect(detailsCalls()).toHaveLength(2);
		expect(sim.stats.peakInFlight).toBe(2);
	});
});

describe('vCenter: Wait for Completion asks each distinct unfinished job once a round', () => {
	it('24 items sharing 3 jobs: one details call per round for the unfinished jobs', async () => {
		sim.addJob({ id: 'a', states: ['NONE', 'INPROGRESS', 'INPROGRESS', 'SUCCEEDED'] });
		sim.addJob({ id: 'b', states: ['INPROGRESS', 'FAILED'] });
		sim.addJob({ id: 'c', states: ['SUCCEEDED'] });
		const items = Array.from({ length: 24 }, (_, k) => ({ id: ['a', 'b', 'c'][k % 3] }));
		const result = await runNode(subject, creds(), get(wait), { items });
		expect(result.error).toBeUndefined();
		expect(result.pairedItems).toEqual(items.map((_, k) => k));
		expect(result.items.map((i) => i.state)).toEqual(items.map((i) => ({ a: 'succeeded', b: 'failed', c: 'succeeded' })[i.id]));
		// polls = distinct unfinished jobs per round: 3, then a and b, then a, then a
		expect([sim.jobPolls('a'), sim.jobPolls('b'), sim.jobPolls('c')]).toEqual([4, 2, 1]);
		expect(detailsCalls().map(askedIds)).toEqual([['a', 'b', 'c'], ['a', 'b']]);
		expect(jobCalls()).toHaveLength(2);
	});

	it('Get Latest over many items reads the newest job once and waits on it once a round', async () => {
		const items = Array.from({ length: 10 }, () => ({}));
		const result = await runNode(subject, creds(), { resource: 'backupJob', operation: 'getLatest', ...wait }, { items });
		expect(result.items).toHaveLength(10);
		expect(result.items.every((i) => i.state === 'succeeded')).toBe(true);
		expect(sim.jobPolls('20240315-020002-21560480')).toBe(3);
		expect(logged().filter((r) => r.path.endsWith('/backup/job'))).toHaveLength(1);
	});
});

describe('vCenter: every item checked before the first request', () => {
	it.each([
		['Poll Interval 0', get({ ...wait, pollInterval: '={{ $json.id === "bad" ? 0 : 1 }}' }), /Poll Interval parameter must be a whole number/],
		['Timeout 0', get({ ...wait, waitTimeout: '={{ $json.id === "bad" ? 0 : 30 }}' }), /Timeout parameter must be a whole number/],
		['an empty id', get({ jobId: byId('={{ $json.id === "bad" ? "" : $json.id }}') }), /Backup Job parameter is empty/],
		['Limit 0', { resource: 'backupJob', operation: 'getAll', limit: '={{ $json.id === "bad" ? 0 : 5 }}' }, /Limit parameter must be a whole number/],
	])('%s of the last item stops the node before the sign-in or any GET', async (_what, parameters, message) => {
		const result = await runNode(subject, creds(), parameters as INodeParameters, { items: ids(SUCCEEDED, FAILED, 'bad') });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 2\]/);
		expect(sim.stats.requests).toBe(0);
		expect(sim.stats.signIns).toBe(0);
	});

	it('with Continue On Fail, the bad item fails alone and the others still run', async () => {
		const parameters = get({ ...wait, pollInterval: '={{ $json.id === "bad" ? 0 : 1 }}' });
		const result = await runNode(subject, creds(), parameters, { items: ids(SUCCEEDED, 'bad', FAILED), continueOnFail: true });
		expect(result.pairedItems).toEqual([0, 1, 2]);
		expect(result.items[0]).toMatchObject({ jobId: SUCCEEDED, state: 'succeeded' });
		expect(result.items[1]).toEqual({ error: expect.stringMatching(/Poll Interval parameter must be a whole number/) });
		expect(result.items[2]).toMatchObject({ jobId: FAILED, state: 'failed' });
		expect(askedIds(detailsCalls()[0])).toEqual([SUCCEEDED, FAILED]);
	});
});
