/**
 * Commvault Subclient → Back Up and Job → Kill, Suspend, Resume, Resubmit through n8n's execution code:
 * the backup sent once and its job followed, If Already Running three ways, a lost answer found among
 * the subclient's jobs or reported as "may have started", refusals in Commvault's words.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };
const SUBCLIENT = '7';

let sim: CommvaultSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CommvaultSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password, ...extra });
const backUp = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'subclient', operation: 'backup', subclientId: SUBCLIENT, backupLevel: 'Full', ...extra });
const onJob = (operation: string, jobId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'job', operation, jobId, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && !r.path.endsWith('/Login'));

describe('Commvault Subclient → Back Up', () => {
	it('runs one backup of the subclient at the level chosen, waits for its job and outputs its item', async () => {
		const result = await runNode(subject, creds(), backUp(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.backups).toEqual([{ subclientId: 7, backupLevel: 'Full', jobId: expect.any(Number) }]);
		expect(posts().map((r: { path: string; query: string }) => `${r.path}?${r.query}`)).toEqual(['/commandcenter/api/Subclient/7/action/backup?backupLevel=Full']);
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'commvault', jobId: String(sim.backups[0].jobId), state: 'succeeded', vendorState: 'Completed' });
	});

	it('If Already Running: the running job is returned (default), or an error; nothing is started', async () => {
		const running = String(sim.addJob({ states: [...Array(8).fill('Running'), 'Completed'], subclientId: 7 }));
		const returned = await runNode(subject, creds(), backUp());
		expect(returned.items[0]).toMatchObject({ jobId: running, state: 'running' });
		const refused = await runNode(subject, creds(), backUp({ ifAlreadyRunning: 'error' }));
		expect(refused.error?.message).toMatch(new RegExp(`already running \\(${running}, Running\\); nothing was started`));
		expect(sim.backups).toHaveLength(0);
	});

	it('If Already Running → Start Another: Commvault queues a second backup', async () => {
		sim.addJob({ states: ['Running', 'Running', 'Running', 'Completed'], subclientId: 7 });
		const result = await runNode(subject, creds(), backUp({ ifAlreadyRunning: 'startAnother' }));
		expect(sim.backups).toHaveLength(1);
		expect(result.items[0].jobId).toBe(String(sim.backups[0].jobId));
	});

	it('items asking for the same backup start one; Continue On Fail keeps a bad item apart', async () => {
		const result = await runNode(subject, creds(), backUp({ subclientId: '={{ $json.subclient }}' }), {
			items: [{ subclient: SUBCLIENT }, { subclient: '../1' }, { subclient: SUBCLIENT }],
			continueOnFail: true,
		});
		expect(sim.backups).toHaveLength(1);
		expect(result.items.map((i) => i.jobId ?? i.error)).toEqual([String(sim.backups[0].jobId), expect.stringMatching(/Subclient ID/), String(sim.backups[0].jobId)]);
	});

	it('an answer lost after the backup started: the new job is found among the subclient\'s jobs, nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: '/action/backup', method: 'POST' });
		const result = await runNode(subject, creds(), backUp(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.backups).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: String(sim.backups[0].jobId), state: 'succeeded' });
	});

	it('an answer lost and no new job: "may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: '/action/backup', method: 'POST' });
		const result = await runNode(subject, creds(), backUp());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Check the Job Controller in the Command Center before running/);
		expect(posts()).toHaveLength(1);
	}, 20_000);

	it('a refusal inside HTTP 200 comes back in Commvault\'s words, and is not retried', async () => {
		sim.refuseNextAction = { errorCode: 91, errorMessage: 'The subclient is disabled for backup.' };
		const result = await runNode(subject, creds(), backUp());
		expect(result.error?.message).toMatch(/The subclient is disabled for backup\. \(error 91\)/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Commvault Job actions', () => {
	it('Kill: the job ends Killed; with Wait for Completion the item is the killed job', async () => {
		const id = String(sim.addJob({ states: ['Running', 'Running', 'Running', 'Completed'] }));
		const result = await runNode(subject, creds(), onJob('kill', id, waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toEqual([{ jobId: Number(id), action: 'kill' }]);
		expect(result.items[0]).toMatchObject({ jobId: id, state: 'cancelled', vendorState: 'Killed' });
	});

	it('Suspend, then Resume', async () => {
		const id = String(sim.addJob({ states: ['Running', 'Running', 'Running', 'Completed'] }));
		expect((await runNode(subject, creds(), onJob('suspend', id))).items[0]).toMatchObject({ jobId: id, vendorState: 'Suspended' });
		expect((await runNode(subject, creds(), onJob('resume', id, waiting))).items[0]).toMatchObject({ jobId: id, state: 'succeeded' });
		expect(sim.jobActions.map((a: { action: string }) => a.action)).toEqual(['suspend', 'resume']);
	});

	it('Resubmit: the new job is the output, and is waited for', async () => {
		const failed = String(sim.addJob({ states: ['Failed'], subclientId: 7 }));
		const result = await runNode(subject, creds(), onJob('resubmit', failed, waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0].jobId).not.toBe(failed);
		expect(result.items[0]).toMatchObject({ state: 'succeeded' });
		expect(posts().map((r: { path: string }) => r.path)).toEqual([`/commandcenter/api/Job/${failed}/action/Resubmit`]);
	});

	it('Resubmit whose answer is lost: "may have started", never the old job\'s item, nothing sent twice', async () => {
		const failed = String(sim.addJob({ states: ['Failed'], subclientId: 7 }));
		sim.fail({ fault: 'dropAfterActing', match: '/action/Resubmit', method: 'POST' });
		const result = await runNode(subject, creds(), onJob('resubmit', failed));
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Check the Job Controller in the Command Center/);
		expect(posts()).toHaveLength(1);
	});

	it('a finished job cannot be killed: Commvault\'s words', async () => {
		const done = String(sim.addJob({ states: ['Completed'] }));
		const result = await runNode(subject, creds(), onJob('kill', done));
		expect(result.error?.message).toMatch(new RegExp(`Job \\[${done}\\] has already finished; it cannot be changed\\. \\(error 1\\)`));
	});
});
