import { CohesityApi } from '../../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../../nodes/Cohesity/Cohesity.node';
import type { FaultRow, FaultSimulator } from '../../harness/faultTable';
import { CohesitySimulator, DEFAULT_GROUP_ID, PAGED_GROUP_ID } from '../../simulators/cohesity';

const subject = { type: 'n8n-nodes-backup-jobs.cohesity', node: new Cohesity(), credentialType: new CohesityApi() };
const RUN = '880:1680005024062490';
const group = { __rl: true, mode: 'id', value: DEFAULT_GROUP_ID };
/** The newest run of the simulator's VMware group (vmware_prod): its two VMs have snapshots. */
const vmwareRun = { protectionGroupId: { __rl: true, mode: 'id', value: PAGED_GROUP_ID }, runId: `912:${1_700_000_000_000_000 + 249 * 86_400_000_000}` };
/** A recovery is found again by its unique name among the recoveries, so a lost answer recovers. */
const recoveryWrite = { write: true, target: /\/data-protect\/recoveries$/ };

const base = {
	vendor: 'Cohesity',
	subject,
	simulator: () => new CohesitySimulator() as unknown as FaultSimulator,
	// Username and Password, so the 401 and sign-in cells have a token to renew
	credentials: (sim: FaultSimulator, baseUrl: string) => ({
		baseUrl,
		authMethod: 'password',
		username: 'admin',
		password: (sim as unknown as CohesitySimulator).password,
	}),
	target: /^\/v2\/data-protect\/protection-groups/,
	signInPath: '/v2/access-tokens',
};

export const cohesityRows: FaultRow[] = [
	{ ...base, operation: 'Run: Get', parameters: { resource: 'protectionGroupRun', operation: 'get', protectionGroupId: group, runId: RUN } },
	{ ...base, operation: 'Run: Get Latest', parameters: { resource: 'protectionGroupRun', operation: 'getLatest', protectionGroupId: group } },
	{ ...base, operation: 'Run: Get Many', parameters: { resource: 'protectionGroupRun', operation: 'getAll', protectionGroupId: group, returnAll: true } },
	{ ...base, operation: 'Group: Get Many', parameters: { resource: 'protectionGroup', operation: 'getAll', returnAll: true } },
	{
		...base,
		operation: 'Group: Run Now',
		write: true,
		target: /\/protection-groups\/[^/]+\/runs$/,
		// one group whose runs have all ended, so Run Now is not held back by If Already Running
		simulator: () =>
			new CohesitySimulator({ groups: [{ id: DEFAULT_GROUP_ID, name: 'vm-tier-1', runs: [{ startTimeUsecs: 1_700_000_000_000_000, local: ['Succeeded'] }] }] }) as unknown as FaultSimulator,
		parameters: { resource: 'protectionGroup', operation: 'runNow', protectionGroupId: group, runType: 'kRegular' },
	},
	{
		...base,
		...recoveryWrite,
		operation: 'Recovery: Recover VMs',
		parameters: { resource: 'recovery', operation: 'recoverVms', ...vmwareRun, renameSuffix: '-restored' },
	},
	{
		...base,
		...recoveryWrite,
		operation: 'Recovery: Recover Files',
		parameters: { resource: 'recovery', operation: 'recoverFiles', ...vmwareRun, sourceObject: 'vmware_prod-vm-1', paths: '/etc/hosts', fileRecoverTo: 'originalServer', targetPath: '/tmp/restored' },
	},
];
