/**
 * vCenter Backup Job → Start and Cancel through n8n's execution code: the start sent once, If Already
 * Running decided before any write, a lost answer found in the job list or reported as "may have
 * started", refusals in vCenter's words, passwords in no output or error, the wait on the new job.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenter',
	node: new VmwareVcenter(),
	credentialType: new VmwareVcenterApi(),
};

const DONE = '20240314-020001-21560480';
const RUNNING = '20240316-020000-21560480';
const LOCATION_PASSWORD = 'Loc-Secret-7731';
const BACKUP_PASSWORD = 'Bkp-Secret-9912';

let sim: VcenterSimulator;
let baseUrl: string;

async function restart(jobs = [{ id: DONE, states: ['SUCCEEDED'] }]) {
	await sim?.stop();
	sim = new VcenterSimulator({ jobs });
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const start = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'backupJob',
	operation: 'start',
	locationType: 'SFTP',
	location: 'sftp://backup.example.local/vcsa',
	locationUser: 'backup',
	locationPassword: LOCATION_PASSWORD,
	parts: ['seat'],
	backupOptions: { backupPassword: BACKUP_PASSWORD, comment: 'before maintenance' },
	...extra,
});
const cancel = (id: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupJob', operation: 'cancel', jobId: { __rl: true, mode: 'id', value: id }, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.includes('/backup/job'));
/** Nowhere in the run (items, error, its response and messages) but in the node's own parameters, which n8n shows with an error. */
const noSecrets = (text: string) => {
	const beyondParameters = text.replaceAll(`"locationPassword":"${LOCATION_PASSWORD}"`, '').replaceAll(`"backupPassword":"${BACKUP_PASSWORD}"`, '');
	expect(beyondParameters).not.toContain(LOCATION_PASSWORD);
	expect(beyondParameters).not.toContain(BACKUP_PASSWORD);
};

