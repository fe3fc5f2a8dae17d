/**
 * Many jobs, few requests (Cohesity): one read per distinct run, the runs of one protection group
 * from one list call, Get Latest of many groups from the protection-groups list, items equal to the
 * single reads', every parameter checked before the first request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator, DEFAULT_GROUP_ID, EMPTY_GROUP_ID, PAGED_GROUP_ID } from '../simulators/cohesity';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesity',
	node: new Cohesity(),
	credentialType: new CohesityApi(),
};

const OLDEST = '880:1680005024062490';
const WARNED = '880:1680091424062490';
const FAILED = '880:1680177824062490';
const LATEST = '880:1680264224062490';
const DAILY = (k: number) => `912:${1700000000000000 + k * 86400000000}`;

interface Logged {
	method: string;
	path: string;
	query: string;
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

const creds = () => credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const get = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'protectionGroupRun',
	operation: 'get',
	protectionGroupId: byId('={{ $json.group }}'),
	runId: '={{ $json.run }}',
	...extra,
});
const latest = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'protectionGroupRun',
	operation: 'getLatest',
	protectionGroupId: byId('={{ $json.group }}'),
	...extra,
});
const wait = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const runsOf = (group: string, ...runs: string[]) => runs.map((run) => ({ group, run }));

const logged = () => sim.requests as unknown as Logged[];
const query = (r: Logged) => Object.fromEntries(new URLSearchParams(r.query).entries());
const listCalls = () => logged().filter((r) => r.path.endsWith('/runs'));
const singleCalls = () => logged().filter((r) => /\/runs\/[^/]+$/.test(r.path));
const groupCalls = () => logged().filter((r) => r.path === '/v2/data-protect/protection-groups');

describe('Cohesity Get: the runs of one protection group from one list call', () => {
	it('asks each distinct run once, in a time window around them; each item keeps its pairedItem', async () => {
		const items = runsOf(DEFAULT_GROUP_ID, WARNED, OLDEST, WARNED, FAILED, OLDEST);
		const result = await runNode(subject, creds(), get(), { items });
		expect(result.error).toBeUndefined();
		expect(result.pairedItems).toEqual([0, 1, 2, 3, 4]);
		expect(result.items.map((i) => [i.jobId, i.state])).toEqual([
			[WARNED, 'warning'], [OLDEST, 'succeeded'], [WARNED, 'warning'], [FAILED, 'failed'], [OLDEST, 'succeeded'],
		]);
		result.items.forEach((item) => expectJobStatus(item));
		expect(result.items[2]).toEqual(result.items[0]);
		expect(result.items[2]).not.toBe(result.items[0]);
		expect(logged()).toHaveLength(1);
		expect(query(listCalls()[0])).toMatchObject({
			startTimeUsecs: String(1680005024062490 - 1e6),
			endTimeUsecs: String(1680177824062490 + 1e6),
			numRuns: '500',
			maxResultCount: '100',
			includeObjectDetails: 'false',
		});
		expect([sim.runPolls(OLDEST), sim.runPolls(WARNED), sim.runPolls(FAILED)]).toEqual([1, 1, 1]);
	});

	it.each([
		['Local Backup, simplified', {}],
		['All Copies', { statusScope: 'allCopies' }],
		['Simplify off', { simplify: false }],
	])('items read from the runs list equal those read one by one (%s)', async (_what, extra) => {
		const list = [OLDEST, WARNED, FAILED, LATEST];
		const bulk = await runNode(subject, creds(), get(extra), { items: runsOf(DEFAULT_GROUP_ID, ...list) });
		expect(singleCalls()).toHaveLength(0);
		const alone: IDataObject[] = [];
		for (const run of list) {
			sim.reset();
			sim.resetStats();
			const single = await runNode(subject, creds(), get(extra), { items: runsOf(DEFAULT_GROUP_ID, run) });
			expect(singleCalls()).toHaveLength(1);
			alone.push(single.items[0]);
		}
		expect(bulk.items).toEqual(alone);
	});

	it('five groups: one list call each, whatever the number of items', async () => {
		const groups = Array.from({ length: 5 }, (_, g) => ({
			id: `4594155844987574:1679899218812:${100 + g}`,
			name: `group_${g}`,
			runs: Array.from({ length: 30 }, (_, k) => ({ startTimeUsecs: 1690000000000000 + k * 3600000000, local: ['Succeeded'] })),
		}));
		for (const group of groups) sim.addGroup(group);
		const items = groups.flatMap((group, g) => group.runs.map((run) => ({ group: group.id, run: `${100 + g}:${run.startTimeUsecs}` })));
		const result = await runNode(subject, creds(), get(), { items });
		expect(result.items).toHaveLength(150);
		expect(result.items.every((i) => i.state === 'succeeded')).toBe(true);
		expect(result.pairedItems).toEqual(items.map((_, k) => k));
		expect(listCalls()).toHaveLength(5);
		expect(logged()).toHaveLength(5);
	});

	it('a run the list leaves out is read by its id', async () => {
		sim.addRun(DEFAULT_GROUP_ID, { startTimeUsecs: 1680100000000000, local: ['Succeeded'], listed: false });
		const hidden = '880:1680100000000000';
		const result = await runNode(subject, creds(), get(), { items: runsOf(DEFAULT_GROUP_ID, OLDEST, hidden, WARNED) });
		expect(result.items.map((i) => i.jobId)).toEqual([OLDEST, hidden, WARNED]);
		expect(listCalls()).toHaveLength(1);
		expect(singleCalls().map((r) => decodeURIComponent(r.path.split('/').pop()!))).toEqual([hidden]);
	});

	it('runs far apart: the list is read up to 500 runs, and what it did not reach is read by id', async () => {
		await restart({ maxPageSize: 10 });
		// close together: one page of the cluster's 10 holds them
		const near = await runNode(subject, creds(), get(), { items: runsOf(PAGED_GROUP_ID, DAILY(249), DAILY(241), DAILY(245)) });
		expect(near.items.map((i) => i.jobId)).toEqual([DAILY(249), DAILY(241), DAILY(245)]);
		expect(listCalls()).toHaveLength(1);
		expect(singleCalls()).toHaveLength(0);

		// far apart: 5 pages (the 500-run cap in pages of 100, here 50 runs in pages of 10), then by id
		sim.resetStats();
		const far = await runNode(subject, creds(), get(), { items: runsOf(PAGED_GROUP_ID, DAILY(249), DAILY(0), DAILY(245)) });
		expect(far.items.map((i) => i.jobId)).toEqual([DAILY(249), DAILY(0), DAILY(245)]);
		expect(listCalls()).toHaveLength(5);
		expect(listCalls()[4].query).toMatch(/paginationCookie=/);
		expect(singleCalls().map((r) => decodeURIComponent(r.path.split('/').pop()!))).toEqual([DAILY(0)]);
	});

	it('an unknown run fails alone with the 404 of its single read', async () => {
		const result = await runNode(subject, creds(), get(), { items: runsOf(DEFAULT_GROUP_ID, OLDEST, '880:1680005024062491', WARNED), continueOnFail: true });
		expect(result.pairedItems).toEqual([0, 1, 2]);
		expect(result.items[1]).toEqual({ error: expect.stringContaining('Cohesity answered 404') });
		expect(result.items[2]).toMatchObject({ jobId: WARNED });
	});
});

describe('Cohesity Get Latest of many groups from the protection-groups list', () => {
	it('one groups call with the ids and last-run info; a group without runs falls back and fails alone', async () => {
		const items = [DEFAULT_GROUP_ID, PAGED_GROUP_ID, EMPTY_GROUP_ID, DEFAULT_GROUP_ID].map((group) => ({ group }));
		const result = await runNode(subject, creds(), latest(), { items, continueOnFail: true });
		expect(result.pairedItems).toEqual([0, 1, 2, 3]);
		expect(result.items[0]).toMatchObject({ jobId: LATEST, jobName: 'cassandra_UInew', state: 'queued' });
		expect(result.items[1]).toMatchObject({ jobId: DAILY(249), jobName: 'vmware_prod', state: 'warning' });
		expect(result.items[2]).toEqual({ error: expect.stringContaining('has no runs yet') });
		expect(result.items[3]).toEqual(result.items[0]);
		expect(groupCalls()).toHaveLength(1);
		expect(query(groupCalls()[0])).toMatchObject({ ids: [DEFAULT_GROUP_ID, PAGED_GROUP_ID, EMPTY_GROUP_ID].join(','), includeLastRunInfo: 'true' });
		expect(listCalls().map((r) => decodeURIComponent(r.path.split('/')[4]))).toEqual([EMPTY_GROUP_ID]);
		expect(sim.runPolls(LATEST)).toBe(1);
	});

	it('equals Get Latest read from the runs list, and a group listed without its last run is read that way', async () => {
		const bulk = await runNode(subject, creds(), latest({ statusScope: 'allCopies' }), { items: [{ group: DEFAULT_GROUP_ID }, { group: PAGED_GROUP_ID }] });
		const alone: IDataObject[] = [];
		for (const group of [DEFAULT_GROUP_ID, PAGED_GROUP_ID]) {
			sim.reset();
			alone.push((await runNode(subject, creds(), latest({ statusScope: 'allCopies' }), { items: [{ group }] })).items[0]);
		}
		expect(bulk.items).toEqual(alone);

		sim.reset();
		sim.addGroup({ id: '4594155844987574:1679899218812:990', name: 'no_summary', lastRunInfo: false, runs: [{ startTimeUsecs: 1690000000000000, local: ['Running'] }] });
		sim.resetStats();
		const mixed = await runNode(subject, creds(), latest(), { items: [{ group: DEFAULT_GROUP_ID }, { group: '4594155844987574:1679899218812:990' }] });
		expect(mixed.items.map((i) => i.jobId)).toEqual([LATEST, '990:1690000000000000']);
		expect(groupCalls()).toHaveLength(1);
		expect(listCalls()).toHaveLength(1);
	});

	it('with Simplify off, each group is read from its runs list', async () => {
		const result = await runNode(subject, creds(), latest({ simplify: false }), { items: [{ group: DEFAULT_GROUP_ID }, { group: PAGED_GROUP_ID }] });
		expect(result.items.map((i) => (i.details as IDataObject).id)).toEqual([LATEST, DAILY(249)]);
		expect(groupCalls()).toHaveLength(0);
		expect(listCalls()).toHaveLength(2);
	});
});

describe('Cohesity Wait for Completion asks each distinct unfinished run once a round', () => {
	it('items of two groups sharing runs: one list call per group with unfinished runs', async () => {
		sim.addRun(DEFAULT_GROUP_ID, { startTimeUsecs: 1680300000000000, local: ['Accepted', 'Running', 'Running', 'Succeeded'] });
		sim.addRun(PAGED_GROUP_ID, { startTimeUsecs: 1730000000000000, local: ['Running', 'Failed'] });
		const slowRun = '880:1680300000000000';
		const otherRun = '912:1730000000000000';
		const base = [...runsOf(DEFAULT_GROUP_ID, slowRun, LATEST, OLDEST), ...runsOf(PAGED_GROUP_ID, otherRun)];
		const items = Array.from({ length: 20 }, (_, k) => base[k % base.length]);
		const result = await runNode(subject, creds(), get(wait), { items });
		expect(result.error).toBeUndefined();
		expect(result.pairedItems).toEqual(items.map((_, k) => k));
		expect(result.items.map((i) => i.state)).toEqual(items.map((i) => (i.run === otherRun ? 'failed' : 'succeeded')));
		// first read: both groups; then rounds for the unfinished runs only
		expect([sim.runPolls(slowRun), sim.runPolls(LATEST), sim.runPolls(OLDEST), sim.runPolls(otherRun)]).toEqual([4, 3, 1, 2]);
		// lists of group 880: 3 runs, then 2, then 2; by id: run 912 (alone in its group) twice, then the slow run alone
		expect(listCalls()).toHaveLength(3);
		expect(singleCalls().map((r) => decodeURIComponent(r.path.split('/').pop()!))).toEqual([otherRun, otherRun, slowRun]);
	});
});

describe('Cohesity: every item checked before the first request', () => {
	it.each([
		['Poll Interval 0', get({ ...wait, pollInterval: '={{ $json.bad ? 0 : 1 }}' }), /Poll Interval parameter must be a whole number/],
		['a malformed Run ID', get({ runId: '={{ $json.bad ? "bad" : $json.run }}' }), /Run ID parameter "bad" is not in the expected format/],
		['Limit 0', { resource: 'protectionGroupRun', operation: 'getAll', protectionGroupId: byId(DEFAULT_GROUP_ID), limit: '={{ $json.bad ? 0 : 5 }}' }, /Limit parameter must be a whole number/],
	])('%s of the last item stops the node before any request', async (_what, parameters, message) => {
		const items = [...runsOf(DEFAULT_GROUP_ID, OLDEST, WARNED), { group: DEFAULT_GROUP_ID, run: FAILED, bad: true }];
		const result = await runNode(subject, creds(), parameters as INodeParameters, { items });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(message);
		expect(sim.stats.requests).toBe(0);
	});

	it('with Continue On Fail, the bad item fails alone and the others still run', async () => {
		const items = [...runsOf(DEFAULT_GROUP_ID, OLDEST), { group: DEFAULT_GROUP_ID, run: 'bad' }, ...runsOf(DEFAULT_GROUP_ID, WARNED)];
		const result = await runNode(subject, creds(), get(), { items, continueOnFail: true });
		expect(result.pairedItems).toEqual([0, 1, 2]);
		expect(result.items[1]).toEqual({ error: expect.stringMatching(/Run ID parameter "bad"/) });
		expect(result.items[2]).toMatchObject({ jobId: WARNED });
		expect(logged()).toHaveLength(1);
	});
});

describe('Cohesity: Concurrent Requests bounds everything the node sends', () => {
	it('peak in flight at the cluster stays at Concurrent Requests across groups, fill-ins and rounds', async () => {
		await restart({ latencyMs: 20 });
		const groups = Array.from({ length: 12 }, (_, g) => ({
			id: `4594155844987574:1679899218812:${200 + g}`,
			name: `g${g}`,
			runs: [0, 1, 2].map((k) => ({ startTimeUsecs: 1690000000000000 + k * 3600000000, local: ['Running', 'Succeeded'], listed: k !== 1 })),
		}));
		for (const group of groups) sim.addGroup(group);
		const items = groups.flatMap((group, g) => group.runs.map((run) => ({ group: group.id, run: `${200 + g}:${run.startTimeUsecs}` })));
		const result = await runNode(subject, creds(), get({ ...wait, options: { concurrentRequests: 4 } }), { items });
		expect(result.items.every((i) => i.state === 'succeeded')).toBe(true);
		expect(singleCalls().length).toBeGreaterThanOrEqual(12);
		expect(sim.stats.peakInFlight).toBe(4);
	});
});
