import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { fails, recovers, type Cell, type FaultRow, type FaultSimulator } from '../../harness/faultTable';
import { FAILED_VBS_JOB, HuaweiSimulator, POLICY_1 } from '../../simulators/huawei';
import { CBR_BACKUP_1, CBR_FAILED_TASK, DISK_A, VAULT_DISKS } from '../../simulators/huaweiCbr';

const subject = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };

const huawei = (sim: FaultSimulator) => sim as unknown as HuaweiSimulator;

/** The API gateway's own answers, before VBS: throttling (APIGW.0308) and a refused token (APIGW.0301). */
const gatewayCells: Cell[] = [
	{
		name: 'APIGW.0308 throttled',
		counts: 'target',
		arrange: async (sim) => huawei(sim).gatewayError({ code: 'APIGW.0308' }),
		expect: recovers(2),
	},
	{
		name: 'APIGW.0308 every time',
		counts: 'target',
		arrange: async (sim) => huawei(sim).gatewayError({ code: 'APIGW.0308', times: 10 }),
		expect: fails(/answered 429 \(4 attempts\): The throttling threshold has been reached.*APIGW\.0308/, 4),
	},
	{
		name: 'APIGW.0301 token refused',
		counts: 'target',
		// a run first, so there is a stored token for the gateway to refuse
		arrange: async (sim, _row, run) => {
			const first = await run();
			if (first.error) throw new Error(`the run before the APIGW.0301 cell failed: ${first.error.message}`);
			huawei(sim).gatewayError({ code: 'APIGW.0301', message: 'Incorrect IAM authentication information: decrypt token fail' });
		},
		// the refused request and its repeat, with one new IAM token between them
		expect: recovers(2, { signIns: 1 }),
	},
];

const base = {
	vendor: 'Huawei Cloud',
	subject,
	simulator: () => new HuaweiSimulator() as unknown as FaultSimulator,
	// IAM Password, so the 401 and sign-in cells have a token to renew; AK/SK has nothing to renew
	credentials: (sim: FaultSimulator, baseUrl: string) => ({
		authMethod: 'password',
		username: huawei(sim).username,
		password: huawei(sim).password,
		domainName: huawei(sim).domainName,
		region: huawei(sim).region,
		vbsEndpoint: baseUrl,
		cbrEndpoint: baseUrl,
		iamEndpoint: baseUrl,
	}),
	target: /^\/v[12]\//,
	signInPath: '/v3/auth/tokens',
	cells: gatewayCells,
};

const policy = { __rl: true, mode: 'id', value: POLICY_1 };
const IDLE_POLICY = { backup_policy_id: 'b7c3d9e1-2f40-4a5b-8c6d-7e8f90a1b2c3', backup_policy_name: 'two-disks', resources: ['11111111-2222-4333-8444-555555555555', '66666666-7777-4888-9999-aaaaaaaaaaaa'] };

export const huaweiRows: FaultRow[] = [
	{ ...base, operation: 'Backup Policy Task: Get Latest', parameters: { resource: 'backupPolicyTask', operation: 'getLatest', policyId: policy } },
	{ ...base, operation: 'Backup Policy Task: Get', parameters: { resource: 'backupPolicyTask', operation: 'get', policyId: policy, jobId: '0781095c-b8ab-4ce5-99f3-4c5f6ff75319' } },
	{ ...base, operation: 'Backup Policy Task: Get Many', parameters: { resource: 'backupPolicyTask', operation: 'getAll', policyId: policy, returnAll: true } },
	{ ...base, operation: 'Backup Policy: Get Many', parameters: { resource: 'backupPolicy', operation: 'getAll' } },
	{ ...base, operation: 'Backup Job: Get', parameters: { resource: 'backupJob', operation: 'get', vbsJobId: FAILED_VBS_JOB } },
	{
		...base,
		operation: 'Backup Policy: Run Now',
		write: true,
		cells: undefined,
		target: /\/backuppolicy\/[^/]+\/action$/,
		// a policy whose tasks have all ended, so the start is not held back by If Already Running
		simulator: () => new HuaweiSimulator({ policies: [{ ...IDLE_POLICY, tasks: [{ states: ['EXECUTE_SUCCESS'], ageSeconds: 600 }] }] }) as unknown as FaultSimulator,
		parameters: { resource: 'backupPolicy', operation: 'runNow', policyId: { __rl: true, mode: 'id', value: IDLE_POLICY.backup_policy_id } },
	},
	{
		...base,
		operation: 'Disk Backup: Create',
		write: true,
		unfindable: true,
		cells: undefined,
		target: /\/cloudbackups$/,
		parameters: { resource: 'diskBackup', operation: 'create', volumeId: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc' },
	},
	{
		...base,
		operation: 'Disk Backup: Restore',
		write: true,
		unfindable: true,
		cells: undefined,
		target: /\/cloudbackups\/[^/]+\/restore$/,
		parameters: { resource: 'diskBackup', operation: 'restore', backupId: 'ba5401a2-7cd2-4c01-8c0d-c936ab412d6d', restoreVolumeId: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc', overwriteDisk: true },
	},
	{ ...base, operation: 'Disk Backup: Get Many', parameters: { resource: 'diskBackup', operation: 'getAll', returnAll: true } },
	// CBR (v3, on the credential's CBR endpoint): every request under /v3/{project_id}/
	{ ...base, operation: 'CBR Task: Get', target: /^\/v3\/[0-9a-f]{32}\//, parameters: { resource: 'cbrTask', operation: 'get', cbrTaskId: CBR_FAILED_TASK } },
	{ ...base, operation: 'CBR Task: Get Many', target: /^\/v3\/[0-9a-f]{32}\//, parameters: { resource: 'cbrTask', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'CBR Vault: Get Many', target: /^\/v3\/[0-9a-f]{32}\//, parameters: { resource: 'cbrVault', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'CBR Backup: Get Many', target: /^\/v3\/[0-9a-f]{32}\//, parameters: { resource: 'cbrBackup', operation: 'getAll', returnAll: true } },
	{
		...base,
		// its tasks are found by the backup name it sent when the answer is lost
		operation: 'CBR Vault: Back Up Now',
		write: true,
		cells: undefined,
		target: /\/checkpoints$/,
		parameters: { resource: 'cbrVault', operation: 'backUpNow', cbrVaultId: { __rl: true, mode: 'id', value: VAULT_DISKS } },
	},
	{
		...base,
		// its task is the one new restore task of the backup and target
		operation: 'CBR Backup: Restore',
		write: true,
		cells: undefined,
		target: /\/backups\/[^/]+\/restore$/,
		parameters: { resource: 'cbrBackup', operation: 'restore', cbrRestoreBackupId: CBR_BACKUP_1, cbrVolumeId: DISK_A, cbrOverwrite: true },
	},
];
