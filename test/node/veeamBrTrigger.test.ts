import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VeeamBackupReplicationApi } from '../../credentials/VeeamBackupReplicationApi.credentials';
import { VeeamBackupReplicationTrigger } from '../../nodes/VeeamBackupReplication/VeeamBackupReplicationTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { JOBS, SESSIONS, VeeamBrSimulator } from '../simulators/veeamBr';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.veeamBackupReplicationTrigger',
	node: new VeeamBackupReplicationTrigger(),
	credentialType: new VeeamBackupReplicationApi(),
};

let sim: VeeamBrSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VeeamBrSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password });
const trigger = (parameters: INodeParameters = {}) => new TriggerRun(subject, creds(), { events: ['failed'], lookBackHours: 24, ...parameters });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const lists = () => (sim.requests as unknown as Array<{ path: string; query: string }>).filter((r) => r.path === '/api/v1/sessions').map((r) => new URLSearchParams(r.query));
const jobsParam = (...jobs: string[]) => ({ jobs: { job: jobs.map((value) => ({ job: { __rl: true, mode: 'list', value } })) } });

describe('Veeam Backup & Replication Trigger through n8n-core PollContext', () => {
	it('activation emits nothing; a session seen running is emitted once when it fails; sessions of no job never', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addSession({ jobId: JOBS.exchange, steps: [{ state: 'Working', result: 'None' }, { state: 'Stopped', result: 'Failed' }], message: 'The mailbox database is dismounted.' });
		sim.addSession({ jobId: '00000000-0000-0000-0000-000000000000', sessionType: 'Infrastructure', steps: [{ state: 'Stopped', result: 'Failed' }] });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([id]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'veeamBackupReplication', state: 'failed', vendorState: 'Stopped/Failed', message: 'The mailbox database is dismounted.' });
		expect(await run.poll(ctx)).toBeNull();
		const q = lists().at(-1)!;
		expect([q.get('orderColumn'), q.get('orderAsc'), q.get('skip'), q.get('limit')]).toEqual(['CreationTime', 'false', '0', '200']);
		expect(Date.now() - Date.parse(String(q.get('createdAfterFilter')))).toBeLessThanOrEqual(24 * 3600_000 + 120_000);
		expect(sim.stats.signIns).toBe(1);
	});

	it('bounded: a history of 5000 sessions in the window costs one page per poll; a capped server a few', async () => {
		const now = Date.now();
		sim.seed({ sessions: Array.from({ length: 5000 }, (_, n) => ({ jobId: JOBS.sql, createdAt: now - 3600_000 + n * 100, steps: [{ state: 'Stopped', result: 'Success' }] })) });
		const run = trigger({ events: ['finished'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.resetStats();
		expect(await run.poll(ctx)).toBeNull();
		expect(lists()).toHaveLength(1);
		sim.maxPageSize = 50;
		sim.resetStats();
		await run.poll(ctx);
		expect(lists()).toHaveLength(4);
	});

	it('Finished With Warning and Succeeded: the running sessions of activation, once each', async () => {
		const run = trigger({ events: ['warning', 'succeeded'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const seen: unknown[] = [];
		for (let n = 0; n < 4; n++) seen.push(...ids(await run.poll(ctx)));
		expect(seen.sort()).toEqual([SESSIONS.sqlWarning, SESSIONS.fileserverRunning].sort());
	});

	it('chosen jobs: one jobIdFilter query per job, other jobs left out', async () => {
		const run = trigger({ events: ['finished'], ...jobsParam(JOBS.sql, JOBS.fileserver) });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.addSession({ jobId: JOBS.exchange, steps: [{ state: 'Stopped', result: 'Failed' }] });
		const mine = sim.addSession({ jobId: JOBS.sql, steps: [{ state: 'Stopped', result: 'Success' }] });
		sim.resetStats();
		expect(ids(await run.poll(ctx)).filter((id) => id !== SESSIONS.sqlWarning && id !== SESSIONS.fileserverRunning)).toEqual([mine]);
		expect(lists().map((q) => q.get('jobIdFilter')).sort()).toEqual([JOBS.fileserver, JOBS.sql].sort());
	});

	it('a Job that is not an ID is refused before any request', async () => {
		const run = trigger(jobsParam('not-a-job'));
		await expect(run.poll(run.context())).rejects.toThrow(/not in the expected format/);
		expect(sim.requests).toHaveLength(0);
	});
});
