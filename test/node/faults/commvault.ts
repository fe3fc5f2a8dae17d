import { CommvaultApi } from '../../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../../nodes/Commvault/Commvault.node';
import type { FaultRow, FaultSimulator } from '../../harness/faultTable';
import { CommvaultSimulator } from '../../simulators/commvault';

const subject = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };

const base = {
	vendor: 'Commvault',
	subject,
	simulator: () => new CommvaultSimulator() as unknown as FaultSimulator,
	// Username and Password, so the 401 and sign-in cells have a QSDK token to renew
	credentials: (sim: FaultSimulator, baseUrl: string) => ({
		baseUrl,
		authMethod: 'password',
		username: 'admin',
		password: (sim as unknown as CommvaultSimulator).password,
	}),
	target: /\/commandcenter\/api\/(Job|DR|FailoverGroups)/,
	signInPath: '/commandcenter/api/Login',
};

export const commvaultRows: FaultRow[] = [
	{ ...base, operation: 'Job: Get', parameters: { resource: 'job', operation: 'get', jobId: '2418' } },
	{ ...base, operation: 'Job: Get Many', parameters: { resource: 'job', operation: 'getAll', returnAll: true } },
	{ ...base, operation: 'DR Group Job: Get Statistics', parameters: { resource: 'drGroupJob', operation: 'getStatistics', drJobId: '' } },
	{ ...base, operation: 'DR Group: Get Many', parameters: { resource: 'drGroup', operation: 'getAll' } },
	{
		...base,
		operation: 'Subclient: Back Up',
		write: true,
		target: /\/commandcenter\/api\/Subclient\/7\/action\/backup/,
		parameters: { resource: 'subclient', operation: 'backup', subclientId: '7', backupLevel: 'Incremental' },
	},
	{
		...base,
		operation: 'Restore: Restore Files',
		write: true,
		target: /\/commandcenter\/api\/retrieveToClient$/,
		parameters: { resource: 'restore', operation: 'restoreFiles', subclientId: '2', paths: ['/data/reports'], restoreDestination: 'outOfPlace', destinationClient: 'restore-test01', destinationPath: '/restore' },
	},
];
