import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackupTrigger } from '../../nodes/HuaweiCloud/HuaweiCloudBackupTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { HuaweiSimulator, POLICY_1, POLICY_2 } from '../simulators/huawei';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackupTrigger', node: new HuaweiCloudBackupTrigger(), credentialType: new HuaweiCloudApi() };

let sim: HuaweiSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new HuaweiSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () =>
	credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, vbsEndpoint: baseUrl, iamEndpoint: baseUrl });
const trigger = (parameters: INodeParameters = {}) =>
	new TriggerRun(subject, creds(), { policyScope: 'one', policyId: { __rl: true, mode: 'id', value: POLICY_1 }, events: ['failed'], lookBackHours: 24, ...parameters });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const taskCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/backuptasks'));
const policyCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/backuppolicy'));

describe('Huawei Cloud Backup Trigger through n8n-core PollContext', () => {
	it('one policy: activation emits nothing; a task seen running is emitted once when it fails', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addTask(POLICY_1, { states: ['RUNNING', 'EXECUTE_FAIL'], code: 'VolumeBackup.0064', message: 'The backup status is error.' });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([id]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'huaweiCloud', state: 'failed', vendorState: 'EXECUTE_FAIL', message: 'The backup status is error. (VolumeBackup.0064)' });
		expect(await run.poll(ctx)).toBeNull();
		// the newest tasks only, one call per poll
		expect(new URLSearchParams(taskCalls().at(-1)!.query).get('sort_dir')).toBe('desc');
		expect(taskCalls()).toHaveLength(4);
		expect(sim.refusedSignatures).toEqual([]);
	});

	it('a server whose pages are smaller than asked: every failed task of the window is emitted', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 2;
		const failed = Array.from({ length: 5 }, () => sim.addTask(POLICY_1, { states: ['EXECUTE_FAIL'] }));
		const items = await run.poll(ctx);
		expect([...ids(items)].sort()).toEqual([...failed].sort());
	});

	it('a service that answers 5 tasks per page: more than three pages of new tasks are all read, the offset moving by 5', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 5;
		const failed = Array.from({ length: 17 }, () => sim.addTask(POLICY_1, { states: ['EXECUTE_FAIL'] }));
		sim.resetStats();
		expect([...ids(await run.poll(ctx))].sort()).toEqual([...failed].sort());
		expect(taskCalls().map((r: { query: string }) => new URLSearchParams(r.query).get('offset')).slice(0, 4)).toEqual(['0', '5', '10', '15']);
	});

	it('EXECUTE_TIMEOUT and SKIP (cancelled, as every trigger counts it) are Job Failed; SKIP is never Job Succeeded', async () => {
		const run = trigger({ events: ['failed'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const timedOut = sim.addTask(POLICY_1, { states: ['EXECUTE_TIMEOUT'] });
		sim.addTask(POLICY_1, { states: ['EXECUTE_SUCCESS'] });
		const skip = sim.addTask(POLICY_1, { states: ['SKIP'] });
		expect(ids(await run.poll(ctx)).sort()).toEqual([timedOut, skip].sort());

		const succeeded = trigger({ events: ['succeeded'] });
		const sctx = succeeded.context();
		expect(await succeeded.poll(sctx)).toBeNull();
		sim.addTask(POLICY_1, { states: ['SKIP'] });
		const ok = sim.addTask(POLICY_1, { states: ['EXECUTE_SUCCESS'] });
		expect(ids(await succeeded.poll(sctx))).toEqual([ok]);

		const finished = trigger({ events: ['finished'] });
		const fctx = finished.context();
		expect(await finished.poll(fctx)).toBeNull();
		const skipped = sim.addTask(POLICY_1, { states: ['SKIP'] });
		const items = await finished.poll(fctx);
		expect(ids(items)).toEqual([skipped]);
		expect(items![0]).toMatchObject({ state: 'cancelled', isSuccess: false });
	});

	it('all policies: one policy list and one task call per policy on each poll', async () => {
		const run = trigger({ policyScope: 'all', events: ['succeeded'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const a = sim.addTask(POLICY_1, { states: ['EXECUTE_SUCCESS'] });
		const b = sim.addTask(POLICY_2, { states: ['RUNNING', 'EXECUTE_SUCCESS'] });
		expect(ids(await run.poll(ctx))).toEqual([a]);
		// plan01's default task went WAITING → RUNNING → EXECUTE_SUCCESS over the three polls
		expect(ids(await run.poll(ctx)).sort()).toEqual([b, '3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10'].sort());
		expect(policyCalls()).toHaveLength(3);
		expect(taskCalls()).toHaveLength(6);
	});

	it('a task that started before the look-back window is not reported', async () => {
		const run = trigger({ lookBackHours: 1 });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.addTask(POLICY_1, { states: ['EXECUTE_FAIL'], ageSeconds: 7200 });
		expect(await run.poll(ctx)).toBeNull();
	});

	it('a Backup Policy with "../" is refused before any request', async () => {
		const run = trigger({ policyId: { __rl: true, mode: 'id', value: '../v3' } });
		await expect(run.poll(run.context())).rejects.toThrow(/Backup Policy/);
		expect(sim.requests).toHaveLength(0);
	});
});
