/**
 * Veeam Backup & Replication Job → Start, Stop, Retry through n8n's execution code: the session the
 * answer names (waited for with Wait for Completion), If Already Running decided before any write,
 * refusals in Veeam's words, and a lost answer: the one new session found, never a second start.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VeeamBackupReplicationApi } from '../../credentials/VeeamBackupReplicationApi.credentials';
import { VeeamBackupReplication } from '../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VeeamBrSimulator } from '../simulators/veeamBr';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamBackupReplication', node: new VeeamBackupReplication(), credentialType: new VeeamBackupReplicationApi() };
const JOB = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const LAST = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const HOUR_AGO = Date.now() - 3_600_000;

let sim: VeeamBrSimulator;
let baseUrl: string;

async function restart(last: { state: string; result: string } = { state: 'Stopped', result: 'Failed' }) {
	await sim?.stop();
	const steps = last.state === 'Stopped' ? [last] : [...Array(8).fill(last), { state: 'Stopped', result: 'Success' }];
	sim = new VeeamBrSimulator({ jobs: [{ id: JOB, name: 'Nightly VMs' }], sessions: [{ id: LAST, jobId: JOB, createdAt: HOUR_AGO, steps }] });
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const act = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'job', operation, job: { __rl: true, mode: 'id', value: JOB }, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => (sim.requests as unknown as Array<{ method: string; path: string }>).filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/'));

describe('Veeam Backup & Replication Job → Start', () => {
	it('starts the job once, outputs the session its answer names and waits for it', async () => {
		const result = await runNode(subject, creds(), act('start', waiting), { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toEqual([{ jobId: JOB, action: 'start', sessionId: expect.any(String) }]);
		expect(posts().map((r) => r.path)).toEqual([`/api/v1/jobs/${JOB}/start`]);
		expectJobStatus(result.items[0]);
		for (const item of result.items) expect(item).toMatchObject({ vendor: 'veeamBackupReplication', jobId: sim.jobActions[0].sessionId, state: 'succeeded', vendorState: 'Stopped/Success' });
	});

	it('If Already Running: the running session is returned (default), or an error; nothing is started', async () => {
		await restart({ state: 'Working', result: 'None' });
		const returned = await runNode(subject, creds(), act('start'));
		expect(returned.items[0]).toMatchObject({ jobId: LAST, state: 'running' });
		const refused = await runNode(subject, creds(), act('start', { ifAlreadyRunning: 'error' }));
		expect(refused.error?.message).toMatch(/already running .*nothing was started/);
		expect(posts()).toEqual([]);
	});

	it('a refusal is Veeam\'s 400, in its words, and is not sent again', async () => {
		await restart({ state: 'Working', result: 'None' });
		// an expression can still ask for "Start Another", which the node does not offer
		const result = await runNode(subject, creds(), act('start', { ifAlreadyRunning: 'startAnother' }));
		expect(result.error?.message).toMatch(/answered 400: Job 'Nightly VMs' is already running\. \(InvalidOperation\)/);
		expect(posts()).toHaveLength(1);
	});

	it('an answer lost after the job started: the new session is found; nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: `/api/v1/jobs/${JOB}/start`, method: 'POST' });
		const result = await runNode(subject, creds(), act('start', waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: sim.jobActions[0].sessionId, state: 'succeeded' });
	});

	it('an answer lost before the server acted: "may have started", nothing sent twice', async () => {
		sim.fail({ fault: 'drop', match: `/api/v1/jobs/${JOB}/start`, method: 'POST' });
		const result = await runNode(subject, creds(), act('start'));
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Nothing was sent again/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Veeam Backup & Replication Job → Retry and Stop', () => {
	it('Retry after a failed session: a new session, waited for', async () => {
		const result = await runNode(subject, creds(), act('retry', waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toEqual([{ jobId: JOB, action: 'retry', sessionId: expect.any(String) }]);
		expect(result.items[0]).toMatchObject({ jobId: sim.jobActions[0].sessionId, state: 'succeeded' });
	});

	it('Retry after a successful session: refused in Veeam\'s words', async () => {
		await restart({ state: 'Stopped', result: 'Success' });
		const result = await runNode(subject, creds(), act('retry'));
		expect(result.error?.message).toMatch(/answered 400: Job 'Nightly VMs' cannot be retried/);
	});

	it('Stop: the running session, once stopped: cancelled (result.isCanceled)', async () => {
		await restart({ state: 'Working', result: 'None' });
		const result = await runNode(subject, creds(), act('stop', waiting));
		expect(result.error).toBeUndefined();
		expect(sim.jobActions).toEqual([{ jobId: JOB, action: 'stop', sessionId: LAST }]);
		expect(result.items[0]).toMatchObject({ jobId: LAST, state: 'cancelled', isSuccess: false, vendorState: 'Stopped/Failed', message: 'Job has been stopped by user.' });
	});

	it('Stop whose answer is lost: the job\'s newest session shows what happened', async () => {
		await restart({ state: 'Working', result: 'None' });
		sim.fail({ fault: 'dropAfterActing', match: `/api/v1/jobs/${JOB}/stop`, method: 'POST' });
		const result = await runNode(subject, creds(), act('stop', waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: LAST, state: 'cancelled' });
	});

	it('Stop of a job that does not run: refused in Veeam\'s words', async () => {
		const result = await runNode(subject, creds(), act('stop'));
		expect(result.error?.message).toMatch(/answered 400: Job 'Nightly VMs' is not running/);
	});
});
