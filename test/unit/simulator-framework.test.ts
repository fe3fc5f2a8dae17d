// The simulators are plain JavaScript (see test/simulators/README.md); types come from their JSDoc.
import axios, { type AxiosInstance } from 'axios';
import { SimulatorServer } from '../simulators/framework';
import { SessionStore } from '../simulators/sessions';
import { VcenterSimulator } from '../simulators/vcenter';

const USER = 'administrator@vsphere.local';
const PASS = 'Sim-Pass-1!';
const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
const JOB = '/api/appliance/recovery/backup/job';
const REST_JOB = '/rest/appliance/recovery/backup/job';

// validateStatus: every status is data to assert on, not an exception.
const clientFor = (baseURL: string): AxiosInstance => axios.create({ baseURL, validateStatus: () => true });

describe('SimulatorServer (vendor-neutral framework)', () => {
	const sim = new SimulatorServer({
		name: 'toy',
		errorBody: (status, message) => ({ toyError: { status, message } }),
		routes: [
			{ method: 'POST', path: '/login', session: true, handler: (_req, ctx) => (ctx.countSignIn(), { status: 200, body: 'token' }) },
			{ method: 'GET', path: '/items/:id', handler: (req) => ({ status: 200, body: { id: req.params.id, q: req.query.getAll('x') } }) },
			{ method: 'GET', path: /^\/xml\/(?<name>[a-z]+)$/, handler: (req) => ({ status: 200, rawBody: `<n>${req.params.name}</n>`, contentType: 'application/xml' }) },
			{ method: 'POST', path: '/echo', handler: (req) => ({ status: 201, headers: { 'x-seen': req.body }, body: req.json }) },
		],
	});
	let http: AxiosInstance;

	beforeAll(async () => {
		const base = await sim.start();
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.baseUrl).toBe(base);
		http = clientFor(base);
	});
	afterAll(() => sim.stop());
	beforeEach(async () => {
		const r = await http.post('/__sim/reset');
		expect(r.data).toEqual({ ok: true });
	});

	it('routes with decoded params, JSON, raw bodies and unmatched errors in the vendor shape', async () => {
		const item = await http.get('/items/a%2Fb%20c?x=1&x=2');
		expect(item.data).toEqual({ id: 'a/b c', q: ['1', '2'] });
		const xml = await http.get('/xml/abc', { responseType: 'text' });
		expect(xml.headers['content-type']).toBe('application/xml');
		expect(xml.data).toBe('<n>abc</n>');
		const echo = await http.post('/echo', { a: 1 });
		expect([echo.status, echo.data, echo.headers['x-seen']]).toEqual([201, { a: 1 }, '{"a":1}']);
		const missing = await http.get('/nope');
		expect([missing.status, missing.data]).toEqual([404, { toyError: { status: 404, message: 'Not found.' } }]);
	});

	it('counts requests per route pattern and logs raw paths, but not control routes', async () => {
		const answers = [await http.post('/login'), await http.get('/items/1', { headers: { 'x-probe': 'yes' } }), await http.get('/items/2%203')];
		const bytes = answers.reduce((sum, a) => sum + Number(a.headers['content-length']), 0);
		const stats = (await http.get('/__sim/stats')).data;
		expect(stats).toEqual({ requests: 3, signIns: 1, byRoute: { 'POST /login': 1, 'GET /items/:id': 2 }, inFlight: 0, peakInFlight: 1, bytes });
		expect(sim.requests.map((r) => r.session)).toEqual([true, false, false]);
		expect(sim.requests.map((r) => r.path)).toEqual(['/login', '/items/1', '/items/2%203']);
		expect(sim.requests[1].headers['x-probe']).toBe('yes');
		sim.resetStats();
		expect(sim.stats.requests).toBe(0);
	});

	it('answers each error fault mode once, then normally again', async () => {
		const expectations: Array<[Parameters<SimulatorServer['fail']>[0]['fault'], number, string]> = [
			['rateLimit', 429, 'application/json'],
			['unavailable', 503, 'application/json'],
			['badGateway', 502, 'text/html'],
			['htmlError', 500, 'text/html; charset=utf-8'],
			['notFound', 404, 'application/json'],
		];
		for (const [fault, status, type] of expectations) {
			sim.fail({ fault, retryAfterSeconds: 7 });
			const r = await http.get('/items/1');
			expect([fault, r.status, r.headers['content-type']]).toEqual([fault, status, type]);
			if (fault === 'rateLimit') expect(r.headers['retry-after']).toBe('7');
			if (type.startsWith('text/html')) expect(r.data).toContain('<html>');
			else expect(r.data).toEqual({ toyError: { status, message: expect.any(String) } });
		}
		expect((await http.get('/items/1')).status).toBe(200);
	});

	it('truncates the real JSON body and keeps status 200', async () => {
		sim.fail({ fault: 'truncatedJson' });
		const r = await http.get('/items/123456', { transformResponse: (d: string) => d });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/json');
		expect('{"id":"123456","q":[]}'.startsWith(r.data)).toBe(true);
		expect(() => JSON.parse(r.data)).toThrow();
	});

	it('drops the connection without an answer', async () => {
		sim.fail({ fault: 'drop' });
		await expect(http.get('/items/1')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sim.requests[0].status).toBe(0);
	});

	it('slows answers, and stop() cancels a pending slow answer', async () => {
		sim.fail({ fault: 'slow', delayMs: 150 });
		const t0 = Date.now();
		expect((await http.get('/items/1')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

		const other = new SimulatorServer({ name: 'other', routes: [{ method: 'GET', path: '/x', handler: () => ({ status: 200, body: 1 }) }] });
		const otherHttp = clientFor(await other.start());
		other.fail({ fault: 'slow', delayMs: 60_000 });
		const pending = otherHttp.get('/x');
		while (other.stats.requests === 0) await otherHttp.get('/__sim/stats'); // wait until it is in flight
		const t1 = Date.now();
		await other.stop();
		await expect(pending).rejects.toThrow();
		expect(Date.now() - t1).toBeLessThan(2000);
	});

	it('answers every request after the latency set, and counts the peak of requests in flight', async () => {
		expect((await http.post('/__sim/latency', { ms: 100 })).data).toEqual({ ok: true, latencyMs: 100 });
		try {
			const t0 = Date.now();
			const answers = await Promise.all([1, 2, 3, 4].map((n) => http.get(`/items/${n}`)));
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
			expect(Date.now() - t0).toBeLessThan(1000);
			expect(sim.stats).toMatchObject({ requests: 4, inFlight: 0, peakInFlight: 4 });
			sim.resetStats();
			expect(sim.stats.peakInFlight).toBe(0);
			expect((await http.post('/__sim/latency', { ms: -1 })).status).toBe(400);
		} finally {
			sim.latencyMs = 0;
		}
	});

	it('POST /__sim/seed reaches the vendor seed(), and a simulator without one says so', async () => {
		const r = await http.post('/__sim/seed', { jobs: [] });
		expect(r.status).toBe(400);
		expect(r.data.error).toMatch(/toy simulator takes no seed/);
	});

	it('leaves session routes alone unless matched, and honours match, method and times', async () => {
		sim.fail({ fault: 'unavailable', times: 2 });
		expect((await http.post('/login')).status).toBe(200);
		expect((await http.get('/items/1')).status).toBe(503);
		expect((await http.get('/items/1')).status).toBe(503);
		expect((await http.get('/items/1')).status).toBe(200);

		sim.fail({ fault: 'unavailable', match: '/login' });
		sim.fail({ fault: 'notFound', match: /^\/items\/9$/, method: 'GET' });
		expect((await http.get('/items/1')).status).toBe(200);
		expect((await http.get('/items/9')).status).toBe(404);
		expect((await http.post('/login')).status).toBe(503);
		expect(sim.pendingFaults).toEqual([]);
		expect(() => sim.fail({ fault: 'explode' as never })).toThrow(/unknown fault/);
	});

	it('takes faults over HTTP (matchRegExp) and rejects bad plans', async () => {
		const ok = await http.post('/__sim/fault', { fault: 'rateLimit', matchRegExp: '^/items/[0-9]+$', retryAfterSeconds: 2 });
		expect(ok.data).toEqual({ ok: true, pending: 1 });
		expect((await http.get('/items/x')).status).toBe(200);
		expect((await http.get('/items/5')).headers['retry-after']).toBe('2');
		expect((await http.post('/__sim/fault', { fault: 'nope' })).status).toBe(400);
		expect((await http.get('/__sim/whatever')).status).toBe(404);
	});
});

describe('VcenterSimulator', () => {
	const sim = new VcenterSimulator();
	let http: AxiosInstance;

	const signIn = async (form: 'api' | 'rest' = 'api'): Promise<string> => {
		const path = form === 'api' ? '/api/session' : '/rest/com/vmware/cis/session';
		const r = await http.post(path, undefined, { headers: { authorization: basic(USER, PASS) } });
		expect(r.status).toBe(form === 'api' ? 201 : 200);
		return form === 'api' ? r.data : r.data.value;
	};
	const get = (path: string, session: string) => http.get(path, { headers: { 'vmware-api-session-id': session } });

	beforeAll(async () => {
		http = clientFor(await sim.start());
		expect(sim.describe()).toEqual({ username: USER, password: PASS });
	});
	afterAll(() => sim.stop());
	beforeEach(() => http.post('/__sim/reset'));

	it('signs in on both forms, rejects bad credentials and missing sessions, and logs out', async () => {
		const api = await signIn('api');
		const rest = await signIn('rest');
		expect(api).toMatch(/^[0-9a-f]{32}$/);
		expect(sim.stats.signIns).toBe(2);

		const bad = await http.post('/api/session', undefined, { headers: { authorization: basic(USER, 'wrong') } });
		expect(bad.status).toBe(401);
		expect(bad.data.error_type).toBe('UNAUTHENTICATED');
		const none = await http.get(REST_JOB);
		expect(none.status).toBe(401);
		expect(none.data).toEqual({
			type: 'com.vmware.vapi.std.errors.unauthenticated',
			value: { messages: [{ args: [], default_message: 'Authentication required.', id: 'com.vmware.vapi.endpoint.method.authentication.required' }] },
		});

		expect(sim.liveSessions).toBe(2);
		expect((await http.delete('/api/session', { headers: { 'vmware-api-session-id': api } })).status).toBe(204);
		expect((await http.delete('/rest/com/vmware/cis/session', { headers: { 'vmware-api-session-id': rest } })).status).toBe(200);
		expect(sim.liveSessions).toBe(0);
		expect((await get(JOB, api)).status).toBe(401);
	});

	it('lists ids unsorted and walks a job through its states, one step per GET', async () => {
		const s = await signIn();
		const ids: string[] = (await get(JOB, s)).data;
		expect([...ids].sort()).toEqual(['20240313-020003-21560480', '20240314-020001-21560480', '20240315-020002-21560480']);
		expect(ids).not.toEqual([...ids].sort());
		expect((await get(REST_JOB, s)).data).toEqual({ value: ids });

		const id = '20240315-020002-21560480';
		const seen = [];
		for (let i = 0; i < 4; i++) seen.push((await get(`${JOB}/${id}`, s)).data);
		expect(seen.map((j) => [j.state, j.progress, j.end_time !== undefined])).toEqual([
			['NONE', 0, false],
			['INPROGRESS', 40, false],
			['SUCCEEDED', 100, true],
			['SUCCEEDED', 100, true],
		]);
		expect(seen[3]).toMatchObject({ id, messages: [], start_time: '2024-03-15T02:00:02.000Z' });
		expect(sim.jobPolls(id)).toBe(4);

		const failed = (await get(`${REST_JOB}/20240313-020003-21560480`, s)).data.value;
		expect(failed).toMatchObject({ state: 'FAILED', progress: 12, messages: [{ id: 'example.backup.job.failed' }] });
	});

	it('serves details as a map (/api) and a key/value list (/rest), mapping state to CisTaskStatus', async () => {
		sim.addJob({ id: '20240316-020000-1', states: ['INPROGRESS'], detailsStatus: 'BLOCKED' });
		const s = await signIn();
		const api = (await get(`${JOB}/details?jobs=20240315-020002-21560480&jobs=20240316-020000-1`, s)).data;
		expect(Object.keys(api)).toEqual(['20240315-020002-21560480', '20240316-020000-1']);
		expect(api['20240315-020002-21560480']).toMatchObject({ status: 'PENDING', type: 'SCHEDULED', cancelable: true, progress: { total: 100, completed: 0 } });
		expect(api['20240316-020000-1'].status).toBe('BLOCKED');

		const rest = (await get(`${REST_JOB}/details?filter.jobs=20240315-020002-21560480`, s)).data;
		expect(rest.value).toEqual([{ key: '20240315-020002-21560480', value: expect.objectContaining({ status: 'RUNNING' }) }]);

		const all = (await get(`${JOB}/details`, s)).data;
		expect(Object.keys(all)).toHaveLength(4);
		expect(all['20240315-020002-21560480']).toMatchObject({ status: 'SUCCEEDED', size: 1073741824, end_time: expect.any(String) });
	});

	it('takes jobs from POST /__sim/seed, and leaves a job seeded with inDetails: false out of details only', async () => {
		const seeded = await http.post('/__sim/seed', { jobs: [{ id: '20240320-020000-1', states: ['SUCCEEDED'], inDetails: false }, { id: '20240321-020000-1', states: ['FAILED'] }] });
		expect(seeded.data).toEqual({ ok: true });
		expect((await http.post('/__sim/seed', { nothing: true })).status).toBe(400);
		const s = await signIn();
		const details = (await get(`${JOB}/details?jobs=20240320-020000-1&jobs=20240321-020000-1`, s)).data;
		expect(Object.keys(details)).toEqual(['20240321-020000-1']);
		expect((await get(`${JOB}/20240320-020000-1`, s)).data.state).toBe('SUCCEEDED');
	});

	it('answers unknown jobs and the notFound fault with the form’s NOT_FOUND shape, decoding ids', async () => {
		const s = await signIn();
		const api = await get(`${JOB}/${encodeURIComponent('no such/job')}`, s);
		expect([api.status, api.data]).toEqual([
			404,
			{ error_type: 'NOT_FOUND', messages: [{ args: ['no such/job'], default_message: 'Backup job not found.', id: 'example.backup.job.not_found' }] },
		]);
		expect(sim.requests.at(-1)?.path).toBe(`${JOB}/no%20such%2Fjob`);
		const rest = await get(`${REST_JOB}/nope`, s);
		expect(rest.data.type).toBe('com.vmware.vapi.std.errors.not_found');

		sim.fail({ fault: 'notFound' });
		const faulted = await get(`${REST_JOB}/20240314-020001-21560480`, s);
		expect([faulted.status, faulted.data.value.messages[0].id]).toEqual([404, 'com.vmware.vapi.rest.httpNotFound']);
	});

	it('expires sessions after sessionMaxRequests and on expire-sessions', async () => {
		sim.sessionMaxRequests = 2;
		try {
			const s = await signIn();
			expect((await get(JOB, s)).status).toBe(200);
			expect((await get(JOB, s)).status).toBe(200);
			expect((await get(JOB, s)).status).toBe(401);
		} finally {
			sim.sessionMaxRequests = Infinity;
		}
		const s2 = await signIn();
		await http.post('/__sim/expire-sessions');
		expect((await get(JOB, s2)).status).toBe(401);
		expect(sim.stats.signIns).toBe(2);
	});

	it('imitates a vCenter without the /api form', async () => {
		const old = new VcenterSimulator({ forms: ['rest'], jobs: [{ id: '20200101-000000-1', states: ['SUCCEEDED'] }] });
		const oldHttp = clientFor(await old.start());
		try {
			const r = await oldHttp.post('/api/session', undefined, { headers: { authorization: basic(USER, PASS) } });
			expect([r.status, r.data]).toEqual([
				404,
				{ error_type: 'NOT_FOUND', messages: [{ args: [], default_message: 'Not found.', id: 'com.vmware.vapi.rest.httpNotFound' }] },
			]);
			const login = await oldHttp.post('/rest/com/vmware/cis/session', undefined, { headers: { authorization: basic(USER, PASS) } });
			const job = await oldHttp.get(REST_JOB, { headers: { 'vmware-api-session-id': login.data.value } });
			expect(job.data).toEqual({ value: ['20200101-000000-1'] });
		} finally {
			await old.stop();
		}
	});
});

describe('SessionStore', () => {
	it('serves maxRequests requests per session, then forgets it; clear() expires all', () => {
		const store = new SessionStore({ maxRequests: 2 });
		const id = store.open();
		const named = store.open('sim-token');
		expect(store.size).toBe(2);
		expect(store.use(id)).toBeDefined();
		expect(store.use(id)).toBeDefined();
		expect(store.use(id)).toBeUndefined();
		expect(store.get(id)).toBeUndefined();
		expect(store.use('unknown')).toBeUndefined();
		expect(store.use(undefined)).toBeUndefined();
		store.clear();
		expect(store.use(named)).toBeUndefined();
		expect(store.size).toBe(0);
	});
});
