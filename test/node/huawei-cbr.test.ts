/**
 * Huawei Cloud CBR through n8n's execution code: tasks (Get with Wait for Completion, Get Many with the
 * console's filters and paging under a server cap), vaults (Get Many, Back Up Now with its tasks found
 * by their restore point, or by the backup name after a lost answer), backups (Get Many, Restore refused
 * before any request unless "Overwrite the Target's Data" is on, its task found and followed, never sent
 * twice). Every request is signed and checked by the simulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import example from '../../examples/huawei-cbr-back-up-vault-now.json';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { HuaweiSimulator } from '../simulators/huawei';
import { CBR_BACKUP_1, CBR_BACKUP_2, CBR_FAILED_TASK, CBR_NEWEST_TASK, DISK_A, DISK_B, SERVER_1, VAULT_DISKS, VAULT_SERVERS } from '../simulators/huaweiCbr';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };

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
	credentialsFor(subject, {
		authMethod: 'accessKey',
		accessKeyId: sim.accessKeyId,
		secretAccessKey: sim.secretAccessKey,
		region: sim.region,
		// VBS elsewhere: every CBR request must go to the CBR endpoint
		vbsEndpoint: 'http://127.0.0.1:9',
		cbrEndpoint: baseUrl,
		iamEndpoint: baseUrl,
		projectId: sim.projectId,
	});
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const calls = (suffix: string, method = 'GET') => (sim.requests as Logged[]).filter((r) => r.method === method && r.path.endsWith(suffix));
const queryOf = (r: Logged) => Object.fromEntries(new URLSearchParams(r.query));
const posts = () => (sim.requests as Logged[]).filter((r) => r.method === 'POST');

describe('Huawei Cloud CBR Task', () => {
	const many = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'cbrTask', operation: 'getAll', returnAll: true, ...extra });

	it('Get Many: every task, newest first, with jobType from the operation type and CBR\'s error text', async () => {
		const result = await runNode(subject, creds(), many());
		expect(result.error).toBeUndefined();
		expect(sim.refusedSignatures).toEqual([]);
		expect(calls(`/v3/${sim.projectId}/operation-logs`)).toHaveLength(1);
		expect(result.items).toHaveLength(7);
		for (const item of result.items) expectJobStatus(item);
		const starts = result.items.map((i) => Date.parse(String(i.startedAt)));
		expect([...starts].sort((a, b) => b - a)).toEqual(starts);
		expect(result.items.map((i) => i.jobType)).toEqual(['backup', 'backup', 'restore', 'other', 'backup', 'backup', 'other']);
		expect(result.items.map((i) => i.state)).toEqual(['queued', 'failed', 'succeeded', 'succeeded', 'failed', 'cancelled', 'succeeded']);
		expect(result.items[1]).toMatchObject({
			vendor: 'huaweiCloud',
			jobId: CBR_FAILED_TASK,
			jobName: 'autobk_cbr_02',
			vendorState: 'failed',
			isSuccess: false,
			message: 'Failed to create the snapshot of the disk. (BackupService.6202)',
			progressPercent: 100,
		});
		expect(result.items[1].durationSeconds).toBe(119);
	});

	it('the filters go to CBR as the API names them, times as %YYYY-%mm-%ddT%HH:%MM:%SSZ', async () => {
		const result = await runNode(
			subject,
			creds(),
			many({ cbrTaskFilters: { operationType: 'backup', status: 'failed', vaultId: VAULT_DISKS, resourceId: DISK_B, providerId: 'd1603440-187d-4516-af25-121250c7cc97', startTime: '2020-01-01T00:00:00.250Z', endTime: '2099-01-01T00:00:00Z' } }),
		);
		expect(result.items.map((i) => i.jobId)).toEqual([CBR_FAILED_TASK]);
		expect(queryOf(calls('/operation-logs')[0])).toMatchObject({
			operation_type: 'backup',
			status: 'failed',
			vault_id: VAULT_DISKS,
			resource_id: DISK_B,
			provider_id: 'd1603440-187d-4516-af25-121250c7cc97',
			start_time: '2020-01-01T00:00:00Z',
			end_time: '2099-01-01T00:00:00Z',
		});
	});

	it('Return All pages by offset while the server answers fewer than asked, up to the count', async () => {
		sim.maxPageSize = 2;
		const result = await runNode(subject, creds(), many());
		expect(new Set(result.items.map((i) => i.jobId)).size).toBe(7);
		const pages = calls('/operation-logs').map(queryOf);
		// The first leaves offset 0 out; the others go side by side, so in any order.
		expect(pages[0].offset).toBeUndefined();
		expect(pages.slice(1).map((q) => Number(q.offset)).sort((a, b) => a - b)).toEqual([2, 4, 6]);
	});

	it('a Limit asks for all of it at once, then only for the rest after a short page', async () => {
		sim.maxPageSize = 2;
		const result = await runNode(subject, creds(), many({ returnAll: false, limit: 3 }));
		expect(result.items).toHaveLength(3);
		expect(calls('/operation-logs').map(queryOf).map((q) => [q.limit, q.offset])).toEqual([
			['3', undefined],
			['1', '2'],
		]);
	});

	it('Get with Wait for Completion: polls the one task until it has finished', async () => {
		const result = await runNode(subject, creds(), { resource: 'cbrTask', operation: 'get', cbrTaskId: CBR_NEWEST_TASK, ...waiting });
		expect(result.error).toBeUndefined();
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ jobId: CBR_NEWEST_TASK, state: 'succeeded', vendorState: 'success', jobType: 'backup', jobName: 'autobk_cbr_01', progressPercent: 100 });
		expect(calls(`/operation-logs/${CBR_NEWEST_TASK}`)).toHaveLength(3);
	});

	it('Simplify off adds the task as CBR sent it', async () => {
		const result = await runNode(subject, creds(), { resource: 'cbrTask', operation: 'get', cbrTaskId: CBR_FAILED_TASK, simplify: false });
		expectJobStatus(result.items[0], { details: true });
		expect((result.items[0].details as IDataObject).vault_name).toBe('vault-disks');
	});

	it('an unknown task: CBR\'s own words and code, not "no tasks"', async () => {
		const result = await runNode(subject, creds(), { resource: 'cbrTask', operation: 'get', cbrTaskId: '99999999-8888-4777-8666-555555555555' });
		expect(result.error?.message).toMatch(/does not exist.*BackupService\.6604/);
	});

	it('a Task ID of the wrong shape is refused before any request', async () => {
		const result = await runNode(subject, creds(), { resource: 'cbrTask', operation: 'get', cbrTaskId: '../vaults' });
		expect(result.error?.message).toMatch(/Task ID/);
		expect(sim.requests).toHaveLength(0);
	});

	it('an answer of the wrong shape is an error, never an empty list', async () => {
		sim.fail({ fault: 'wrongShape', match: '/operation-logs' });
		const result = await runNode(subject, creds(), many());
		expect(result.error?.message).toMatch(/Huawei Cloud sent an object of another shape where a list of CBR tasks was expected/);
	});
});

describe('Huawei Cloud CBR Vault', () => {
	const vault = { __rl: true, mode: 'id', value: VAULT_DISKS };
	const backUpNow = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'cbrVault', operation: 'backUpNow', cbrVaultId: vault, ...extra });

	it('Get Many: the vaults with their resources', async () => {
		const result = await runNode(subject, creds(), { resource: 'cbrVault', operation: 'getAll', returnAll: true });
		expect(result.items.map((v) => v.vaultId)).toEqual([VAULT_DISKS, VAULT_SERVERS]);
		expect(result.items[0]).toMatchObject({ name: 'vault-disks', objectType: 'disk', resourceCount: 2, resources: [{ id: DISK_A, name: 'data-disk-01' }, { id: DISK_B }] });
	});

	it('Back Up Now: one signed POST, then one task per disk of the vault, each waited for until success', async () => {
		sim.cbr.settle(CBR_NEWEST_TASK);
		const result = await runNode(subject, creds(), backUpNow(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.refusedSignatures).toEqual([]);
		expect(posts()).toHaveLength(1);
		const [checkpoint] = sim.cbr.checkpoints;
		expect(checkpoint.vaultId).toBe(VAULT_DISKS);
		expect(checkpoint.parameters).toMatchObject({ name: expect.stringMatching(/^manualbk_n8n_[0-9a-z]+_0$/), incremental: true });
		expect(result.items).toHaveLength(2);
		expect(result.items.map((i) => i.jobId).sort()).toEqual([...checkpoint.taskIds].sort());
		for (const item of result.items) {
			expectJobStatus(item);
			expect(item).toMatchObject({ jobType: 'backup', state: 'succeeded', jobName: checkpoint.parameters.name });
		}
	});

	it('Back Up Now: tasks CBR lists only a moment later are looked for again', async () => {
		sim.cbr.settle(CBR_NEWEST_TASK);
		sim.cbr.hiddenLooks = 1;
		const result = await runNode(subject, creds(), backUpNow({ cbrBackupName: 'before-upgrade', cbrIncremental: false }));
		expect(result.items).toHaveLength(2);
		expect(sim.cbr.checkpoints[0].parameters).toEqual({ name: 'before-upgrade', incremental: false });
		expect(posts()).toHaveLength(1);
	});

	it('Back Up Now: a disk being backed up (the seeded newest task) is skipped by CBR; the other one\'s task is the item', async () => {
		const result = await runNode(subject, creds(), backUpNow());
		expect(result.items).toHaveLength(1);
		expect(sim.cbr.checkpoints[0].taskIds).toHaveLength(1);
		expect(result.items[0].jobId).toBe(sim.cbr.checkpoints[0].taskIds[0]);
	});

	it('Back Up Now: every resource busy is an error with CBR\'s reason, not an empty result', async () => {
		sim.cbr.addTask({ vault_id: VAULT_DISKS, resource_id: DISK_B, states: ['running'], operation_type: 'backup' });
		const result = await runNode(subject, creds(), backUpNow());
		expect(result.error?.message).toMatch(/CBR skipped every resource of vault .* so no backup was made \(data-disk-01: The resource is being backed up/);
		expect(posts()).toHaveLength(1);
	});

	it('Back Up Now: a lost answer after CBR acted: the tasks are found by the backup name, nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: '/checkpoints', method: 'POST' });
		const result = await runNode(subject, creds(), backUpNow());
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items.map((i) => i.jobId).sort()).toEqual([...sim.cbr.checkpoints[0].taskIds].sort());
	});

	it('Back Up Now: a lost answer and no task: "may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: '/checkpoints', method: 'POST' });
		const result = await runNode(subject, creds(), backUpNow());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Nothing was sent again/);
		expect(posts()).toHaveLength(1);
	}, 30_000);

	it('Back Up Now: an unknown vault in CBR\'s words', async () => {
		const result = await runNode(subject, creds(), backUpNow({ cbrVaultId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-000000000000' } }));
		expect(result.error?.message).toMatch(/does not exist.*BackupService\.6301/);
	});
});

describe('Huawei Cloud CBR Backup', () => {
	const many = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'cbrBackup', operation: 'getAll', returnAll: true, ...extra });
	const restore = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'cbrBackup', operation: 'restore', cbrRestoreBackupId: CBR_BACKUP_1, cbrVolumeId: DISK_A, cbrOverwrite: true, ...extra });

	it('Get Many: newest first, by vault, what a restore needs', async () => {
		const result = await runNode(subject, creds(), many({ cbrVaultId: { __rl: true, mode: 'id', value: VAULT_DISKS } }));
		expect(result.items.map((b) => b.backupId)).toEqual([CBR_BACKUP_1, CBR_BACKUP_2]);
		expect(result.items[0]).toEqual({
			backupId: CBR_BACKUP_1,
			name: 'autobk_cbr_01',
			status: 'available',
			vaultId: VAULT_DISKS,
			checkpointId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
			resourceId: DISK_A,
			resourceName: 'data-disk-01',
			resourceType: 'OS::Cinder::Volume',
			imageType: 'backup',
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			expiresAt: null,
		});
		expect(queryOf(calls('/backups')[0])).toMatchObject({ vault_id: VAULT_DISKS, sort: 'created_at:desc' });
	});

	it('Get Many: Return All under a server cap of one per page', async () => {
		sim.maxPageSize = 1;
		const result = await runNode(subject, creds(), many({ cbrBackupFilters: { status: 'available' } }));
		expect(result.items.map((b) => b.backupId)).toEqual([CBR_BACKUP_1, CBR_BACKUP_2]);
		expect(calls('/backups')).toHaveLength(2);
	});

	it('Restore: "Overwrite the Target\'s Data" off (the default) is refused before any request', async () => {
		const result = await runNode(subject, creds(), restore({ cbrOverwrite: false }));
		expect(result.error?.message).toMatch(new RegExp(`Restoring backup ${CBR_BACKUP_1} replaces the data on disk ${DISK_A}; nothing was sent`));
		expect(sim.requests).toHaveLength(0);
	});

	it('Restore: one signed POST, the restore task found and waited for until success', async () => {
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(sim.cbr.restores).toEqual([{ backupId: CBR_BACKUP_1, restore: { volume_id: DISK_A }, taskId: expect.any(String) }]);
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ jobId: sim.cbr.restores[0].taskId, jobType: 'restore', state: 'succeeded', jobName: 'autobk_cbr_01' });
	});

	it('Restore: a restore that fails half way ends failed', async () => {
		sim.cbr.restoreStates = ['running', 'failed'];
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.items[0]).toMatchObject({ state: 'failed', isSuccess: false, jobType: 'restore' });
	});

	it('Restore: a backup in error, in CBR\'s words, not retried', async () => {
		const result = await runNode(subject, creds(), restore({ cbrRestoreBackupId: '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f', cbrVolumeId: SERVER_1 }));
		expect(result.error?.message).toMatch(/only an available backup can be restored \(BackupService\.6114\)/);
		expect(posts()).toHaveLength(1);
	});

	it('Restore: a lost answer after CBR acted: its task is found, nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: '/restore', method: 'POST' });
		const result = await runNode(subject, creds(), restore());
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0].jobId).toBe(sim.cbr.restores[0].taskId);
	});

	it('Restore: a lost answer and no task: "may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: '/restore', method: 'POST' });
		const result = await runNode(subject, creds(), restore());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(posts()).toHaveLength(1);
	}, 30_000);

	it('Restore: an earlier restore task of the same backup is never taken for the new one', async () => {
		sim.cbr.addTask({ vault_id: VAULT_DISKS, operation_type: 'restore', backup_id: CBR_BACKUP_1, target_resource_id: DISK_A, states: ['success'], ageSeconds: 30 });
		const result = await runNode(subject, creds(), restore());
		expect(result.items[0].jobId).toBe(sim.cbr.restores[0].taskId);
	});

	it('Restore to a server: its disks mapped, sent as CBR takes them; without mappings refused before any request', async () => {
		const server = { cbrRestoreTo: 'server', cbrServerId: SERVER_1, cbrVolumeId: '' };
		const refused = await runNode(subject, creds(), restore(server));
		expect(refused.error?.message).toMatch(/A server restore needs its disks mapped; nothing was sent/);
		expect(sim.requests).toHaveLength(0);
		const result = await runNode(subject, creds(), restore({ ...server, cbrDiskMappings: { mapping: [{ backupId: CBR_BACKUP_2, volumeId: DISK_B }] }, cbrPowerOn: false }));
		expect(result.error).toBeUndefined();
		expect(sim.cbr.restores[0].restore).toEqual({ server_id: SERVER_1, mappings: [{ backup_id: CBR_BACKUP_2, volume_id: DISK_B }], power_on: false });
	});
});

describe('the example workflow (examples/huawei-cbr-back-up-vault-now.json)', () => {
	const node = example.nodes.find((n) => n.type === subject.type)!;
	const parameters = { ...(node.parameters as INodeParameters), pollInterval: 1 };

	it('backs up vault-disks of the simulator and waits: the task of the disk not skipped, succeeded', async () => {
		const result = await runNode(subject, creds(), parameters);
		expect(result.error).toBeUndefined();
		expect(sim.cbr.checkpoints).toHaveLength(1);
		expect(result.items.map((i) => i.jobId)).toEqual(sim.cbr.checkpoints[0].taskIds);
		expect(result.items[0]).toMatchObject({ jobType: 'backup', state: 'succeeded', isSuccess: true });
	});
});
