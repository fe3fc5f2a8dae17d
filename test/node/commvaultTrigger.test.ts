import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { CommvaultTrigger } from '../../nodes/Commvault/CommvaultTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvaultTrigger', node: new CommvaultTrigger(), credentialType: new CommvaultApi() };

let sim: CommvaultSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CommvaultSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password });
const trigger = (parameters: INodeParameters = {}) => new TriggerRun(subject, creds(), { events: ['failed'], lookBackHours: 24, ...parameters });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const listCalls = () => sim.requests.filter((r: { path: string }) => r.path.endsWith('/Job'));

describe('Commvault Trigger through n8n-core PollContext', () => {
	it('activation emits nothing; a job seen running is emitted once when it fails', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addJob({ states: ['Running', 'Failed'], pendingReason: 'Failed to connect to the client.' });
		expect(await run.poll(ctx)).toBeNull();
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([String(id)]);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'commvault', state: 'failed', message: 'Failed to connect to the client.' });
		expect(await run.poll(ctx)).toBeNull();
		const q = new URLSearchParams(listCalls().at(-1)!.query);
		expect(Number(q.get('completedJobLookupTime'))).toBeLessThanOrEqual(24 * 3600 + 120);
		expect(q.get('jobCategory')).toBe('All');
	});

	it('a server whose pages are smaller than asked: every failed job of the window is emitted', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		sim.maxPageSize = 2;
		const failed = Array.from({ length: 5 }, () => sim.addJob({ states: ['Failed'] }));
		const items = await run.poll(ctx);
		expect([...(items ?? []).map((i) => String(i.jobId))].sort()).toEqual(failed.map(String).sort());
	});

	it('Killed counts as failed; Completed w/ one or more errors as Finished With Warning', async () => {
		const run = trigger({ events: ['failed', 'warning'] });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const killed = sim.addJob({ states: ['Killed'] });
		const partial = sim.addJob({ states: ['Completed w/ one or more errors'] });
		sim.addJob({ states: ['Completed'] });
		const items = await run.poll(ctx);
		// 2416 (the DR job) was running at activation and has since ended with errors
		expect(ids(items).sort()).toEqual(['2416', String(killed), String(partial)].sort());
	});

	it('a job type and a client narrow the list on the server', async () => {
		const run = trigger({ events: ['succeeded'], jobTypes: ['Backup'], clientId: '2' });
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const backup = sim.addJob({ states: ['Completed'] });
		sim.addJob({ states: ['Completed'], jobType: 'Restore' });
		sim.addJob({ states: ['Completed'], clientId: 7 });
		expect(ids(await run.poll(ctx))).toEqual([String(backup)]);
		const q = new URLSearchParams(listCalls().at(-1)!.query);
		expect([q.get('jobFilter'), q.get('clientId')]).toEqual(['Backup', '2']);
	});

	it('a Client ID that is not a number is refused before any request', async () => {
		const run = trigger({ clientId: '../1' });
		await expect(run.poll(run.context())).rejects.toThrow(/Client ID/);
		expect(sim.requests).toHaveLength(0);
	});
});