describe('vCenter Backup Job → Start', () => {
	it('starts one backup with the BackupRequest, waits for the new job and outputs its item', async () => {
		const result = await runNode(subject, creds(), start(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(sim.starts).toHaveLength(1);
		expect(sim.starts[0]).toMatchObject({
			form: 'api',
			request: { parts: ['seat'], location_type: 'SFTP', location: 'sftp://backup.example.local/vcsa', location_user: 'backup', location_password: LOCATION_PASSWORD, backup_password: BACKUP_PASSWORD, comment: 'before maintenance' },
		});
		const [item] = result.items;
		expectJobStatus(item);
		expect(item).toMatchObject({ vendor: 'vcenter', jobId: sim.starts[0].id, state: 'succeeded', isFinished: true, isSuccess: true });
		noSecrets(result.text);
	});

	it('without waiting: the new job as it is right after the start', async () => {
		const result = await runNode(subject, creds(), start());
		expect(result.items[0]).toMatchObject({ jobId: sim.starts[0].id, state: 'running', isFinished: false });
	});

	it('the /rest form wraps the request in "piece"', async () => {
		const result = await runNode(subject, creds({ apiForm: 'rest' }), start());
		expect(result.error).toBeUndefined();
		expect(sim.starts[0].form).toBe('rest');
		expect(sim.starts[0].request).toMatchObject({ location_type: 'SFTP' });
	});

	describe('If Already Running', () => {
		beforeEach(async () => {
			await restart([{ id: DONE, states: ['SUCCEEDED'] }, { id: RUNNING, states: ['INPROGRESS', 'INPROGRESS', 'INPROGRESS', 'SUCCEEDED'] }]);
		});

		it('Return the Running Job (default): nothing is started, the running job is the item', async () => {
			const result = await runNode(subject, creds(), start());
			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(0);
			expect(result.items[0]).toMatchObject({ jobId: RUNNING, state: 'running' });
		});

		it('... and with Wait for Completion, the running job is followed until it ends', async () => {
			const result = await runNode(subject, creds(), start(waiting));
			expect(posts()).toHaveLength(0);
			expect(result.items[0]).toMatchObject({ jobId: RUNNING, state: 'succeeded' });
		});

		it('Stop With an Error: nothing is started, the error names the running job', async () => {
			const result = await runNode(subject, creds(), start({ ifAlreadyRunning: 'error' }));
			expect(result.error?.message).toMatch(new RegExp(`already running \\(${RUNNING}, INPROGRESS\\); nothing was started`));
			expect(posts()).toHaveLength(0);
		});

		it('Start Another is not offered: vCenter runs one backup at a time', () => {
			const property = subject.node.description.properties.find((p) => p.name === 'ifAlreadyRunning');
			expect(property?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['returnRunning', 'error']);
		});
	});

	it('items that start the same backup start it once and share its item; Continue On Fail keeps a bad item apart', async () => {
		const result = await runNode(subject, creds(), start({ location: '={{ $json.location }}' }), {
			items: [{ location: 'sftp://backup.example.local/vcsa' }, { location: 'not a url' }, { location: 'sftp://backup.example.local/vcsa' }],
			continueOnFail: true,
		});
		expect(posts()).toHaveLength(1);
		expect(result.items[0].jobId).toBe(sim.starts[0].id);
		expect(result.items[1].error).toMatch(/The Location "not a url" is not a URL/);
		expect(result.items[2].jobId).toBe(sim.starts[0].id);
		expect(result.pairedItems).toEqual([0, 1, 2]);
	});

	it('bad input is refused before any request', async () => {
		const result = await runNode(subject, creds(), start({ location: 'backup.example.local/vcsa' }));
		expect(result.error?.message).toMatch(/Location "backup.example.local\/vcsa" is not a URL/);
		expect(sim.requests).toHaveLength(0);
	});

	it('an answer lost after the start (the appliance acted): the new job is found in the job list, nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: /\/backup\/job$/, method: 'POST' });
		const result = await runNode(subject, creds(), start(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(sim.starts).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: sim.starts[0].id, state: 'succeeded' });
	});

	it('an answer lost and no new job to be seen: "the job may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: /\/backup\/job$/, method: 'POST' });
		const result = await runNode(subject, creds(), start());
		expect(result.error?.message).toMatch(/The answer to the start was lost .*: the job may have started/);
		expect(result.error?.description).toMatch(/Nothing was sent again\. Check Backup in the appliance management interface/);
		expect(posts()).toHaveLength(1);
		noSecrets(result.text);
	}, 20_000);

	it.each([
		['unavailable', 503],
		['badGateway', 502],
	] as const)('a POST answered %s is not retried', async (fault, status) => {
		sim.fail({ fault, match: /\/backup\/job$/, method: 'POST', times: 3 });
		const result = await runNode(subject, creds(), start());
		expect(posts()).toHaveLength(1);
		expect(result.error?.message).toMatch(status === 503 ? /answered 503/ : /answer to the start was lost|answered 502/);
	}, 20_000);

	it('a refusal comes back in vCenter\'s words, and a password the appliance echoes is not shown', async () => {
		sim.refuseNextStart = { errorType: 'INVALID_ARGUMENT', message: `Cannot log in to the location with password ${LOCATION_PASSWORD}.` };
		const result = await runNode(subject, creds(), start());
		expect(result.error?.message).toMatch(/vCenter answered 400: Cannot log in to the location with password/);
		noSecrets(result.text);
		expect(posts()).toHaveLength(1);
	});
});

describe('vCenter Backup Job → Cancel', () => {
	it('cancels a running job and, with Wait for Completion, outputs it once it has ended', async () => {
		await restart([{ id: RUNNING, states: ['INPROGRESS', 'INPROGRESS', 'INPROGRESS', 'INPROGRESS', 'SUCCEEDED'] }]);
		const result = await runNode(subject, creds(), cancel(RUNNING, waiting));
		expect(result.error).toBeUndefined();
		expect(sim.cancels).toEqual([RUNNING]);
		expect(result.items[0]).toMatchObject({ jobId: RUNNING, state: 'failed', message: 'The backup job was canceled by the user.' });
		expect(posts().map((r: { query: string }) => r.query)).toEqual(['action=cancel']);
	});

	it('/rest cancels with …/{id}/cancel', async () => {
		await restart([{ id: RUNNING, states: ['INPROGRESS', 'INPROGRESS', 'SUCCEEDED'] }]);
		const result = await runNode(subject, creds({ apiForm: 'rest' }), cancel(RUNNING));
		expect(result.error).toBeUndefined();
		expect(posts().map((r: { path: string }) => r.path)).toEqual([`/rest/appliance/recovery/backup/job/${RUNNING}/cancel`]);
	});

	it('a finished job: vCenter\'s refusal in its words', async () => {
		const result = await runNode(subject, creds(), cancel(DONE));
		expect(result.error?.message).toMatch(new RegExp(`vCenter did not cancel backup job ${DONE}: The job ${DONE} has already finished`));
	});
});
