import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VeeamEnterpriseManagerTrigger } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManagerTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { scopeDigest } from '../../nodes/shared/trigger';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { JOBS, VeeamSimulator } from '../simulators/veeam';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.veeamEnterpriseManagerTrigger',
	node: new VeeamEnterpriseManagerTrigger(),
	credentialType: new VeeamEnterpriseManagerApi(),
};

let sim: VeeamSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VeeamSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password });
const trigger = (parameters: INodeParameters = {}) => new TriggerRun(subject, creds(), { events: ['failed'], lookBackHours: 24, ...parameters });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const queries = () => (sim.requests as unknown as Array<{ path: string; query: string }>).filter((r) => r.path === '/api/query').map((r) => new URLSearchParams(r.query));

describe('Veeam Enterprise Manager Trigger through n8n-core PollContext', () => {
	it('activation emits nothing; a session seen running is emitted once when it fails', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addSession({ kind: 'backup', jobId: JOBS.exchange, steps: [{ state: 'Working', result: 'None' }, { state: 'Stopped', result: 'Failed' }], failureMessage: 'The mailbox database is dismounted.' });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([id]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'veeam', state: 'failed', vendorState: 'Stopped/Failed', message: 'The mailbox database is dismounted.' });
		expect(await run.poll(ctx)).toBeNull();
		// only the query API, only the window, newest first
		const q = queries().at(-1)!;
		expect([q.get('type'), q.get('sortDesc'), q.get('format')]).toEqual(['BackupJobSession', 'CreationTime', 'Entities']);
		const since = /^CreationTime>="(.+)"$/.exec(String(q.get('filter')))![1];
		expect(Date.now() - Date.parse(since)).toBeLessThanOrEqual(24 * 3600_000 + 120_000);
		expect(sim.requests.every((r: { path: string }) => r.path === '/api/query' || r.path.startsWith('/api/sessionMngr'))).toBe(true);
		expect(sim.stats.signIns).toBe(1);
	});

	it('a server whose pages are smaller than asked: every failed session of the window is emitted', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 2;
		const failed = Array.from({ length: 5 }, () => sim.addSession({ kind: 'backup', jobId: JOBS.exchange, steps: [{ state: 'Stopped', result: 'Failed' }] }));
		const items = await run.poll(ctx);
		expect([...ids(items)].sort()).toEqual([...failed].sort());
		expect(queries().length).toBeGreaterThan(3);
	});

	it('Finished With Warning and Succeeded: the running sessions of activation, once each', async () => {
		const run = trigger({ events: ['warning', 'succeeded'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const seen: unknown[] = [];
		for (let n = 0; n < 4; n++) seen.push(...ids(await run.poll(ctx)));
		expect(seen.sort()).toEqual(['3c602890-209d-4a99-8d7b-208a7134fc97', 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9'].sort());
	});

	it('one job: its UID in the filter, other jobs left out', async () => {
		const run = trigger({ events: ['finished'], job: { __rl: true, mode: 'list', value: JOBS.sql } });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.addSession({ kind: 'backup', jobId: JOBS.exchange, steps: [{ state: 'Stopped', result: 'Failed' }] });
		const mine = sim.addSession({ kind: 'backup', jobId: JOBS.sql, steps: [{ state: 'Stopped', result: 'Success' }] });
		expect(ids(await run.poll(ctx))).toEqual([mine]);
		expect(String(queries().at(-1)!.get('filter'))).toMatch(new RegExp(`;JobUid=="urn:veeam:Job:${JOBS.sql}"$`));
	});

	it('CDP replica task sessions: InProgress → Completed/Failed is Failed', async () => {
		const run = trigger({ sessionType: 'cdpReplicaTaskSession' });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual(['9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']);
		expect(items![0]).toMatchObject({ state: 'failed', vendorState: 'Completed/Failed', message: 'Lost connection to the source proxy.' });
		expect(queries().at(-1)!.get('sortDesc')).toBe('CreationTimeUTC');
	});

	it('a Job that is not a job ID is refused before any request', async () => {
		const run = trigger({ job: { __rl: true, mode: 'id', value: 'urn:veeam:BackupJobSession:d46e39e0-1131-4585-91a7-e828ce7eafae' } });
		await expect(run.poll(run.context())).rejects.toThrow(/UID of a BackupJobSession, not of a Job/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Veeam Enterprise Manager Trigger: Job Types', () => {
	const types = () => queries().map((q) => q.get('type'));

	it('the default watches backup sessions only, with the scope it always had (an upgrade does not start over)', async () => {
		const run = trigger();
		expect(await run.poll(run.context())).toBeNull();
		expect(new Set(types())).toEqual(new Set(['BackupJobSession']));
		const state = run.saved()['node:Job Trigger'] as { jobTrigger: { scope: string } };
		expect(state.jobTrigger.scope).toBe(scopeDigest(`veeam ${baseUrl.toLowerCase()} BackupJobSession *`));
	});

	it('Backup and Restore Sessions: a failed restore is reported, as a restore, next to a failed backup; the Job narrows backups only', async () => {
		const run = trigger({ jobTypes: ['backup', 'restore'], job: { __rl: true, mode: 'id', value: JOBS.exchange } });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const restore = sim.restores.addSession({ vm: 'fileserver01', steps: [{ state: 'Working', result: 'None' }, { state: 'Stopped', result: 'Failed' }] });
		const backup = sim.addSession({ kind: 'backup', jobId: JOBS.exchange, steps: [{ state: 'Stopped', result: 'Failed' }] });
		const first = await run.poll(ctx);
		expect(ids(first)).toEqual([backup]);
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([restore]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'veeam', jobType: 'restore', state: 'failed', vendorState: 'Stopped/Failed' });
		expect(await run.poll(ctx)).toBeNull();
		// each check: one query per type (one page each here), the restore one without the job's filter
		const last = queries().slice(-2);
		expect(last.map((q) => q.get('type')).sort()).toEqual(['BackupJobSession', 'RestoreSession']);
		expect(String(last.find((q) => q.get('type') === 'RestoreSession')!.get('filter'))).toMatch(/^CreationTime>="[^"]+"$/);
	});

	it('Restore Sessions alone: backup sessions are not read', async () => {
		const run = trigger({ jobTypes: ['restore'], events: ['finished'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const restore = sim.restores.addSession({ vm: 'sql01', steps: [{ state: 'Stopped', result: 'Success' }] });
		expect(ids(await run.poll(ctx))).toEqual([restore]);
		expect(new Set(types())).toEqual(new Set(['RestoreSession']));
	});

	it('no Job Type chosen is refused before any request', async () => {
		const run = trigger({ jobTypes: [] });
		await expect(run.poll(run.context())).rejects.toThrow(/Job Types has no type chosen/);
		expect(sim.requests).toHaveLength(0);
	});
});
