/**
 * Veeam Enterprise Manager Backup Job → Start, Stop, Retry through n8n's execution code: the Task
 * followed, then the session the action created (a new one, never an older one), If Already Running,
 * refusals (a failed Task) in Veeam's words, a lost answer found among the job's new sessions.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VeeamSimulator } from '../simulators/veeam';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager',
	node: new VeeamEnterpriseManager(),
	credentialType: new VeeamEnterpriseManagerApi(),
};
const JOB = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const LAST = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const HOUR_AGO = Date.now() - 3_600_000;

let sim: VeeamSimulator;
let baseUrl: string;

async function restart(last: { state: string; result: string } = { state: 'Stopped', result: 'Failed' }) {
	await sim?.stop();
	const steps = last.state === 'Stopped' ? [last] : [...Array(8).fill(last), { state: 'Stopped', result: 'Success' }];
	sim = new VeeamSimulator({ jobs: [{ id: JOB, name: 'Nightly VMs' }], cdpSessions: [], backupSessions: [{ id: LAST, jobId: JOB, createdAt: HOUR_AGO, steps }] });
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const act = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'backupJob', operation, job: { __rl: true, mode: 'id', value: JOB }, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const requests = () => sim.requests as unknown as Array<{ method: string; path: string; query: string }>;

describe('Veeam Enterprise Manager Backup Job → Start', () => {
	it.each([
		['JSON', {}],
		['XML', { options: { responseFormat: 'xml' } }],
	])('starts the job, follows its Task, outputs the new session and waits for it (%s)', async (_format, format) => {
		const result = await runNode(subject, creds(), act('start', { ...waiting, ...format }));
		expect(result.error).toBeUndefined();
		expect(sim.jobStarts).toEqual([{ jobId: JOB, action: 'start', sessionId: expect.any(String) }]);
		expect(requests().some((r) => r.method === 'GET' && r.path === '/api/tasks/task-1')).toBe(true);
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'veeam', jobId: sim.jobStarts[0].sessionId, state: 'succeeded', vendorState: 'Stopped/Success' });
	});

	it('If Already Running: the running session is returned (default), or an error; nothing is started', async () => {
		await restart({ state: 'Working', result: 'None' });
		const returned = await runNode(subject, creds(), act('start'));
		expect(returned.items[0]).toMatchObject({ jobId: LAST, state: 'running' });
		const refused = await runNode(subject, creds(), act('start', { ifAlreadyRunning: 'error' }));
		expect(refused.error?.message).toMatch(/already running .*nothing was started/);
		expect(sim.jobActions).toEqual([]);
	});

	it('a refusal is the failed Task, in Enterprise Manager\'s words', async () => {
		await restart({ state: 'Working', result: 'None' });
		// If Already Running off the way (Start Another cannot be chosen; an expression can still ask for it)
		const result = await runNode(subject, creds(), act('start', { ifAlreadyRunning: 'startAnother' }));
		expect(result.error?.message).toMatch(/Veeam Enterprise Manager refused to start the job: Job "Nightly VMs" is already running\./);
		expect(sim.jobActions).toEqual([{ jobId: JOB, action: 'start', success: false }]);
	});

	it('an answer lost after the job started: the new session is found; nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: `/api/jobs/${JOB}`, method: 'POST' });
		const result = await runNode(subject, creds(), act('start', waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: sim.jobStarts[0].sessionId, state: 'succeeded' });
	});
});

describe('Veeam Enterprise Manager Backup Job → Retry and Stop', () => {
	it('Retry after a failed session: a new session, waited for', async () => {
		const result = await runNode(subject, creds(), act('retry', waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobStarts).toEqual([{ jobId: JOB, action: 'retry', sessionId: expect.any(String) }]);
		expect(result.items[0]).toMatchObject({ jobId: sim.jobStarts[0].sessionId, state: 'succeeded' });
	});

	it('Retry after a successful session: refused in Veeam\'s words', async () => {
		await restart({ state: 'Stopped', result: 'Success' });
		const result = await runNode(subject, creds(), act('retry'));
		expect(result.error?.message).toMatch(/refused to retry the job: .*cannot be retried/);
	});

	it('Stop: the running session, once stopped', async () => {
		await restart({ state: 'Working', result: 'None' });
		const result = await runNode(subject, creds(), act('stop', waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toEqual([{ jobId: JOB, action: 'stop', success: true }]);
		expect(result.items[0]).toMatchObject({ jobId: LAST, state: 'failed', vendorState: 'Stopped/Failed', message: 'Job has been stopped by user.' });
	});
});
