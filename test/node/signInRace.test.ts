import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { VeeamBackupReplicationApi } from '../../credentials/VeeamBackupReplicationApi.credentials';
import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { VeeamBackupReplication } from '../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';
import { CommvaultSimulator } from '../simulators/commvault';
import { FAILED_VBS_JOB, HuaweiSimulator } from '../simulators/huawei';
import { VcenterSimulator } from '../simulators/vcenter';
import { VeeamSimulator } from '../simulators/veeam';
import { VeeamBrSimulator } from '../simulators/veeamBr';

/**
 * Issue 13's race, in one process: the stored session has expired, ten executions start at once and
 * each meets a 401, and the sign-in takes 1.5 s. n8n runs preAuthentication for each of them; without a
 * shared sign-in that opened ten sessions, nine of them never used nor closed.
 */
interface Simulator {
	start(): Promise<string>;
	stop(): Promise<void>;
	expireSessions(): void;
	fail(plan: IDataObject): void;
	stats: { signIns: number };
}

interface Case {
	name: string;
	subject: NodeUnderTest;
	simulator: () => Simulator;
	credentials: (sim: Simulator, baseUrl: string) => IDataObject;
	signInPath: string;
	parameters: INodeParameters;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const CASES: Case[] = [
	{
		name: 'VMware vCenter',
		subject: { type: 'n8n-nodes-backup-jobs.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() },
		simulator: () => new VcenterSimulator() as unknown as Simulator,
		credentials: (_sim, baseUrl) => ({ baseUrl, username: 'administrator@vsphere.local', password: 'Sim-Pass-1!' }),
		signInPath: '/session',
		parameters: { resource: 'backupJob', operation: 'get', jobId: byId('20240314-020001-21560480') },
	},
	{
		name: 'Cohesity (username and password)',
		subject: { type: 'n8n-nodes-backup-jobs.cohesity', node: new Cohesity(), credentialType: new CohesityApi() },
		simulator: () => new CohesitySimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => ({ baseUrl, authMethod: 'password', username: 'admin', password: (sim as unknown as CohesitySimulator).password }),
		signInPath: '/access-tokens',
		parameters: { resource: 'protectionGroup', operation: 'getAll', returnAll: true },
	},
	{
		name: 'Commvault (username and password)',
		subject: { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() },
		simulator: () => new CommvaultSimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => ({ baseUrl, authMethod: 'password', username: 'admin', password: (sim as unknown as CommvaultSimulator).password }),
		signInPath: '/Login',
		parameters: { resource: 'job', operation: 'get', jobId: '2417' },
	},
	{
		// both tokens rotate: ten renewals with one refresh token would leave nine executions failing
		name: 'Commvault (access token, renewed)',
		subject: { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() },
		simulator: () => new CommvaultSimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => {
			const commvault = sim as unknown as CommvaultSimulator;
			return { baseUrl, authMethod: 'accessToken', accessToken: commvault.accessToken, refreshToken: commvault.refreshToken };
		},
		signInPath: '/AccessToken/Renew',
		parameters: { resource: 'job', operation: 'get', jobId: '2417' },
	},
	{
		name: 'Veeam Enterprise Manager',
		subject: { type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager', node: new VeeamEnterpriseManager(), credentialType: new VeeamEnterpriseManagerApi() },
		simulator: () => new VeeamSimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => {
			const veeam = sim as unknown as VeeamSimulator;
			return { baseUrl, username: veeam.username, password: veeam.password };
		},
		signInPath: '/sessionMngr',
		parameters: { resource: 'backupJobSession', operation: 'get', sessionId: 'd46e39e0-1131-4585-91a7-e828ce7eafae' },
	},
	{
		name: 'Huawei Cloud (IAM password)',
		subject: { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() },
		simulator: () => new HuaweiSimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => {
			const huawei = sim as unknown as HuaweiSimulator;
			return { authMethod: 'password', username: huawei.username, password: huawei.password, domainName: huawei.domainName, region: huawei.region, vbsEndpoint: baseUrl, iamEndpoint: baseUrl };
		},
		signInPath: '/v3/auth/tokens',
		parameters: { resource: 'backupJob', operation: 'get', vbsJobId: FAILED_VBS_JOB },
	},
	{
		// the renewal is a refresh-token grant; refresh tokens rotate, so ten of them would fail nine executions
		name: 'Veeam Backup & Replication',
		subject: { type: 'n8n-nodes-backup-jobs.veeamBackupReplication', node: new VeeamBackupReplication(), credentialType: new VeeamBackupReplicationApi() },
		simulator: () => new VeeamBrSimulator() as unknown as Simulator,
		credentials: (sim, baseUrl) => {
			const vbr = sim as unknown as VeeamBrSimulator;
			return { baseUrl, username: vbr.username, password: vbr.password };
		},
		signInPath: '/oauth2/token',
		parameters: { resource: 'session', operation: 'get', sessionId: 'd46e39e0-1131-4585-91a7-e828ce7eafae' },
	},
];

describe.each(CASES)('$name: ten executions at once after the session expired', ({ subject, simulator, credentials, signInPath, parameters }) => {
	let sim: Simulator;
	let baseUrl: string;

	beforeEach(async () => {
		sim = simulator();
		baseUrl = await sim.start();
	});

	afterEach(async () => {
		await sim.stop();
	});

	it('share one slow sign-in (1.5 s) and all succeed', async () => {
		// one credential in n8n's database, as every execution of a workflow reads it
		const stored = credentialsFor(subject, credentials(sim, baseUrl));
		expect((await runNode(subject, stored, parameters)).error).toBeUndefined();
		sim.expireSessions();
		const before = sim.stats.signIns;
		sim.fail({ fault: 'slow', delayMs: 1500, match: signInPath, times: 10 });
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await runNode(subject, stored, parameters)));
		expect(runs.map((run) => run.error?.message)).toEqual(Array(10).fill(undefined));
		expect(runs.every((run) => run.items.length > 0)).toBe(true);
		expect(sim.stats.signIns - before).toBe(1);
		// and the next execution uses the stored session without signing in
		expect((await runNode(subject, stored, parameters)).error).toBeUndefined();
		expect(sim.stats.signIns - before).toBe(1);
	});
});
