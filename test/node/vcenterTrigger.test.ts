import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenterTrigger } from '../../nodes/VmwareVcenter/VmwareVcenterTrigger.node';
import { expectJobStatus } from '../harness/contract';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenterTrigger',
	node: new VmwareVcenterTrigger(),
	credentialType: new VmwareVcenterApi(),
};

let sim: VcenterSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VcenterSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

function trigger(
	parameters: INodeParameters = {},
	credentials = credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password }),
	staticData: IDataObject = {},
) {
	return new TriggerRun(subject, credentials, { events: ['failed'], lookBackHours: 24, ...parameters }, staticData);
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.jobId);
const vendorGets = () => sim.requests.filter((r: { path: string }) => !r.path.endsWith('/session')).length;

describe('VMware vCenter Trigger through n8n-core PollContext', () => {
	it('activation records where it stands and emits nothing, even with a recent failure in the history', async () => {
		sim.addRecentJob({ states: ['FAILED'], ageSeconds: 3600 });
		const run = trigger();
		expect(await run.poll(run.context())).toBeNull();
		expect(run.staticData.jobTrigger).toMatchObject({ version: 1, open: [] });
		// the default history (2024) is outside the window: only the recent job was asked about
		expect(sim.stats.byRoute['GET /api/appliance/recovery/backup/job/details']).toBe(1);
	});

	it('emits a job seen running once, when it fails, as the job-status item of Get Many', async () => {
		const run = trigger();
		const ctx = run.context();
		expect(await run.poll(ctx)).toBeNull();
		const id = sim.addRecentJob({ states: ['INPROGRESS', 'FAILED'] });
		expect(await run.poll(ctx)).toBeNull(); // seen running
		expect(run.staticData.jobTrigger).toMatchObject({ open: [id] });
		const items = await run.poll(ctx);
		expect(items).toHaveLength(1);
		expectJobStatus(items![0]);
		expect(items![0]).toMatchObject({ vendor: 'vcenter', jobId: id, state: 'failed', vendorState: 'FAILED', isSuccess: false, message: 'Backup job failed.' });
		expect(await run.poll(ctx)).toBeNull();
	});

	it('a job that started and failed between two polls is emitted once; successes are not, for Job Failed', async () => {
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		const failed = sim.addRecentJob({ states: ['FAILED'] });
		sim.addRecentJob({ states: ['SUCCEEDED'], ageSeconds: 800 });
		expect(ids(await run.poll(ctx))).toEqual([failed]);
		expect(await run.poll(ctx)).toBeNull();
	});

	it('emits several failures oldest first, and Simplify off adds the vendor record', async () => {
		const run = trigger({ simplify: false });
		const ctx = run.context();
		await run.poll(ctx);
		const newer = sim.addRecentJob({ states: ['FAILED'], ageSeconds: 600 });
		const older = sim.addRecentJob({ states: ['FAILED'], ageSeconds: 1800 });
		const items = await run.poll(ctx);
		expect(ids(items)).toEqual([older, newer]);
		expectJobStatus(items![0], { details: true });
		expect(items![0].details).toMatchObject({ id: older, status: 'FAILED' });
	});

	it('Job Started and Job Succeeded: a start once, then the success once', async () => {
		const run = trigger({ events: ['started', 'succeeded'] });
		const ctx = run.context();
		await run.poll(ctx);
		const id = sim.addRecentJob({ states: ['NONE', 'INPROGRESS', 'SUCCEEDED'] });
		expect(await run.poll(ctx)).toBeNull(); // queued: not started yet
		expect(await run.poll(ctx)).toEqual([expect.objectContaining({ jobId: id, state: 'running' })]);
		expect(await run.poll(ctx)).toEqual([expect.objectContaining({ jobId: id, state: 'succeeded' })]);
		expect(await run.poll(ctx)).toBeNull();
	});

	it('a job that failed while n8n was down is emitted after the restart; a new activation starts over', async () => {
		const run = trigger();
		await run.poll(run.context());
		const whileDown = sim.addRecentJob({ states: ['FAILED'] });
		expect(ids(await run.poll(run.restart()))).toEqual([whileDown]);
		sim.addRecentJob({ states: ['FAILED'], ageSeconds: 100 });
		expect(await run.poll(run.context('activate'))).toBeNull();
	});

	it('a job seen running is followed after it leaves the window; one pruned from the history is not invented', async () => {
		const run = trigger({ lookBackHours: 1 });
		const ctx = run.context();
		await run.poll(ctx);
		const running = sim.addRecentJob({ states: ['INPROGRESS', 'INPROGRESS', 'FAILED'], ageSeconds: 1800 });
		const pruned = sim.addRecentJob({ states: ['INPROGRESS', 'FAILED'], ageSeconds: 600 });
		await run.poll(ctx);
		expect(run.staticData.jobTrigger).toMatchObject({ open: expect.arrayContaining([running, pruned]) });
		run.parameters = { lookBackHours: 0.1 }; // 6 minutes: the running job started before it
		sim.reset(); // the appliance's history was cleaned: neither job is listed any more …
		sim.addJob({ id: running, states: ['FAILED'], messages: [] }); // … except the long one, which then failed
		expect(ids(await run.poll(ctx))).toEqual([running]);
		expect(ids(await run.poll(ctx))).toEqual([]);
	});

	it('a failing poll leaves the state as it was: the next poll emits the failure exactly once', async () => {
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		const before = JSON.stringify(run.staticData);
		const id = sim.addRecentJob({ states: ['FAILED'] });
		sim.fail({ fault: 'htmlError', match: '/job/details' });
		await expect(run.poll(ctx)).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(JSON.stringify(run.staticData)).toBe(before);
		expect(ids(await run.poll(ctx))).toEqual([id]);
		expect(await run.poll(ctx)).toBeNull();
	});

	it('errors carry the vendor message and never a secret', async () => {
		const wrong = 'Wrong-Secret-Pass-9';
		const run = trigger({}, credentialsFor(subject, { baseUrl, username: sim.username, password: wrong }));
		const error = await run.poll(run.context()).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect(String((error as Error).message)).toMatch(/vCenter refused the sign-in \(401\)/);
		expect(JSON.stringify({ message: (error as Error).message, description: (error as { description?: string }).description })).not.toContain(wrong);
	});

	it('a corrupted or old-format state resets (nothing emitted, no crash); another appliance starts over', async () => {
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		sim.addRecentJob({ states: ['FAILED'] });
		run.staticData.jobTrigger = { version: 0, seen: 'garbage' };
		expect(await run.poll(ctx)).toBeNull();
		expect(run.staticData.jobTrigger).toMatchObject({ version: 1 });

		const other = new VcenterSimulator({ jobs: [] });
		const otherUrl = await other.start();
		try {
			other.addRecentJob({ states: ['FAILED'] });
			// the same saved state with another Base URL: a new scope, so a baseline, not a flood
			const moved = trigger({}, credentialsFor(subject, { baseUrl: otherUrl, username: other.username, password: other.password }), run.saved());
			expect(await moved.poll(moved.restart())).toBeNull();
			other.addRecentJob({ states: ['FAILED'], ageSeconds: 10 });
			expect(await moved.poll(moved.context('init'))).toHaveLength(1);
		} finally {
			await other.stop();
		}
	});

	it('Fetch Test Event returns the newest matching job without touching the state, or says nothing matched', async () => {
		const run = trigger();
		const older = sim.addRecentJob({ states: ['FAILED'], ageSeconds: 3000 });
		const newer = sim.addRecentJob({ states: ['FAILED'], ageSeconds: 1000 });
		const sample = await run.poll(run.context('manual', 'manual'));
		expect(ids(sample)).toEqual([newer]);
		expect(ids(sample)).not.toContain(older);
		expect(run.staticData).toBeUndefined();
		const quiet = trigger({ events: ['succeeded'], lookBackHours: 0.1 });
		await expect(quiet.poll(quiet.context('manual', 'manual'))).rejects.toMatchObject({ message: 'No backup job matched the filter' });
	});

	it.each<[string, INodeParameters, RegExp]>([
		['no event', { events: [] }, /no event chosen/],
		['an unknown event', { events: ['exploded'] }, /unknown event/],
		['a zero look-back', { lookBackHours: 0 }, /Look Back must be a positive number/],
		['a negative look-back', { lookBackHours: -3 }, /Look Back must be a positive number/],
		['a look-back that is no number', { lookBackHours: 'soon' }, /Look Back must be a positive number/],
	])('refuses %s at activation, before any request', async (_label, parameters, message) => {
		const run = trigger(parameters);
		await expect(run.poll(run.context())).rejects.toMatchObject({ name: 'NodeOperationError', message: expect.stringMatching(message) });
		expect(sim.stats.requests).toBe(0);
	});

	it('costs the same requests per poll whatever the history size (10,000 finished jobs)', async () => {
		sim.addHistory(10_000);
		const run = trigger();
		const ctx = run.context();
		await run.poll(ctx);
		for (let k = 0; k < 3; k++) sim.addRecentJob({ states: ['FAILED'], ageSeconds: 100 * (k + 1) });
		sim.resetStats();
		expect(await run.poll(ctx)).toHaveLength(3);
		expect(vendorGets()).toBe(2); // the id list and one details call
	});
});
