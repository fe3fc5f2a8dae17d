import { VmwareVcenterApi } from '../../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../../nodes/VmwareVcenter/VmwareVcenter.node';
import type { FaultRow, FaultSimulator } from '../../harness/faultTable';
import { VcenterSimulator } from '../../simulators/vcenter';

const subject = { type: 'n8n-nodes-backup-jobs.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() };
const JOB = '20240314-020001-21560480';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const base = {
	vendor: 'vCenter',
	subject,
	simulator: () => new VcenterSimulator() as unknown as FaultSimulator,
	credentials: (_sim: FaultSimulator, baseUrl: string) => ({ baseUrl, username: 'administrator@vsphere.local', password: 'Sim-Pass-1!' }),
	// every backup-job call; the sign-in is not one of them
	target: /\/appliance\/recovery\/backup\/job/,
	signInPath: '/api/session',
};

export const vcenterRows: FaultRow[] = [
	{ ...base, operation: 'Get', parameters: { resource: 'backupJob', operation: 'get', jobId: byId(JOB) } },
	{ ...base, operation: 'Get Latest', parameters: { resource: 'backupJob', operation: 'getLatest' } },
	{ ...base, operation: 'Get Many', parameters: { resource: 'backupJob', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'Get Details', parameters: { resource: 'backupJob', operation: 'getDetails', jobId: byId(JOB) } },
	{
		...base,
		operation: 'Start',
		write: true,
		target: /\/appliance\/recovery\/backup\/job$/,
		// the seeded jobs have all ended, so the start is not held back by If Already Running
		simulator: () => new VcenterSimulator({ jobs: [{ id: JOB, states: ['SUCCEEDED'] }] }) as unknown as FaultSimulator,
		parameters: { resource: 'backupJob', operation: 'start', locationType: 'SFTP', location: 'sftp://backup.example.local/vcsa', parts: ['seat'] },
	},
	{
		...base,
		operation: 'Restore Job: Start',
		write: true,
		target: /\/appliance\/recovery\/restore\/job$/,
		parameters: { resource: 'restoreJob', operation: 'start', locationType: 'SFTP', location: 'sftp://backup.example.local/vcsa/M_20240315' },
	},
];
