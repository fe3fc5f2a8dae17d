/**
 * Huawei Cloud Disk Backup → Create through n8n's execution code: one signed POST, its VBS job
 * followed, refusals in VBS's words, and a lost answer reported as "may have started" (VBS lists no
 * jobs by disk, so it cannot be found), never sent twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { HuaweiSimulator } from '../simulators/huawei';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };
const DISK = '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc';

let sim: HuaweiSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new HuaweiSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) =>
	credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, vbsEndpoint: baseUrl, iamEndpoint: baseUrl, projectId: sim.projectId, ...extra });
const create = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'diskBackup', operation: 'create', volumeId: DISK, backupName: 'before-upgrade', ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string }) => r.method === 'POST');

describe('Huawei Cloud Disk Backup → Create', () => {
	it('one signed POST, then its VBS job, waited for until SUCCESS', async () => {
		const result = await runNode(subject, creds(), create({ backupDescription: 'n8n', ...waiting }));
		expect(result.error).toBeUndefined();
		expect(sim.diskBackups).toEqual([{ backup: { volume_id: DISK, name: 'before-upgrade', description: 'n8n' }, jobId: expect.any(String) }]);
		expect(sim.refusedSignatures).toEqual([]);
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'huaweiCloud', jobId: sim.diskBackups[0].jobId, state: 'succeeded', vendorState: 'SUCCESS' });
	});

	it('items backing up the same disk under the same name create one backup', async () => {
		await runNode(subject, creds(), create(), { items: [{}, {}] });
		expect(sim.diskBackups).toHaveLength(1);
	});

	it('a disk ID of the wrong shape is refused before any request', async () => {
		const result = await runNode(subject, creds(), create({ volumeId: '../v3' }));
		expect(result.error?.message).toMatch(/Disk ID/);
		expect(posts()).toHaveLength(0);
	});

	it('a refusal in VBS\'s words, not retried', async () => {
		const result = await runNode(subject, creds(), create({ volumeId: 'ffffffff-ffff-4fff-8fff-ffffffffffff' }));
		expect(result.error?.message).toMatch(/The volume does not exist \(VolumeBackup\.0011\)/);
		expect(posts()).toHaveLength(1);
	});

	// drop: the connection closed before any answer; dropAfterActing: the backup started, then the answer was lost
	it.each(['drop', 'dropAfterActing'] as const)('a lost answer (%s): "may have started", nothing is sent twice', async (fault) => {
		sim.fail({ fault, match: '/cloudbackups', method: 'POST' });
		const result = await runNode(subject, creds(), create());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Check the disk's backups in the Huawei Cloud console/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Huawei Cloud Backup Policy → Run Now', () => {
	const POLICY = 'b7c3d9e1-2f40-4a5b-8c6d-7e8f90a1b2c3';
	const DISKS = ['11111111-2222-4333-8444-555555555555', '66666666-7777-4888-9999-aaaaaaaaaaaa'];
	const OLD_TASK = 'd00d0000-0000-4000-8000-000000000001';
	const runNow = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupPolicy', operation: 'runNow', policyId: { __rl: true, mode: 'id', value: POLICY }, ...extra });
	const seedIdle = () => sim.seed({ policies: [{ backup_policy_id: POLICY, backup_policy_name: 'two-disks', resources: DISKS, tasks: [{ job_id: OLD_TASK, states: ['EXECUTE_SUCCESS'], ageSeconds: 3600 }] }] });
	const gets = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'GET' && r.path.includes('/backuppolicy'));

	it('one POST; one item per disk, each its new task, waited for until it has finished', async () => {
		seedIdle();
		const result = await runNode(subject, creds(), runNow({ ...waiting, simplify: false }));
		expect(result.error).toBeUndefined();
		expect(sim.policyRuns).toEqual([POLICY]);
		expect(posts()).toHaveLength(1);
		expect(result.items).toHaveLength(2);
		result.items.forEach((item) => expectJobStatus(item, { details: true }));
		expect(result.items.map((item) => item.state)).toEqual(['succeeded', 'succeeded']);
		const ids = result.items.map((item) => item.jobId);
		expect(new Set(ids).size).toBe(2);
		expect(ids).not.toContain(OLD_TASK);
		expect(result.items.map((item) => (item.details as IDataObject).resource_id).sort()).toEqual([...DISKS].sort());
		expect(result.items.every((item) => item.policyId === POLICY)).toBe(true);
	});

	it('costs the policy, one page of tasks before, the start, one page to find the tasks, then one page per poll for both', async () => {
		seedIdle();
		const result = await runNode(subject, creds(), runNow(waiting));
		expect(result.error).toBeUndefined();
		// WAITING (find) → RUNNING (first item) → EXECUTE_SUCCESS (one poll): both tasks in each page
		expect(gets().map((r: { path: string }) => r.path.replace(/.*\/backuppolicy/, ''))).toEqual(['', '/' + POLICY + '/backuptasks', '/' + POLICY + '/backuptasks', '/' + POLICY + '/backuptasks', '/' + POLICY + '/backuptasks']);
	});

	it('without waiting: the new tasks as they are', async () => {
		seedIdle();
		const result = await runNode(subject, creds(), runNow());
		expect(result.items.map((item) => item.state)).toEqual(['running', 'running']);
	});

	it('items running the same policy run it once and each get its tasks', async () => {
		seedIdle();
		const result = await runNode(subject, creds(), runNow(), { items: [{}, {}] });
		expect(posts()).toHaveLength(1);
		expect(result.items).toHaveLength(4);
		expect(result.items.slice(2).map((item) => item.jobId)).toEqual(result.items.slice(0, 2).map((item) => item.jobId));
	});

	it('a policy with an unfinished task: Return the Running Job outputs it and starts nothing', async () => {
		seedIdle();
		const running = sim.addTask(POLICY, { states: ['RUNNING', 'RUNNING', 'EXECUTE_SUCCESS'] });
		const result = await runNode(subject, creds(), runNow());
		expect(posts()).toHaveLength(0);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: running, state: 'running' });
	});

	it('a task listed as running that has ended by its own read: the policy is run', async () => {
		seedIdle();
		sim.addTask(POLICY, { states: ['RUNNING', 'EXECUTE_SUCCESS'] });
		const result = await runNode(subject, creds(), runNow());
		expect(posts()).toHaveLength(1);
		expect(result.items).toHaveLength(2);
	});

	it('a policy with an unfinished task: Stop With an Error names it and starts nothing', async () => {
		seedIdle();
		const running = sim.addTask(POLICY, { states: ['RUNNING'] });
		const result = await runNode(subject, creds(), runNow({ ifAlreadyRunning: 'error' }));
		expect(result.error?.message).toMatch(new RegExp(`already running \\(${running}, RUNNING\\); nothing was started`));
		expect(posts()).toHaveLength(0);
	});

	it('an unknown policy is refused before the start', async () => {
		const result = await runNode(subject, creds(), runNow({ policyId: { __rl: true, mode: 'id', value: 'aaaaaaaa-0000-4000-8000-000000000000' } }));
		expect(result.error?.message).toMatch(/no backup policy aaaaaaaa-0000-4000-8000-000000000000; nothing was started/);
		expect(posts()).toHaveLength(0);
	});

	it('VBS\'s refusal while the policy runs comes back in its words, not retried', async () => {
		seedIdle();
		// Listed as finished before the start, then still running when VBS decides: AutoBackup.0225
		sim.addTask(POLICY, { states: ['EXECUTE_SUCCESS', 'RUNNING'], ageSeconds: 1 });
		const result = await runNode(subject, creds(), runNow());
		expect(result.error?.message).toMatch(/The policy is being executed\. \(AutoBackup\.0225\)|The policy is being executed \(AutoBackup\.0225\)/);
		expect(posts()).toHaveLength(1);
	});

	it('a lost answer after VBS acted: the tasks are found and reported, nothing is sent twice', async () => {
		seedIdle();
		sim.fail({ fault: 'dropAfterActing', match: '/action', method: 'POST' });
		const result = await runNode(subject, creds(), runNow());
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(sim.policyRuns).toEqual([POLICY]);
		expect(result.items).toHaveLength(2);
	});

	it('a lost answer and no new task: "may have started", nothing is sent twice', async () => {
		seedIdle();
		sim.fail({ fault: 'drop', match: '/action', method: 'POST' });
		const result = await runNode(subject, creds(), runNow());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/the policy's backup tasks in the Huawei Cloud console/);
		expect(posts()).toHaveLength(1);
	}, 30_000);
});
