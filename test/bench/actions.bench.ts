/**
 * What an action with Wait for Completion costs the appliance, in requests: the reads before the start
 * (If Already Running and the job list a lost answer is checked against), the start itself, one read
 * of the job it started, then one read per poll. Counted on the simulators; the target is that cost
 * exactly, so a change that adds a read (or a second start) shows as a miss.
 */
import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { credentialsFor, runNode } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';
import { VcenterSimulator } from '../simulators/vcenter';
import { record } from './recorder';

const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 60 };

describe('actions: requests of a start with Wait for Completion', () => {
	it('vCenter Backup Job → Start: job list, newest job, the start, then one read per state', async () => {
		const sim = new VcenterSimulator({ jobs: [{ id: '20240314-020001-21560480', states: ['SUCCEEDED'] }] });
		const base = await sim.start();
		try {
			const subject = { type: 'n8n-nodes-backup-jobs.vmwareVcenter', node: new VmwareVcenter(), credentialType: new VmwareVcenterApi() };
			const credentials = credentialsFor(subject, { baseUrl: base, username: sim.username, password: sim.password });
			// the started job answers INPROGRESS, INPROGRESS, SUCCEEDED: the read after the start and two polls
			const result = await runNode(subject, credentials, { resource: 'backupJob', operation: 'start', locationType: 'SFTP', location: 'sftp://b/vcsa', parts: ['seat'], ...waiting });
			if (result.error) throw result.error;
			const requests = sim.stats.requests - sim.stats.signIns;
			// list + newest job + start + first read + 2 polls
			record('vCenter Start with Wait: requests to the appliance (job list, newest job, start, read, 2 polls)', {
				value: requests,
				unit: 'requests',
				target: { max: 6 },
				note: `${sim.starts.length} start(s), ${sim.stats.signIns} sign-in(s)`,
			});
		} finally {
			await sim.stop();
		}
	});

	it('Commvault Subclient → Back Up: the subclient\'s jobs, the backup, then one read per state', async () => {
		const sim = new CommvaultSimulator();
		const base = await sim.start();
		try {
			const subject = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };
			const credentials = credentialsFor(subject, { baseUrl: base, authMethod: 'password', username: 'admin', password: sim.password });
			const result = await runNode(subject, credentials, { resource: 'subclient', operation: 'backup', subclientId: '7', backupLevel: 'Full', ...waiting });
			if (result.error) throw result.error;
			const requests = sim.stats.requests - sim.stats.signIns;
			// job list + backup + first read (Running) + 2 polls (Running, Completed)
			record('Commvault Back Up with Wait: requests to the CommServe (job list, backup, read, 2 polls)', {
				value: requests,
				unit: 'requests',
				target: { max: 5 },
				note: `${sim.backups.length} backup(s), ${sim.stats.signIns} sign-in(s)`,
			});
		} finally {
			await sim.stop();
		}
	});
});
