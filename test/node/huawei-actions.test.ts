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
