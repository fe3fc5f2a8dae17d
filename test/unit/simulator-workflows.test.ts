// What the example workflows need from the simulators: jobs added now, restores and recoveries
// accepted and recorded, and a loopback ticket and chat API that records what it receives.
import axios, { type AxiosInstance } from 'axios';

import { CohesitySimulator } from '../simulators/cohesity';
import { HelpdeskSimulator } from '../simulators/helpdesk';
import { VcenterSimulator } from '../simulators/vcenter';

const clientFor = (baseURL: string, headers: Record<string, string> = {}): AxiosInstance =>
	axios.create({ baseURL, headers, validateStatus: () => true });

describe('vCenter simulator: recent jobs and restores', () => {
	const sim = new VcenterSimulator();
	let http: AxiosInstance;
	let session: string;

	beforeAll(async () => {
		http = clientFor(await sim.start());
		const signIn = await http.post('/api/session', undefined, { auth: { username: sim.username, password: sim.password } });
		session = signIn.data as string;
	});
	afterAll(() => sim.stop());

	it('adds a job created now through a control route, with an id from its creation time', async () => {
		const { data } = await http.post('/__sim/jobs', { states: ['FAILED'], ageSeconds: 60 });
		expect(data.id).toMatch(/^\d{8}-\d{6}-21560480$/);
		const job = await http.get(`/api/appliance/recovery/backup/job/${data.id}`, { headers: { 'vmware-api-session-id': session } });
		expect(job.data).toMatchObject({ state: 'FAILED', messages: [expect.objectContaining({ default_message: 'Backup job failed.' })] });
		expect((await http.post('/__sim/jobs', { states: [] })).status).toBe(400);
	});

	it('a job with stepMs moves with time, not with each read', async () => {
		const id = sim.addRecentJob({ states: ['INPROGRESS', 'SUCCEEDED'], stepMs: 60_000, ageSeconds: 0 });
		const read = async () => (await http.get(`/api/appliance/recovery/backup/job/${id}`, { headers: { 'vmware-api-session-id': session } })).data.state;
		expect([await read(), await read(), await read()]).toEqual(['INPROGRESS', 'INPROGRESS', 'INPROGRESS']);
	});

	it('accepts a restore in both forms and records it; refuses one without a location', async () => {
		const piece = { location_type: 'SFTP', location: 'sftp://backup.example.local/vcsa/20240315', location_user: 'backup' };
		// restores that end at once, so the second is not refused as "in progress"
		sim.restoreStates = ['SUCCEEDED'];
		const api = await http.post('/api/appliance/recovery/restore/job', piece, { headers: { 'vmware-api-session-id': session } });
		expect(api.status).toBe(201);
		expect(api.data).toMatchObject({ state: 'SUCCEEDED' });
		const rest = await http.post('/rest/appliance/recovery/restore/job', { piece }, { headers: { 'vmware-api-session-id': session } });
		expect(rest.data.value).toMatchObject({ state: 'SUCCEEDED' });
		expect((await http.post('/api/appliance/recovery/restore/job', {}, { headers: { 'vmware-api-session-id': session } })).status).toBe(400);
		expect((await http.post('/api/appliance/recovery/restore/job', piece)).status).toBe(401);
		const { data } = await http.get('/__sim/restores');
		expect(data.map((r: { form: string }) => r.form)).toEqual(['api', 'rest']);
	});
});

describe('Cohesity simulator: recent runs and recoveries', () => {
	const sim = new CohesitySimulator();
	let http: AxiosInstance;

	beforeAll(async () => {
		http = clientFor(await sim.start(), { apiKey: sim.apiKey });
	});
	afterAll(() => sim.stop());

	it('adds a run that started now through a control route', async () => {
		const { data } = await http.post('/__sim/runs', { local: ['Failed'] });
		expect(data.id).toMatch(/^880:\d{16}$/);
		const runs = await http.get('/v2/data-protect/protection-groups/4594155844987574:1679899218812:880/runs', { params: { numRuns: 1 } });
		expect(runs.data.runs[0]).toMatchObject({ id: data.id, localBackupInfo: { status: 'Failed' } });
	});

	it('accepts a recovery of a run\'s snapshot and records it; refuses one without a name or of an unknown snapshot', async () => {
		const group = '4594155844987574:1679899218812:912';
		const runId = `912:${1700000000000000 + 249 * 86400000000}`;
		const run = await http.get(`/v2/data-protect/protection-groups/${group}/runs/${runId}`, { params: { includeObjectDetails: true } });
		const snapshotId = run.data.objects[0].localSnapshotInfo.snapshotInfo.snapshotId;
		const body = { name: 'Restore after a backup', snapshotEnvironment: 'kVMware', vmwareParams: { recoveryAction: 'RecoverVMs', objects: [{ snapshotId }] } };
		const created = await http.post('/v2/data-protect/recoveries', body);
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ name: body.name, status: 'Accepted', recoveryAction: 'RecoverVMs' });
		expect((await http.post('/v2/data-protect/recoveries', { snapshotEnvironment: 'kVMware' })).status).toBe(400);
		expect((await http.post('/v2/data-protect/recoveries', { ...body, vmwareParams: { recoveryAction: 'RecoverVMs', objects: [{ snapshotId: 's1' }] } })).status).toBe(404);
		const listed = (await http.get('/v2/data-protect/recoveries')).data.recoveries;
		expect(listed).toHaveLength(1);
		expect((await http.get(`/v2/data-protect/recoveries/${listed[0].id}`)).data.status).toBe('Running');
		expect((await http.get('/__sim/recoveries')).data[0].body).toEqual(body);
	});
});

describe('helpdesk simulator', () => {
	const sim = new HelpdeskSimulator();
	let http: AxiosInstance;

	beforeAll(async () => {
		http = clientFor(await sim.start());
	});
	afterAll(() => sim.stop());

	it('opens numbered tickets, records their bodies, and posts chat messages', async () => {
		const first = await http.post('/api/tickets', { title: 'Backup failed: nightly', jobName: 'nightly' });
		expect(first.status).toBe(201);
		expect(first.data).toMatchObject({ id: 'T-1001', number: 'INC0000001' });
		expect((await http.post('/api/tickets', { jobName: 'no title' })).status).toBe(400);
		expect((await http.post('/api/chat', { text: 'Daily backup report' })).status).toBe(200);
		expect((await http.get('/api/tickets')).data.tickets.map((t: { body: unknown }) => t.body)).toEqual([{ title: 'Backup failed: nightly', jobName: 'nightly' }]);
		expect((await http.get('/api/chat')).data.messages).toHaveLength(1);
		await http.post('/__sim/reset');
		expect((await http.get('/api/tickets')).data.tickets).toEqual([]);
	});
});
