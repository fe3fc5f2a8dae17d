/**
 * vCenter Restore Job → Start, Get and Cancel through n8n's execution code, on an appliance in restore
 * mode: the restore sent once (both API forms), its item a restore waited for until it has ended, a
 * restore already running returned (or refused) before any write, a lost answer told by the one restore
 * job, refusals in vCenter's words, passwords in no output or error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() };
const LOCATION = 'sftp://backup.example.com/vcsa/vCenter/sn_vc01/M_8.0.3_20240315-020002_';
const SSO_PASSWORD = 'Sso-Secret-4410';
const LOCATION_PASSWORD = 'Loc-Secret-7731';

let sim: VcenterSimulator;
let baseUrl: string;

async function restart(options: ConstructorParameters<typeof VcenterSimulator>[0] = {}) {
	await sim?.stop();
	sim = new VcenterSimulator(options);
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password });
const start = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'restoreJob',
	operation: 'start',
	locationType: 'SFTP',
	location: LOCATION,
	locationUser: 'backup',
	locationPassword: LOCATION_PASSWORD,
	restoreOptions: { ssoAdminUserName: 'administrator@vsphere.local', ssoAdminPassword: SSO_PASSWORD },
	...extra,
});
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const restorePosts = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.includes('/restore/job'));

describe('vCenter Restore Job → Start', () => {
	it('one RestoreRequest; its item a restore, waited for until SUCCEEDED', async () => {
		const result = await runNode(subject, creds(), start(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.restores).toHaveLength(1);
		expect(sim.restores[0].body).toEqual({
			location_type: 'SFTP',
			location: LOCATION,
			location_user: 'backup',
			location_password: LOCATION_PASSWORD,
			sso_admin_user_name: 'administrator@vsphere.local',
			sso_admin_user_password: SSO_PASSWORD,
		});
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'vcenter', jobType: 'restore', jobId: 'restore', state: 'succeeded', vendorState: 'SUCCEEDED', progressPercent: 100 });
	});

	it('in the /rest form of an older vCenter, wrapped in "piece"', async () => {
		await restart({ forms: ['rest'] });
		const result = await runNode(subject, creds(), start());
		expect(result.error).toBeUndefined();
		expect(sim.restores.map((r) => r.form)).toEqual(['rest']);
		expect((sim.restores[0].body as IDataObject).piece).toMatchObject({ location: LOCATION });
	});

	it('a restore that fails: failed, with vCenter\'s message; no secret anywhere', async () => {
		sim.restoreStates = ['INPROGRESS', 'FAILED'];
		const result = await runNode(subject, creds(), start(waiting));
		expect(result.items[0]).toMatchObject({ state: 'failed', isSuccess: false, message: 'Restore failed: the backup could not be read.' });
		expect(JSON.stringify(result)).not.toMatch(new RegExp(`${SSO_PASSWORD}|${LOCATION_PASSWORD}`));
	});

	it('a restore already running: Return the Running Job starts nothing', async () => {
		sim.restoreStates = ['INPROGRESS'];
		await runNode(subject, creds(), start());
		const result = await runNode(subject, creds(), start());
		expect(sim.restores).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'running' });
	});

	it('a restore already running: Stop With an Error says so and starts nothing', async () => {
		sim.restoreStates = ['INPROGRESS'];
		await runNode(subject, creds(), start());
		const result = await runNode(subject, creds(), start({ ifAlreadyRunning: 'error' }));
		expect(result.error?.message).toMatch(/already running \(restore, INPROGRESS\); nothing was started/);
		expect(sim.restores).toHaveLength(1);
	});

	it('a Location that is not a URL is refused before any request', async () => {
		const result = await runNode(subject, creds(), start({ location: 'backup.example.com/vcsa' }));
		expect(result.error?.message).toMatch(/is not a URL/);
		expect(sim.requests.filter((r: { path: string }) => r.path.includes('/recovery/'))).toHaveLength(0);
	});

	it.each([
		['dropAfterActing', undefined],
		['drop', /the job may have started/],
	] as const)('a lost answer (%s): the one restore job tells whether it started; nothing is sent twice', async (fault, error) => {
		sim.fail({ fault, match: '/restore/job', method: 'POST' });
		const result = await runNode(subject, creds(), start());
		expect(restorePosts()).toHaveLength(1);
		if (error) {
			expect(result.error?.message).toMatch(error);
			expect(result.error?.description).toMatch(/appliance in restore mode/);
		} else {
			// found by the read after the start (INPROGRESS), then its own read: SUCCEEDED
			expect(result.error).toBeUndefined();
			expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'succeeded' });
		}
	}, 20_000);
});

describe('vCenter Restore Job → Get and Cancel', () => {
	it('Get on an appliance that has not restored: NONE, queued', async () => {
		const result = await runNode(subject, creds(), { resource: 'restoreJob', operation: 'get' });
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'queued', vendorState: 'NONE', isFinished: false });
	});

	it('Cancel of a running restore, waited for until it has ended', async () => {
		sim.restoreStates = ['INPROGRESS'];
		await runNode(subject, creds(), start());
		const result = await runNode(subject, creds(), { resource: 'restoreJob', operation: 'cancel', ...waiting });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ state: 'failed', message: 'The restore was canceled by the user.' });
	});

	it('Cancel with nothing running: vCenter\'s refusal in its words', async () => {
		const result = await runNode(subject, creds(), { resource: 'restoreJob', operation: 'cancel' });
		expect(result.error?.message).toMatch(/vCenter did not cancel the restore job: No restore is in progress\./);
	});
});
