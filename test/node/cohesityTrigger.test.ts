import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { CohesityTrigger } from '../../nodes/Cohesity/CohesityTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator, DEFAULT_GROUP_ID, EMPTY_GROUP_ID, PAGED_GROUP_ID } from '../simulators/cohesity';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesityTrigger',
	node: new CohesityTrigger(),
	credentialType: new CohesityApi(),
};

let sim: CohesitySimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CohesitySimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const apiKey = () => credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey });

function trigger(parameters: INodeParameters = {}, credentials = apiKey()) {
	return new TriggerRun(subject, credentials, { groupScope: 'selected', protectionGroupIds: [DEFAULT_GROUP_ID], events: ['failed'], lookBackHours: 24, ...parameters });
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const runsCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/runs'));
const groupCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/protection-groups'));

describe('Cohesity Trigger through n8n-core PollContext', () => {
	it('one group: activation emits nothing, then a run seen running is emitted once when it fails', async () => {
		sim.addRecentRun({ local: ['Failed'], ageSeconds: 7200 }); // a recent failure before activation
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addRecentRun({ local: ['Running', 'Failed'] });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([id]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({
			vendor: 'cohesity', jobName: 'cassandra_UInew', state: 'failed', vendorState: 'Failed',
			message: 'Backup failed for 1 object(s). See object details for errors.',
		});
		expect(await run.poll(ctx)).toBeNull();
		// the window and the cap are in the query: the cluster answers the recent runs only
		const query = new URLSearchParams(runsCalls().at(-1)!.query);
		expect(Number(query.get('startTimeUsecs'))).toBeGreaterThan((Date.now() - 25 * 3_600_000) * 1000);
		expect(query.get('numRuns')).toBe('200');
	});

	it('several groups cost one runs call each; Finished With Warning fires for SucceededWithWarning only', async () => {
		const run = trigger({ protectionGroupIds: [DEFAULT_GROUP_ID, PAGED_GROUP_ID], events: ['warning'] });
		const ctx = run.context();
		await run.poll(ctx);
		const warned = sim.addRecentRun({ groupId: PAGED_GROUP_ID, local: ['SucceededWithWarning'], messages: ['Number of files skipped due to errors 2'] });
		sim.addRecentRun({ groupId: DEFAULT_GROUP_ID, local: ['Succeeded'] });
		sim.resetStats();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([warned]);
		expect(items![0]).toMatchObject({ state: 'warning', isSuccess: true, jobName: 'vmware_prod' });
		expect(runsCalls()).toHaveLength(2);
	});

	it('All Protection Groups: one list call per poll; a group\'s runs are read only when its last run is new', async () => {
		const run = trigger({ groupScope: 'all' });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		expect(runsCalls()).toHaveLength(0);
		sim.resetStats();
		expect(await run.poll(ctx)).toBeNull();
		expect(sim.stats.requests).toBe(1); // nothing new: the group list alone

		// Between two polls a run fails and the next one starts: the list shows only the newer one.
		const failed = sim.addRecentRun({ local: ['Failed'], ageSeconds: 600 });
		// every answer that shows a run moves it one state on: it is still running after this poll's two reads
		const running = sim.addRecentRun({ local: ['Running', 'Running', 'Succeeded'], ageSeconds: 60 });
		sim.resetStats();
		expect(ids(await run.poll(ctx))).toEqual([failed]);
		expect(runsCalls()).toHaveLength(1);
		expect(groupCalls()).toHaveLength(1);
		expect(run.staticData.jobTrigger).toMatchObject({ open: [running] });
		sim.resetStats();
		expect(await run.poll(ctx)).toBeNull();
		expect(sim.stats.requests).toBe(1);
	});

	it('All Protection Groups with a cluster that answers one group per page: a group past the tenth page is watched too', async () => {
		sim.maxPageSize = 1;
		const extra = Array.from({ length: 12 }, (_, n) => ({ id: `4594155844987574:1679899218812:${5000 + n}`, name: `zz_${String(n).padStart(2, '0')}`, runs: [] }));
		for (const group of extra) sim.addGroup(group);
		const run = trigger({ groupScope: 'all' });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		// the group listed last (by name), past the tenth page of one group each
		const failed = sim.addRecentRun({ groupId: extra[11].id, local: ['Failed'], ageSeconds: 60 });
		sim.resetStats();
		expect(ids(await run.poll(ctx))).toEqual([failed]);
		expect(groupCalls().length).toBeGreaterThan(10);
	});

	it('All Protection Groups never reports what ended before activation, even once the group is read closer', async () => {
		sim.addRecentRun({ local: ['Failed'], ageSeconds: 5000 }); // not the last run: the list never shows it
		sim.addRecentRun({ local: ['Succeeded'], ageSeconds: 4000 });
		const run = trigger({ groupScope: 'all' });
		const ctx = run.context();
		await run.poll(ctx);
		const fresh = sim.addRecentRun({ local: ['Failed'], ageSeconds: 100 });
		expect(ids(await run.poll(ctx))).toEqual([fresh]);
	});

	it('Status Scope decides when a run counts as ended; changing it starts over', async () => {
		const run = trigger({ statusScope: 'allCopies', events: ['finished'] });
		const ctx = run.context();
		await run.poll(ctx);
		const id = sim.addRun(DEFAULT_GROUP_ID, {
			startTimeUsecs: (Date.now() - 60_000) * 1000,
			local: ['Succeeded'],
			replication: [{ name: 'dr-cluster-01', id: 1, states: ['Running', 'Failed'] }],
		});
		expect(await run.poll(ctx)).toBeNull(); // the local backup is done, its replication runs
		expect(await run.poll(ctx)).toEqual([expect.objectContaining({ jobId: id, state: 'failed', vendorState: 'Succeeded/Failed' })]);
		run.parameters = { statusScope: 'localBackup' };
		expect(await run.poll(ctx)).toBeNull();
	});

	it('password sign-in: one sign-in across polls, and exactly one more when the token expired', async () => {
		const credentials = credentialsFor(subject, { baseUrl, authMethod: 'password', username: sim.username, password: sim.password, domain: 'LOCAL' });
		const run = trigger({}, credentials);
		const ctx = run.context();
		await run.poll(ctx);
		await run.poll(ctx);
		expect(sim.stats.signIns).toBe(1);
		sim.expireSessions();
		const id = sim.addRecentRun({ local: ['Failed'] });
		expect(ids(await run.poll(ctx))).toEqual([id]);
		expect(sim.stats.signIns).toBe(2);
	});

	it('a failing poll (the cluster answers 404) loses and repeats nothing', async () => {
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		const id = sim.addRecentRun({ local: ['Failed'] });
		sim.fail({ fault: 'notFound', match: '/runs' });
		await expect(run.poll(ctx)).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(ids(await run.poll(ctx))).toEqual([id]);
		expect(await run.poll(ctx)).toBeNull();
	});

	it('Fetch Test Event returns the newest matching run without a state', async () => {
		const older = sim.addRecentRun({ local: ['Failed'], ageSeconds: 3000 });
		const newer = sim.addRecentRun({ local: ['Failed'], ageSeconds: 1000 });
		const run = trigger({ groupScope: 'all' });
		expect(ids(await run.poll(run.context('manual', 'manual')))).toEqual([newer]);
		const one = trigger();
		expect(ids(await one.poll(one.context('manual', 'manual')))).toEqual([newer]);
		expect(older).not.toBe(newer);
		expect(run.staticData).toBeUndefined();
		const empty = trigger({ protectionGroupIds: [EMPTY_GROUP_ID] });
		await expect(empty.poll(empty.context('manual', 'manual'))).rejects.toMatchObject({ message: 'No backup job matched the filter' });
	});

	it.each<[string, INodeParameters, RegExp]>([
		['no group chosen', { protectionGroupIds: [] }, /no group chosen/],
		['a group id of the wrong shape', { protectionGroupIds: ['880'] }, /not in the expected format/],
		['no event', { events: [] }, /no event chosen/],
		['a look-back that is not positive', { lookBackHours: -1 }, /Look Back must be a positive number/],
	])('refuses %s at activation, before any request', async (_label, parameters, message) => {
		const run = trigger(parameters);
		await expect(run.poll(run.context())).rejects.toMatchObject({ name: 'NodeOperationError', message: expect.stringMatching(message) });
		expect(sim.stats.requests).toBe(0);
	});

	it('a cluster that answers 2 runs per page: more than three pages of new runs are all read, cookie after cookie', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 2;
		const failed = Array.from({ length: 7 }, (_, n) => sim.addRecentRun({ local: ['Failed'], ageSeconds: 60 + n }));
		sim.resetStats();
		expect(ids(await run.poll(ctx)).sort()).toEqual([...failed].sort());
		expect(runsCalls().length).toBeGreaterThanOrEqual(4);
		expect(runsCalls().slice(1).every((r: { query: string }) => new URLSearchParams(r.query).has('paginationCookie'))).toBe(true);
	});

	it('accepts several group ids as a comma-separated expression result', async () => {
		const run = trigger({ protectionGroupIds: `${DEFAULT_GROUP_ID}, ${PAGED_GROUP_ID}` });
		await run.poll(run.context());
		expect(runsCalls()).toHaveLength(2);
	});

	it('costs one request per poll and group whatever the history size (10,000 finished runs)', async () => {
		sim.addHistory(DEFAULT_GROUP_ID, 10_000);
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		sim.addRecentRun({ local: ['Failed'], ageSeconds: 100 });
		sim.resetStats();
		expect(await run.poll(ctx)).toHaveLength(1);
		expect(sim.stats.requests).toBe(1);
	});
});
