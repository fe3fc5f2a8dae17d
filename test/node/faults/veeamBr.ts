import { VeeamBackupReplicationApi } from '../../../credentials/VeeamBackupReplicationApi.credentials';
import { VeeamBackupReplication } from '../../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import type { FaultRow, FaultSimulator } from '../../harness/faultTable';
import { JOBS, SESSIONS, VeeamBrSimulator } from '../../simulators/veeamBr';

const subject = { type: 'n8n-nodes-backup-jobs.veeamBackupReplication', node: new VeeamBackupReplication(), credentialType: new VeeamBackupReplicationApi() };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const base = {
	vendor: 'Veeam B&R',
	subject,
	simulator: () => new VeeamBrSimulator() as unknown as FaultSimulator,
	credentials: (sim: FaultSimulator, baseUrl: string) => {
		const vbr = sim as unknown as VeeamBrSimulator;
		return { baseUrl, username: vbr.username, password: vbr.password };
	},
	target: /^\/api\/v1\/(sessions|jobs)/,
	signInPath: '/api/oauth2/token',
};

export const veeamBrRows: FaultRow[] = [
	{ ...base, operation: 'Session: Get', parameters: { resource: 'session', operation: 'get', sessionId: SESSIONS.fileserverOk } },
	{ ...base, operation: 'Session: Get Many', parameters: { resource: 'session', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'Session: Get Latest', parameters: { resource: 'session', operation: 'getLatest', job: byId(JOBS.fileserver) } },
	{ ...base, operation: 'Job: Get Many', parameters: { resource: 'job', operation: 'getAll', returnAll: true } },
	{
		...base,
		operation: 'Job: Start',
		write: true,
		target: /^\/api\/v1\/jobs\/[^/]+\/start$/,
		// one job whose last session has ended, so the start is not held back by If Already Running
		simulator: () =>
			new VeeamBrSimulator({
				jobs: [{ id: JOBS.sql, name: 'SQL Nightly' }],
				sessions: [{ jobId: JOBS.sql, createdAt: Date.now() - 3_600_000, steps: [{ state: 'Stopped', result: 'Success' }] }],
			}) as unknown as FaultSimulator,
		parameters: { resource: 'job', operation: 'start', job: byId(JOBS.sql) },
	},
];
