/**
 * Cohesity Trigger → Job Types: recoveries beside the backup runs, so a failed restore opens a ticket
 * too. The default (backup runs only) reads no recovery and keeps the state of triggers saved before.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { CohesityTrigger } from '../../nodes/Cohesity/CohesityTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator, DEFAULT_GROUP_ID } from '../simulators/cohesity';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.cohesityTrigger', node: new CohesityTrigger(), credentialType: new CohesityApi() };

let sim: CohesitySimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CohesitySimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const trigger = (parameters: INodeParameters = {}, staticData: IDataObject = {}) =>
	new TriggerRun(
		subject,
		credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey }),
		{ groupScope: 'selected', protectionGroupIds: [DEFAULT_GROUP_ID], events: ['failed'], lookBackHours: 24, ...parameters },
		staticData,
	);
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const recoveryCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/data-protect/recoveries'));
const runsCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/runs'));

describe('Cohesity Trigger → Job Types', () => {
	it('default (backup runs only): no recovery is read, a failed recovery fires nothing', async () => {
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		sim.addRecovery({ states: ['Failed'] });
		const failedRun = sim.addRecentRun({ local: ['Failed'], ageSeconds: 60 });
		expect(ids(await run.poll(ctx))).toEqual([failedRun]);
		expect(recoveryCalls()).toHaveLength(0);
	});

	it('backup runs and recoveries: a recovery seen running that fails is emitted once, as a restore item; one recoveries call a poll', async () => {
		sim.addRecovery({ states: ['Failed'], ageSeconds: 600 }); // before the activation: never reported
		const run = trigger({ jobTypes: ['backup', 'restore'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const recovery = sim.addRecovery({ name: 'Restore test of web-01', states: ['Running', 'Failed'] });
		const failedRun = sim.addRecentRun({ local: ['Failed'], ageSeconds: 60 });
		sim.resetStats();
		const first = await run.poll(ctx);
		expect(ids(first)).toEqual([failedRun]);
		expect(recoveryCalls()).toHaveLength(1);
		expect(Number(new URLSearchParams(recoveryCalls()[0].query).get('startTimeUsecs'))).toBeGreaterThan((Date.now() - 25 * 3_600_000) * 1000);
		const second = await run.poll(ctx);
		expect(ids(second)).toEqual([recovery]);
		expectJobStatus(second![0]);
		expect(second![0]).toMatchObject({ jobType: 'restore', jobName: 'Restore test of web-01', state: 'failed', vendorState: 'Failed', message: expect.stringMatching(/datastore/) });
		expect(await run.poll(ctx)).toBeNull();
	});

	it('recoveries only: no group needs choosing and no run is read', async () => {
		const run = trigger({ jobTypes: ['restore'], protectionGroupIds: [], events: ['succeeded'] });
		const ctx = run.context();
		await run.poll(ctx);
		const done = sim.addRecovery({ states: ['Succeeded'] });
		expect(ids(await run.poll(ctx))).toEqual([done]);
		expect(runsCalls()).toHaveLength(0);
	});

	it('no job type chosen: an error that says how to fix it, before any request', async () => {
		const run = trigger({ jobTypes: [] });
		await expect(run.poll(run.context())).rejects.toThrow(/Job Types has no job type chosen/);
		expect(sim.requests).toHaveLength(0);
	});

	it('a trigger saved before Job Types goes on from its state when Backup Runs is chosen explicitly', async () => {
		const before = trigger();
		await before.poll(before.context());
		const failed = sim.addRecentRun({ local: ['Failed'], ageSeconds: 60 });
		const after = trigger({ jobTypes: ['backup'] }, before.saved());
		expect(ids(await after.poll(after.context('init')))).toEqual([failed]);
	});
});
