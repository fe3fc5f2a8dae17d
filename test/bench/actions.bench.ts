/**
 * What an action with Wait for Completion costs the appliance, in requests: the reads before the start
 * (If Already Running and the job list a lost answer is checked against), the start itself, one read
 * to find the job where the answer does not name it, one read of the job it started, then one read per
 * poll. Counted on the simulators; the target is that cost exactly, so a change that adds a read (or a
 * second start) shows as a miss.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';
import { CommvaultSimulator } from '../simulators/commvault';
import type { SimulatorServer } from '../simulators/framework';
import { VcenterSimulator } from '../simulators/vcenter';
import { VeeamSimulator } from '../simulators/veeam';
import { record } from './recorder';

const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 60 };

interface ActionCost<S extends SimulatorServer> {
	name: string;
	sim: S;
	subject: NodeUnderTest;
	credentials: (baseUrl: string, sim: S) => IDataObject;
	parameters: INodeParameters;
	/** The requests it should cost (sign-ins apart). */
	max: number;
	/** What the simulator saw besides the count: the starts it received, the sign-ins. */
	note: (sim: S) => string;
}

/** Runs the action once with Wait for Completion and records the requests the simulator received, sign-ins apart. */
async function measure<S extends SimulatorServer>(cost: ActionCost<S>): Promise<void> {
	const base = await cost.sim.start();
	try {
		const result = await runNode(cost.subject, credentialsFor(cost.subject, cost.credentials(base, cost.sim)), { ...cost.parameters, ...waiting });
		expect(result.error).toBeUndefined();
		const { requests, signIns } = cost.sim.stats;
		record(cost.name, { value: requests - signIns, unit: 'requests', target: { max: cost.max }, note: `${cost.note(cost.sim)}, ${signIns} sign-in(s)` });
	} finally {
		await cost.sim.stop();
	}
}

const vcenter: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() };
const commvault: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };
const cohesity: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.cohesity', node: new Cohesity(), credentialType: new CohesityApi() };
const veeam: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager', node: new VeeamEnterpriseManager(), credentialType: new VeeamEnterpriseManagerApi() };

const COHESITY_GROUP = '4594155844987574:1679899218812:700';
const VEEAM_JOB = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('actions: requests of a start with Wait for Completion', () => {
	it('vCenter Backup Job → Start: job list, newest job, the start, then one read per state', async () => {
		// the started job answers INPROGRESS, INPROGRESS, SUCCEEDED: the read after the start and two polls
		await measure({
			name: 'vCenter Start with Wait: requests to the appliance (job list, newest job, start, read, 2 polls)',
			sim: new VcenterSimulator({ jobs: [{ id: '20240314-020001-21560480', states: ['SUCCEEDED'] }] }),
			subject: vcenter,
			credentials: (baseUrl, sim) => ({ baseUrl, username: sim.username, password: sim.password }),
			parameters: { resource: 'backupJob', operation: 'start', locationType: 'SFTP', location: 'sftp://b/vcsa', parts: ['seat'] },
			max: 6,
			note: (sim) => `${sim.starts.length} start(s)`,
		});
	});

	it('Commvault Subclient → Back Up: the subclient\'s jobs, the backup, then one read per state', async () => {
		// job list + backup + first read (Running) + 2 polls (Running, Completed)
		await measure({
			name: 'Commvault Back Up with Wait: requests to the CommServe (job list, backup, read, 2 polls)',
			sim: new CommvaultSimulator(),
			subject: commvault,
			credentials: (baseUrl, sim) => ({ baseUrl, authMethod: 'password', username: 'admin', password: sim.password }),
			parameters: { resource: 'subclient', operation: 'backup', subclientId: { __rl: true, mode: 'id', value: '7' }, backupLevel: 'Full' },
			max: 5,
			note: (sim) => `${sim.backups.length} backup(s)`,
		});
	});

	it('Cohesity Protection Group → Run Now: the group\'s runs, Run Now, the runs again to find the new one, then one read per state', async () => {
		// The answer names no run: the newest runs before (If Already Running, and what was there), Run Now,
		// the newest runs after (the new run, Accepted), its read (Running), one poll (Succeeded).
		await measure({
			name: 'Cohesity Run Now with Wait: requests to the cluster (runs, Run Now, runs to find it, read, 1 poll)',
			sim: new CohesitySimulator({ groups: [{ id: COHESITY_GROUP, name: 'vm-tier-1', runs: [{ startTimeUsecs: (Date.now() - 86_400_000) * 1000, local: ['Succeeded'] }] }] }),
			subject: cohesity,
			credentials: (baseUrl, sim) => ({ baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey }),
			parameters: { resource: 'protectionGroup', operation: 'runNow', protectionGroupId: { __rl: true, mode: 'id', value: COHESITY_GROUP }, runType: 'kRegular' },
			max: 5,
			note: (sim) => `${sim.runNows.length} Run Now(s)`,
		});
	});

	it('Veeam Enterprise Manager Backup Job → Retry: the job\'s sessions, the retry and its Task, the sessions again, then one read per state', async () => {
		// The answer is a Task: the job's newest sessions before, the retry (Task Running), the Task's read
		// (Finished), the newest sessions after (the new one, Starting), its read (Working), one poll (Stopped).
		await measure({
			name: 'Veeam EM Retry with Wait: requests to Enterprise Manager (sessions, retry, Task, sessions to find it, read, 1 poll)',
			sim: new VeeamSimulator({
				jobs: [{ id: VEEAM_JOB, name: 'Nightly VMs' }],
				cdpSessions: [],
				backupSessions: [{ id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', jobId: VEEAM_JOB, createdAt: Date.now() - 3_600_000, steps: [{ state: 'Stopped', result: 'Failed' }] }],
			}),
			subject: veeam,
			credentials: (baseUrl, sim) => ({ baseUrl, username: sim.username, password: sim.password }),
			parameters: { resource: 'backupJob', operation: 'retry', job: { __rl: true, mode: 'id', value: VEEAM_JOB } },
			max: 6,
			note: (sim) => `${sim.jobStarts.length} retry(ies)`,
		});
	});
});
