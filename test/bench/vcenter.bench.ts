/**
 * VMware vCenter figures: node overhead per Get against raw axios, requests and sign-ins per check,
 * memory of a 1,000-item execution, and requests per Wait for Completion round.
 * (Sign-ins across executions in a real n8n: vcenter.external.js.)
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import type { TestCredentials } from '../harness/n8n';
import { VcenterSimulator } from '../simulators/vcenter';
import { compareWithRaw, expectItems } from './compare';
import { record } from './recorder';
import { gc, sampleMemory } from './tools';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenter',
	node: new VmwareVcenter(),
	credentialType: new VmwareVcenterApi(),
};

const JOB = '20240314-020001-21560480';
const JOB_PATH = '/api/appliance/recovery/backup/job';
const CHECKS = 1000;
const REPS = 5;

let sim: VcenterSimulator;
let credentials: TestCredentials;

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const items = (count: number): IDataObject[] => Array.from({ length: count }, () => ({ id: JOB }));
/**
 * Get over every input item. `perItemExpression` maps the id with `={{ $json.id }}` as a real
 * workflow would; without it the id is a literal, so the ratio shows the node's own overhead rather
 * than n8n's expression engine (which initializes a context with luxon clocks on every evaluation).
 */
const getEach = (concurrency: number, extra: INodeParameters = {}, perItemExpression = true): INodeParameters => ({
	resource: 'backupJob',
	operation: 'get',
	jobId: byId(perItemExpression ? '={{ $json.id }}' : JOB),
	options: { concurrentRequests: concurrency },
	...extra,
});
const session = () => ({ 'vmware-api-session-id': String(credentials.store.vmwareVcenterApi.sessionToken) });
const jobGets = () => sim.stats.byRoute[`GET ${JOB_PATH}/:id`] ?? 0;

beforeAll(async () => {
	sim = new VcenterSimulator();
	const baseUrl = await sim.start();
	credentials = credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password });
});

afterAll(async () => {
	await sim.stop();
});

describe('vCenter', () => {
	it('requests and sign-ins per check in a 1,000-item execution', async () => {
		sim.resetStats();
		expectItems(await runNode(subject, credentials, getEach(5), { items: items(CHECKS) }), CHECKS);
		record('vCenter: sign-ins, first execution (harness)', { value: sim.stats.signIns, unit: 'sign-ins', target: { max: 1, min: 1 } });
		const firstRequests = sim.stats.requests;
		sim.resetStats();
		expectItems(await runNode(subject, credentials, getEach(5), { items: items(CHECKS) }), CHECKS);
		record('vCenter: sign-ins, second execution (harness)', { value: sim.stats.signIns, unit: 'sign-ins', target: { max: 0 } });
		record('vCenter: HTTP requests per check (1,000 items)', {
			value: sim.stats.requests / CHECKS,
			unit: 'requests',
			target: { max: 1 },
			note: `${sim.stats.requests} requests in the 2nd execution; ${firstRequests} in the 1st (incl. sign-in)`,
		});
	});

	it('peak memory during a 1,000-item execution', async () => {
		gc();
		const memory = sampleMemory();
		expectItems(await runNode(subject, credentials, getEach(5), { items: items(CHECKS) }), CHECKS);
		const m = memory.stop();
		record('vCenter: peak RSS, 1,000-item execution', {
			value: m.peakRssMb,
			unit: 'MiB',
			baseline: { label: 'before', value: m.startRssMb, unit: 'MiB' },
			note: `+${(m.peakRssMb - m.startRssMb).toFixed(1)} MiB over the jest process before the run`,
		});
		record('vCenter: peak heap used, 1,000-item execution', {
			value: m.peakHeapMb,
			unit: 'MiB',
			baseline: { label: 'before', value: m.startHeapMb, unit: 'MiB' },
			note: `+${(m.peakHeapMb - m.startHeapMb).toFixed(1)} MiB over the heap before the run`,
		});
	});

	for (const [concurrency, perItemExpression] of [[5, false], [1, false], [5, true]] as const) {
		it(`Get overhead against raw axios, concurrency ${concurrency}${perItemExpression ? ', id from an expression' : ''}`, async () => {
			await compareWithRaw({
				label: perItemExpression ? 'vCenter Get, id mapped by {{ $json.id }}' : 'vCenter Get',
				checks: CHECKS,
				concurrency,
				reps: concurrency === 1 ? 3 : REPS,
				target: perItemExpression ? undefined : 1.15,
				viaNode: async () => await runNode(subject, credentials, getEach(concurrency, {}, perItemExpression), { items: items(CHECKS) }),
				url: () => `${sim.baseUrl}${JOB_PATH}/${JOB}`,
				headers: session,
			});
		});
	}

	it('requests per Wait for Completion round', async () => {
		const ids = Array.from({ length: 10 }, (_, k) => `20240401-0000${String(k).padStart(2, '0')}-1`);
		const slow = new Set(ids.slice(0, 3));
		const pollsOfSlow = 4;
		for (const id of ids) sim.addJob({ id, states: slow.has(id) ? ['INPROGRESS', 'INPROGRESS', 'INPROGRESS', 'SUCCEEDED'] : ['SUCCEEDED'] });
		sim.resetStats();
		const run = await runNode(
			subject,
			credentials,
			getEach(5, { waitForCompletion: true, pollInterval: 1, waitTimeout: 60 }),
			{ items: ids.map((id) => ({ id })) },
		);
		expectItems(run, ids.length);
		const total = jobGets();
		const rounds = pollsOfSlow - 1;
		const naive = ids.length * pollsOfSlow;
		record('vCenter: requests per wait round (10 jobs, 3 unfinished)', {
			value: (total - ids.length) / rounds,
			unit: 'requests',
			target: { max: slow.size },
			baseline: { label: 'naive, all jobs', value: ids.length, unit: 'requests' },
			note: `first poll ${ids.length}, then ${rounds} rounds`,
		});
		record('vCenter: job GETs for the whole wait (10 jobs, 3 unfinished)', {
			value: total,
			unit: 'requests',
			target: { max: ids.length + rounds * slow.size },
			baseline: { label: 'naive, all jobs every round', value: naive, unit: 'requests' },
		});
	});
});
