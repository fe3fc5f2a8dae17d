/**
 * Cohesity Recovery → Recover VMs, Recover Files and Folders, Get, Get Many and Cancel through n8n's
 * execution code: the run's snapshots, the body Cohesity receives, refusals before any request, the
 * recovery found by its unique name when the answer is lost (never an older one of the same name),
 * a recovery that fails half way, and the item of every one: a job-status item with jobType "restore".
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.cohesity', node: new Cohesity(), credentialType: new CohesityApi() };
const VMS = '4594155844987574:1679899218812:700';
const SERVERS = '4594155844987574:1679899218812:701';
const CASSANDRA = '4594155844987574:1679899218812:702';
const DAY_AGO = (Date.now() - 86_400_000) * 1000;
const RUN = `700:${DAY_AGO}`;
const FAILED_RUN = `700:${DAY_AGO + 1}`;

let sim: CohesitySimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CohesitySimulator({
		groups: [
			{ id: VMS, name: 'vm-tier-1', environment: 'kVMware', runs: [{ startTimeUsecs: DAY_AGO, local: ['Succeeded'] }, { startTimeUsecs: DAY_AGO + 1, local: ['Failed'] }] },
			{ id: SERVERS, name: 'file-servers', environment: 'kPhysical', runs: [{ startTimeUsecs: DAY_AGO, local: ['Succeeded'] }] },
			{ id: CASSANDRA, name: 'cassandra', environment: 'kCassandra', runs: [{ startTimeUsecs: DAY_AGO, local: ['Succeeded'] }] },
		],
	});
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/recoveries'));
const sent = () => sim.recoveries.map((r: { body: IDataObject }) => r.body);
const snapshot = (group: string, objectId: number) => `${group}:${DAY_AGO}:${objectId}`;

const recoverVms = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'recovery',
	operation: 'recoverVms',
	protectionGroupId: byId(VMS),
	runId: RUN,
	renameSuffix: '-restored',
	...extra,
});
const recoverFiles = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'recovery',
	operation: 'recoverFiles',
	protectionGroupId: byId(VMS),
	runId: RUN,
	sourceObject: 'vm-tier-1-vm-2',
	paths: '/var/www/html\n/etc/nginx/nginx.conf',
	fileRecoverTo: 'originalServer',
	targetPath: '/tmp/restored',
	...extra,
});

describe('Cohesity Recovery → Recover VMs', () => {
	it('recovers every VM of the run under a unique name, waits for it: a restore item', async () => {
		const result = await runNode(subject, creds(), recoverVms({ powerOnVms: true, ...waiting }));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [body] = sent();
		expect(body.name).toMatch(/^n8n_Recover_VMs_vm-tier-1_\d{8}T\d{6}_\d{3}Z_[a-z0-9]{1,4}$/);
		expect(body).toMatchObject({
			snapshotEnvironment: 'kVMware',
			vmwareParams: {
				recoveryAction: 'RecoverVMs',
				objects: [{ snapshotId: snapshot(VMS, 1234) }, { snapshotId: snapshot(VMS, 1235) }],
				recoverVmParams: {
					targetEnvironment: 'kVMware',
					vmwareTargetParams: {
						recoveryTargetConfig: { recoverToNewSource: false },
						renameRecoveredVmsParams: { prefix: '', suffix: '-restored' },
						powerOnVms: true,
						continueOnError: false,
						recoveryProcessType: 'InstantRecovery',
						overwriteExistingVm: false,
						powerOffAndRenameExistingVm: false,
					},
				},
			},
		});
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'cohesity', jobType: 'restore', jobName: body.name, state: 'succeeded', vendorState: 'Succeeded', isSuccess: true });
		expect(result.items[0].jobId).toMatch(/^\d+:\d+:\d+$/);
	});

	it('some VMs, to a new location: the vCenter\'s objects, the network detached', async () => {
		const result = await runNode(
			subject,
			creds(),
			recoverVms({ vmNames: 'VM-TIER-1-VM-1', vmRecoverTo: 'new', vCenterId: '1', resourcePoolId: '31', datastoreIds: '41, 42', vmFolderId: '51', renameSuffix: '', recoveryName: 'Restore test', continueOnError: true }),
		);
		expect(result.error).toBeUndefined();
		expect(sent()[0]).toMatchObject({
			name: 'Restore test',
			vmwareParams: {
				objects: [{ snapshotId: snapshot(VMS, 1234) }],
				recoverVmParams: {
					vmwareTargetParams: {
						continueOnError: true,
						recoveryTargetConfig: {
							recoverToNewSource: true,
							newSourceConfig: {
								sourceType: 'kVCenter',
								vCenterParams: { source: { id: 1 }, resourcePool: { id: 31 }, datastores: [{ id: 41 }, { id: 42 }], vmFolder: { id: 51 }, networkConfig: { detachNetwork: true } },
							},
						},
					},
				},
			},
		});
		expect(JSON.stringify(sent()[0])).not.toMatch(/renameRecoveredVmsParams/);
	});

	it('replacing the VM at the original location needs an explicit choice, refused before any request', async () => {
		const plain = await runNode(subject, creds(), recoverVms({ renameSuffix: '' }));
		expect(plain.error?.message).toMatch(/original location under the original name would replace the VM .*nothing was sent/);
		const both = await runNode(subject, creds(), recoverVms({ renameSuffix: '', overwriteExistingVm: true, powerOffAndRenameExistingVm: true }));
		expect(both.error?.message).toMatch(/both on/);
		const renamedAndOverwrite = await runNode(subject, creds(), recoverVms({ overwriteExistingVm: true }));
		expect(renamedAndOverwrite.error?.message).toMatch(/renamed VM does not replace/);
		expect(sim.requests).toHaveLength(0);
		const overwrite = await runNode(subject, creds(), recoverVms({ renameSuffix: '', overwriteExistingVm: true }));
		expect(overwrite.error).toBeUndefined();
		expect(sent()[0]).toMatchObject({ vmwareParams: { recoverVmParams: { vmwareTargetParams: { overwriteExistingVm: true, powerOffAndRenameExistingVm: false } } } });
	});

	it('bad input is refused before any request: a run of another group, ids that are not numbers', async () => {
		const otherGroup = await runNode(subject, creds(), recoverVms({ runId: `701:${DAY_AGO}` }));
		expect(otherGroup.error?.message).toMatch(/The run 701:\d+ is not a run of the protection group/);
		const badId = await runNode(subject, creds(), recoverVms({ vmRecoverTo: 'new', vCenterId: '1', resourcePoolId: 'pool', datastoreIds: '41' }));
		expect(badId.error?.message).toMatch(/Resource Pool ID parameter must be a whole number/);
		expect(sim.requests).toHaveLength(0);
	});

	it('what the run cannot give is refused before the write: a VM it did not back up, a failed run, another environment', async () => {
		expect((await runNode(subject, creds(), recoverVms({ vmNames: 'db-01' }))).error?.message).toMatch(/has no snapshot of db-01/);
		expect((await runNode(subject, creds(), recoverVms({ runId: FAILED_RUN }))).error?.message).toMatch(/has no VM snapshot to recover from/);
		expect((await runNode(subject, creds(), recoverVms({ protectionGroupId: byId(CASSANDRA), runId: `702:${DAY_AGO}` }))).error?.message).toMatch(/kCassandra backup; Recover VMs recovers VMware VMs/);
		expect(posts()).toHaveLength(0);
	});

	it('a recovery that fails half way: a failed restore item with Cohesity\'s message', async () => {
		sim.recoveryStates = ['Running', 'Failed'];
		const result = await runNode(subject, creds(), recoverVms(waiting));
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'failed', isSuccess: false, vendorState: 'Failed', message: expect.stringMatching(/datastore has no space/) });
	});

	it('a refusal in Cohesity\'s words, not retried', async () => {
		sim.refuseNextRecovery = 'A recovery of these VMs is already running.';
		const result = await runNode(subject, creds(), recoverVms());
		expect(result.error?.message).toMatch(/Cohesity answered 400: A recovery of these VMs is already running/);
		expect(posts()).toHaveLength(1);
	});

	it('an answer lost after the recovery started: found by its name; nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: /\/recoveries$/, method: 'POST' });
		const result = await runNode(subject, creds(), recoverVms(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobName: sent()[0].name, state: 'succeeded', jobType: 'restore' });
	});

	it('a lost answer and no recovery: "may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: /\/recoveries$/, method: 'POST' });
		const result = await runNode(subject, creds(), recoverVms());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Data Protection > Recoveries in the Cohesity UI/);
		expect(posts()).toHaveLength(1);
	}, 20_000);

	it('with the user\'s Recovery Name, an older recovery of that name is never taken for the lost one', async () => {
		const older = sim.addRecovery({ name: 'Nightly restore test', states: ['Succeeded'], ageSeconds: 60 });
		sim.fail({ fault: 'drop', match: /\/recoveries$/, method: 'POST' });
		const lost = await runNode(subject, creds(), recoverVms({ recoveryName: 'Nightly restore test' }));
		expect(lost.error?.message).toMatch(/may have started/);
		sim.fail({ fault: 'dropAfterActing', match: /\/recoveries$/, method: 'POST' });
		const found = await runNode(subject, creds(), recoverVms({ recoveryName: 'Nightly restore test' }));
		expect(found.error).toBeUndefined();
		expect(found.items[0].jobId).not.toBe(older);
		expect(found.items[0].jobName).toBe('Nightly restore test');
	}, 20_000);

	it('items asking for the same recovery start one', async () => {
		const result = await runNode(subject, creds(), recoverVms(), { items: [{}, {}] });
		expect(posts()).toHaveLength(1);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].jobId).toBe(result.items[1].jobId);
	});
});

describe('Cohesity Recovery → Recover Files and Folders', () => {
	it('from a VM to another folder on it: the paths, Overwrite sent off, the agent method', async () => {
		const result = await runNode(subject, creds(), recoverFiles(waiting));
		expect(result.error).toBeUndefined();
		expect(sent()[0]).toMatchObject({
			snapshotEnvironment: 'kVMware',
			vmwareParams: {
				objects: [{ snapshotId: snapshot(VMS, 1235) }],
				recoveryAction: 'RecoverFiles',
				recoverFileAndFolderParams: {
					targetEnvironment: 'kVMware',
					filesAndFolders: [{ absolutePath: '/var/www/html' }, { absolutePath: '/etc/nginx/nginx.conf' }],
					vmwareTargetParams: {
						recoverToOriginalTarget: true,
						originalTargetConfig: { recoverToOriginalPath: false, alternatePath: '/tmp/restored', recoverMethod: 'UseExistingAgent' },
						overwriteExisting: false,
						preserveAttributes: true,
					},
				},
			},
		});
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'succeeded' });
		expect(sent()[0].name).toMatch(/^n8n_Recover_Files_vm-tier-1_/);
	});

	it('from a physical server to another server, by object ID', async () => {
		const result = await runNode(
			subject,
			creds(),
			recoverFiles({ protectionGroupId: byId(SERVERS), runId: `701:${DAY_AGO}`, sourceObject: '1234', fileRecoverTo: 'anotherServer', targetObjectId: '77', paths: 'C:\\Users\\app' }),
		);
		expect(result.error).toBeUndefined();
		expect(sent()[0]).toMatchObject({
			snapshotEnvironment: 'kPhysical',
			physicalParams: {
				objects: [{ snapshotId: snapshot(SERVERS, 1234) }],
				recoverFileAndFolderParams: {
					targetEnvironment: 'kPhysical',
					physicalTargetParams: { recoverTarget: { id: 77 }, restoreToOriginalPaths: false, alternateRestoreDirectory: '/tmp/restored', overwriteExisting: false },
				},
			},
		});
	});

	it('the original paths need Overwrite Existing Files: refused before any request while it is off', async () => {
		const refused = await runNode(subject, creds(), recoverFiles({ fileRecoverTo: 'original' }));
		expect(refused.error?.message).toMatch(/original paths replaces the files there, and Overwrite Existing Files is off; nothing was sent/);
		expect(sim.requests).toHaveLength(0);
		const allowed = await runNode(subject, creds(), recoverFiles({ fileRecoverTo: 'original', overwriteExisting: true }));
		expect(allowed.error).toBeUndefined();
		expect(sent()[0]).toMatchObject({ vmwareParams: { recoverFileAndFolderParams: { vmwareTargetParams: { originalTargetConfig: { recoverToOriginalPath: true }, overwriteExisting: true } } } });
	});

	it.each([
		['no path', { paths: ' \n ' }, /Files and Folders parameter is empty/],
		['a relative path', { paths: 'var/log' }, /"var\/log" is not an absolute path/],
		['a path with ..', { paths: '/var/www/../../etc/shadow' }, /contains "\.\."/],
		['a target folder with ..', { targetPath: '/tmp/../etc' }, /Target Folder "\/tmp\/\.\.\/etc" contains "\.\."/],
		['a run of another group', { runId: `701:${DAY_AGO}` }, /is not a run of the protection group/],
	])('%s is refused before any request', async (_name, extra, message) => {
		const result = await runNode(subject, creds(), recoverFiles(extra as INodeParameters));
		expect(result.error?.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('a VM the run did not back up: refused before the write', async () => {
		const result = await runNode(subject, creds(), recoverFiles({ sourceObject: 'db-01' }));
		expect(result.error?.message).toMatch(/has no snapshot of "db-01"/);
		expect(result.error?.description).toMatch(/vm-tier-1-vm-1, vm-tier-1-vm-2/);
		expect(posts()).toHaveLength(0);
	});
});

describe('Cohesity Recovery → Get, Get Many, Cancel', () => {
	it('Get waits for a recovery; Get Many filters and lists newest first', async () => {
		const failed = sim.addRecovery({ name: 'Files of web-01', recoveryAction: 'RecoverFiles', states: ['Failed'], ageSeconds: 30 });
		const running = sim.addRecovery({ name: 'VMs of tier 1', states: ['Running', 'Running', 'Succeeded'] });
		const got = await runNode(subject, creds(), { resource: 'recovery', operation: 'get', recoveryId: running, ...waiting });
		expectJobStatus(got.items[0]);
		expect(got.items[0]).toMatchObject({ jobId: running, jobName: 'VMs of tier 1', state: 'succeeded', jobType: 'restore' });
		const all = await runNode(subject, creds(), { resource: 'recovery', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.jobId)).toEqual([running, failed]);
		const filtered = await runNode(subject, creds(), { resource: 'recovery', operation: 'getAll', limit: 5, recoveryFilters: { status: ['Failed'], recoveryActions: ['RecoverFiles'] } });
		expect(filtered.items).toHaveLength(1);
		expect(filtered.items[0]).toMatchObject({ jobId: failed, state: 'failed', message: expect.any(String) });
		const query = sim.requests.at(-1) as { query: string };
		expect(query.query).toMatch(/status=Failed/);
		expect(query.query).toMatch(/recoveryActions=RecoverFiles/);
	});

	it('Get of a malformed id is refused before any request', async () => {
		const result = await runNode(subject, creds(), { resource: 'recovery', operation: 'get', recoveryId: '9001' });
		expect(result.error?.message).toMatch(/Recovery ID parameter "9001" is not in the expected format/);
		expect(sim.requests).toHaveLength(0);
	});

	it('Cancel: the recovery ends Canceled; a finished one answers in Cohesity\'s words', async () => {
		const id = sim.addRecovery({ states: ['Running', 'Running', 'Running', 'Succeeded'] });
		const result = await runNode(subject, creds(), { resource: 'recovery', operation: 'cancel', recoveryId: id, ...waiting });
		expect(result.error).toBeUndefined();
		expect(sim.recoveryCancels).toEqual([id]);
		expect(result.items[0]).toMatchObject({ jobId: id, state: 'cancelled', vendorState: 'Canceled', jobType: 'restore' });
		const again = await runNode(subject, creds(), { resource: 'recovery', operation: 'cancel', recoveryId: id });
		expect(again.error?.message).toMatch(/has already finished/);
	});
});
