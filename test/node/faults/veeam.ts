import { VeeamEnterpriseManagerApi } from '../../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VeeamEnterpriseManager } from '../../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import type { FaultRow, FaultSimulator } from '../../harness/faultTable';
import { JOBS, VeeamSimulator } from '../../simulators/veeam';

const subject = { type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager', node: new VeeamEnterpriseManager(), credentialType: new VeeamEnterpriseManagerApi() };

const base = {
	vendor: 'Veeam',
	subject,
	simulator: () => new VeeamSimulator() as unknown as FaultSimulator,
	credentials: (sim: FaultSimulator, baseUrl: string) => {
		const veeam = sim as unknown as VeeamSimulator;
		return { baseUrl, username: veeam.username, password: veeam.password };
	},
	target: /^\/api\/(cdpReplicaTaskSessions|backupSessions|query)/,
	signInPath: '/api/sessionMngr/',
};

export const veeamRows: FaultRow[] = [
	{ ...base, operation: 'CDP Replica Task Session: Get', parameters: { resource: 'cdpReplicaTaskSession', operation: 'get', sessionId: '5b0e8c1a-3f4d-4e2b-a6c7-8d9e0f1a2b3c' } },
	{ ...base, operation: 'CDP Replica Task Session: Get Many', parameters: { resource: 'cdpReplicaTaskSession', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'Backup Job Session: Get', parameters: { resource: 'backupJobSession', operation: 'get', sessionId: 'd46e39e0-1131-4585-91a7-e828ce7eafae' } },
	{ ...base, operation: 'Backup Job Session: Get Many', parameters: { resource: 'backupJobSession', operation: 'getAll', returnAll: true } },
	{
		...base,
		operation: 'Backup Job Session: Get Latest',
		parameters: { resource: 'backupJobSession', operation: 'getLatest', job: { __rl: true, mode: 'id', value: JOBS.fileserver } },
	},
	{
		...base,
		operation: 'Backup Job: Start',
		write: true,
		target: /^\/api\/jobs\//,
		// one job whose last session has ended, so the start is not held back by If Already Running
		simulator: () =>
			new VeeamSimulator({
				jobs: [{ id: JOBS.sql, name: 'SQL Nightly' }],
				cdpSessions: [],
				backupSessions: [{ jobId: JOBS.sql, createdAt: Date.now() - 3_600_000, steps: [{ state: 'Stopped', result: 'Success' }] }],
			}) as unknown as FaultSimulator,
		parameters: { resource: 'backupJob', operation: 'start', job: { __rl: true, mode: 'id', value: JOBS.sql } },
	},
	{
		...base,
		operation: 'Restore Point: Restore VM',
		write: true,
		// its POST only (a write row's faults hit POSTs): the restore point's read before it is left alone
		target: /^\/api\/vmRestorePoints\//,
		parameters: { resource: 'restorePoint', operation: 'restoreVm', vmRestorePointId: 'b32c22c4-79af-4486-b2e2-1a3897db5c61', replaceOriginalVm: true },
	},
];
