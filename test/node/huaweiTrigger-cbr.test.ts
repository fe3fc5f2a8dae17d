/**
 * The Huawei Cloud trigger on CBR tasks through n8n-core's PollContext: all vaults or chosen vaults, the
 * same events as every trigger, every task of the look-back window read whatever the server's page size,
 * the VBS trigger untouched by default.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackupTrigger } from '../../nodes/HuaweiCloud/HuaweiCloudBackupTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { HuaweiSimulator } from '../simulators/huawei';
import { DISK_A, DISK_B, VAULT_DISKS, VAULT_SERVERS } from '../simulators/huaweiCbr';

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

interface Logged {
	method: string;
	path: string;
	query: string;
}

const creds = () =>
	credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, vbsEndpoint: 'http://127.0.0.1:9', cbrEndpoint: baseUrl, iamEndpoint: baseUrl });
const trigger = (parameters: INodeParameters = {}) => new TriggerRun(subject, creds(), { service: 'cbr', cbrVaultScope: 'all', events: ['failed'], lookBackHours: 24, ...parameters });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const taskCalls = () => (sim.requests as Logged[]).filter((r) => r.path.endsWith('/operation-logs'));

describe('Huawei Cloud Backup Trigger on CBR tasks', () => {
	it('all vaults: activation emits nothing; a task seen running is emitted once when it fails', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.cbr.addTask({ vault_id: VAULT_DISKS, resource_id: DISK_B, states: ['running', 'failed'], error: { code: 'BackupService.6202', message: 'Failed to create the snapshot of the disk.' } });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([id]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'huaweiCloud', jobType: 'backup', state: 'failed', message: 'Failed to create the snapshot of the disk. (BackupService.6202)' });
		expect(await run.poll(ctx)).toBeNull();
		// one task list per poll, the window as CBR's start_time, no vault filter
		expect(taskCalls()).toHaveLength(4);
		const q = new URLSearchParams(taskCalls().at(-1)!.query);
		expect(q.get('start_time')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(q.get('vault_id')).toBeNull();
		expect(sim.refusedSignatures).toEqual([]);
	});

	it('chosen vaults: one task list per vault; another vault\'s failure is not reported', async () => {
		const run = trigger({ cbrVaultScope: 'chosen', cbrVaultIds: [VAULT_SERVERS] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.cbr.addTask({ vault_id: VAULT_DISKS, resource_id: DISK_A, states: ['failed'] });
		const ours = sim.cbr.addTask({ vault_id: VAULT_SERVERS, states: ['timeout'] });
		expect(ids(await run.poll(ctx))).toEqual([ours]);
		expect(taskCalls().map((r) => new URLSearchParams(r.query).get('vault_id'))).toEqual([VAULT_SERVERS, VAULT_SERVERS]);
	});

	it('a server that answers 2 tasks a page: every task of the window is read, the offset moving by 2', async () => {
		const run = trigger({ events: ['succeeded'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 2;
		const done = Array.from({ length: 5 }, () => sim.cbr.addTask({ vault_id: VAULT_DISKS, operation_type: 'restore', states: ['success'] }));
		sim.resetStats();
		const items = await run.poll(ctx);
		// the seeded newest task succeeded meanwhile too
		expect(ids(items).filter((id) => done.includes(String(id))).sort()).toEqual([...done].sort());
		expect(taskCalls().map((r) => new URLSearchParams(r.query).get('offset'))).toEqual([null, '2', '4', '6', '8', '10']);
	});

	it('Task Types: only restores; skipped counts as Job Failed (cancelled)', async () => {
		const run = trigger({ cbrOperationTypes: ['restore'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.cbr.addTask({ vault_id: VAULT_DISKS, operation_type: 'backup', states: ['failed'] });
		const restore = sim.cbr.addTask({ vault_id: VAULT_DISKS, operation_type: 'restore', states: ['skipped'] });
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([restore]);
		expect(items![0]).toMatchObject({ jobType: 'restore', state: 'cancelled', isSuccess: false });
		expect(new URLSearchParams(taskCalls().at(-1)!.query).get('operation_type')).toBe('restore');
	});

	it('an error answer fails the poll, never reads as "no tasks"', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.fail({ fault: 'wrongShape', match: '/operation-logs' });
		await expect(run.poll(ctx)).rejects.toThrow(/a list of CBR tasks was expected/);
	});

	it('Chosen Vaults with none chosen, or an ID with "../", is refused before any request', async () => {
		const none = trigger({ cbrVaultScope: 'chosen', cbrVaultIds: [] });
		await expect(none.poll(none.context())).rejects.toThrow(/No vault is chosen/);
		const bad = trigger({ cbrVaultScope: 'chosen', cbrVaultIds: ['../v2'] });
		await expect(bad.poll(bad.context())).rejects.toThrow(/Vaults/);
		expect(sim.requests).toHaveLength(0);
	});
});
