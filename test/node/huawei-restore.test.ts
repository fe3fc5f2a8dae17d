/**
 * Huawei Cloud Disk Backup → Restore and Get Many through n8n's execution code: the backups listed and
 * paged, a restore refused before any request unless "Overwrite the Disk's Data" is on, one signed POST,
 * its VBS job followed as a restore, refusals in VBS's words, a lost answer "may have started".
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { HuaweiSimulator } from '../simulators/huawei';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };
const BACKUP = 'ba5401a2-7cd2-4c01-8c0d-c936ab412d6d';
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

const creds = () =>
	credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, vbsEndpoint: baseUrl, iamEndpoint: baseUrl, projectId: sim.projectId });
const restore = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'diskBackup', operation: 'restore', backupId: BACKUP, restoreVolumeId: DISK, overwriteDisk: true, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string }) => r.method === 'POST');

describe('Huawei Cloud Disk Backup → Restore', () => {
	it('one signed POST, then the restore\'s VBS job, waited for until SUCCESS, as a restore', async () => {
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.restores).toEqual([{ backupId: BACKUP, volumeId: DISK, jobId: expect.any(String) }]);
		expect(sim.refusedSignatures).toEqual([]);
		expect(result.items).toHaveLength(1);
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'huaweiCloud', jobId: sim.restores[0].jobId, jobType: 'restore', state: 'succeeded', vendorState: 'SUCCESS' });
	});

	it('a restore that fails half way ends failed with VBS\'s reason', async () => {
		sim.restoreStates = ['RUNNING', 'FAIL'];
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.items[0]).toMatchObject({ state: 'failed', isSuccess: false, jobType: 'restore' });
	});

	it('"Overwrite the Disk\'s Data" off (the default) is refused before any request', async () => {
		const result = await runNode(subject, creds(), restore({ overwriteDisk: false }));
		expect(result.error?.message).toMatch(new RegExp(`Restoring backup ${BACKUP} replaces all data on disk ${DISK}; nothing was sent`));
		expect(sim.requests).toHaveLength(0);
	});

	it.each([
		['backupId', '../../v3/auth', /Backup ID/],
		['restoreVolumeId', '7e5fdc5a?x=1', /Disk to Restore To/],
	])('a bad %s is refused before any request', async (parameter, value, message) => {
		const result = await runNode(subject, creds(), restore({ [parameter]: value }));
		expect(result.error?.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('items restoring the same backup to the same disk restore it once', async () => {
		const result = await runNode(subject, creds(), restore(), { items: [{}, {}] });
		expect(sim.restores).toHaveLength(1);
		expect(result.items.map((item) => item.jobId)).toEqual([sim.restores[0].jobId, sim.restores[0].jobId]);
	});

	it('a backup that cannot be restored: VBS\'s words, not retried', async () => {
		const result = await runNode(subject, creds(), restore({ backupId: 'e0e0e0e0-1111-4222-8333-444455556666' }));
		expect(result.error?.message).toMatch(/only an available backup can be restored \(VolumeBackup\.0100\)/);
		expect(posts()).toHaveLength(1);
	});

	it.each(['drop', 'dropAfterActing'] as const)('a lost answer (%s): "may have started", nothing is sent twice', async (fault) => {
		sim.fail({ fault, match: '/restore', method: 'POST' });
		const result = await runNode(subject, creds(), restore());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/the backup's status \("restoring"\)/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Huawei Cloud Disk Backup → Get Many', () => {
	const many = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'diskBackup', operation: 'getAll', returnAll: true, ...extra });

	it('the backups, newest first, with what a restore needs', async () => {
		const result = await runNode(subject, creds(), many());
		expect(result.items.map((item) => item.backupId)).toEqual(['c2a6f0e4-3b1d-4e5f-9a7b-8c9d0e1f2a3b', 'e0e0e0e0-1111-4222-8333-444455556666', BACKUP]);
		expect(result.items[0]).toEqual({
			backupId: 'c2a6f0e4-3b1d-4e5f-9a7b-8c9d0e1f2a3b',
			name: 'autobk_7c21',
			status: 'available',
			volumeId: 'f47a4ab5-11f5-4509-97f5-80ce0dd74e37',
			sizeGb: 40,
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			failReason: null,
		});
	});

	it('the filters go to VBS: the backup a task made, by its name', async () => {
		const result = await runNode(subject, creds(), many({ backupFilters: { name: 'autobk_7c21', status: 'available' } }));
		expect(result.items.map((item) => item.name)).toEqual(['autobk_7c21']);
		const get = sim.requests.find((r: { path: string }) => r.path.endsWith('/backups/detail')) as { query: string };
		expect(new URLSearchParams(get.query).get('name')).toBe('autobk_7c21');
	});

	it('Return All follows the next links when VBS caps its pages', async () => {
		sim.maxPageSize = 1;
		const result = await runNode(subject, creds(), many());
		expect(result.items).toHaveLength(3);
		expect(sim.requests.filter((r: { path: string }) => r.path.endsWith('/backups/detail'))).toHaveLength(3);
	});

	it('a Limit is asked for in one request, the rest in more when a page comes back short', async () => {
		sim.maxPageSize = 1;
		const result = await runNode(subject, creds(), many({ returnAll: false, limit: 2 }));
		expect(result.items).toHaveLength(2);
	});

	it('Simplify off adds the backup as VBS sent it', async () => {
		const result = await runNode(subject, creds(), many({ simplify: false }));
		expect((result.items[0].details as IDataObject).container).toBe('c2a6f0e4-3b1d-4e5f-9a7b-8c9d0e1f2a3b');
	});
});
