/**
 * VMware vCenter figures: this package against n8n's HTTP Request node over 500 distinct jobs with
 * answers 50 ms late (execution time, requests, peak in flight), a wait over 200 items sharing
 * 8 jobs, the single-read path against raw axios, sign-ins and memory.
 * (The same comparison in a real n8n: vcenter.external.js.)
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';
import type { TestCredentials } from '../harness/n8n';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VcenterSimulator } from '../simulators/vcenter';
import { compareWithRaw, expectItems } from './compare';
import { HTTP_REQUEST_VERSION, httpRequestNode } from './n8n-nodes';
import { record } from './recorder';
import { gc, sampleMemory } from './tools';
import { compareWithHttpRequest, measureSharedWait } from './versus';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.vmwareVcenter',
	node: new VmwareVcenter(),
	credentialType: new VmwareVcenterApi(),
};

const JOB_PATH = '/api/appliance/recovery/backup/job';
const CHECKS = 1000;
const MANY = 500;
const LATENCY_MS = 50;

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const jobIds = (count: number, day = '20240601') => Array.from({ length: count }, (_, k) => `${day}-${String(k).padStart(6, '0')}-1`);
const itemsOf = (ids: string[]): IDataObject[] => ids.map((id) => ({ id }));
const getEach = (concurrency: number, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'backupJob',
	operation: 'get',
	jobId: byId('={{ $json.id }}'),
	options: { concurrentRequests: concurrency },
	...extra,
});

async function withSimulator(options: ConstructorParameters<typeof VcenterSimulator>[0], body: (sim: VcenterSimulator) => Promise<void>) {
	const sim = new VcenterSimulator(options);
	await sim.start();
	try {
		await body(sim);
	} finally {
		await sim.stop();
	}
}

const freshCredentials = (sim: VcenterSimulator): TestCredentials =>
	credentialsFor(subject, { baseUrl: sim.baseUrl, username: sim.username, password: sim.password });

describe('vCenter', () => {
	it(`Get of ${MANY} distinct jobs, answers ${LATENCY_MS} ms late: this package against the HTTP Request node`, async () => {
		const ids = jobIds(MANY);
		await withSimulator({ latencyMs: LATENCY_MS, jobs: ids.map((id) => ({ id, states: ['SUCCEEDED'] })) }, async (sim) => {
			const credentials = freshCredentials(sim);
			const http = httpRequestNode();
			const httpSubject: NodeUnderTest | undefined = http && { type: 'n8n-nodes-base.httpRequest', node: http, credentialType: subject.credentialType };
			await compareWithHttpRequest({
				label: 'vCenter Get',
				what: `${MANY} distinct jobs, ${LATENCY_MS} ms latency`,
				checks: MANY,
				concurrency: 5,
				rounds: 7,
				maxRequests: Math.ceil(MANY / 50) + 1,
				viaPackage: async () => await runNode(subject, credentials, getEach(5), { items: itemsOf(ids) }),
				viaHttpRequest:
					httpSubject &&
					(async () =>
						await runNode(
							httpSubject,
							credentials,
							{
								method: 'GET',
								url: `={{ "${sim.baseUrl}${JOB_PATH}/" + $json.id }}`,
								authentication: 'predefinedCredentialType',
								nodeCredentialType: 'vmwareVcenterApi',
								options: {},
							},
							{ items: itemsOf(ids), typeVersion: HTTP_REQUEST_VERSION },
						)),
				observe: async (fn) => {
					sim.resetStats();
					await fn();
					return { requests: sim.stats.requests, signIns: sim.stats.signIns, peakInFlight: sim.stats.peakInFlight };
				},
			});
		});
	});

	it('a wait over 200 items sharing 8 jobs polls each unfinished job once a round', async () => {
		const pollsPerJob = [1, 2, 3, 3, 4, 4, 4, 5];
		const ids = jobIds(pollsPerJob.length, '20240701');
		const jobs = ids.map((id, k) => ({ id, states: [...Array<string>(pollsPerJob[k] - 1).fill('INPROGRESS'), 'SUCCEEDED'] }));
		await withSimulator({ jobs }, async (sim) => {
			const credentials = freshCredentials(sim);
			const items = Array.from({ length: 200 }, (_, k) => ({ id: ids[k % ids.length] }));
			await measureSharedWait({
				label: 'vCenter Get',
				items: items.length,
				pollsPerJob,
				run: async () => await runNode(subject, credentials, getEach(5, { waitForCompletion: true, pollInterval: 1, waitTimeout: 60 }), { items }),
				polls: () => ids.map((id) => sim.jobPolls(id)),
				// the job reads, without the sign-in
				requests: () => (sim.stats.byRoute[`GET ${JOB_PATH}/details`] ?? 0) + (sim.stats.byRoute[`GET ${JOB_PATH}/:id`] ?? 0),
			});
		});
	});

	it('sign-ins, and requests per check, of 1,000-item executions', async () => {
		const ids = jobIds(CHECKS);
		await withSimulator({ jobs: ids.map((id) => ({ id, states: ['SUCCEEDED'] })) }, async (sim) => {
			const credentials = freshCredentials(sim);
			expectItems(await runNode(subject, credentials, getEach(5), { items: itemsOf(ids) }), CHECKS);
			record('vCenter: sign-ins, first execution (harness)', { value: sim.stats.signIns, unit: 'sign-ins', target: { max: 1, min: 1 } });
			sim.resetStats();
			expectItems(await runNode(subject, credentials, getEach(5), { items: itemsOf(ids) }), CHECKS);
			record('vCenter: sign-ins, second execution (harness)', { value: sim.stats.signIns, unit: 'sign-ins', target: { max: 0 } });
			record('vCenter: HTTP requests per check (1,000 distinct jobs)', {
				value: sim.stats.requests / CHECKS,
				unit: 'requests',
				target: { max: 1 / 50 },
				note: `${sim.stats.requests} requests in the 2nd execution, job/details for 50 jobs each`,
			});

			gc();
			const memory = sampleMemory();
			expectItems(await runNode(subject, credentials, getEach(5), { items: itemsOf(ids) }), CHECKS);
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
	});

	// The single-read path (job/{id} per distinct job: Simplify off here, and every vendor without a
	// bulk call) against raw axios sending the same GETs.
	for (const concurrency of [5, 1]) {
		it(`Get by job/{id} against raw axios, concurrency ${concurrency}`, async () => {
			const ids = jobIds(CHECKS);
			await withSimulator({ jobs: ids.map((id) => ({ id, states: ['SUCCEEDED'] })) }, async (sim) => {
				const credentials = freshCredentials(sim);
				expectItems(await runNode(subject, credentials, getEach(concurrency), { items: itemsOf(ids.slice(0, 1)) }), 1);
				await compareWithRaw({
					label: 'vCenter Get by job/{id}, id mapped by {{ $json.id }}',
					checks: CHECKS,
					concurrency,
					rounds: concurrency === 1 ? 5 : 7,
					target: concurrency === 5 ? 1.15 : undefined,
					viaNode: async () => {
						sim.resetStats();
						return await runNode(subject, credentials, getEach(concurrency, { simplify: false }), { items: itemsOf(ids) });
					},
					requestsOfLastRun: () => sim.stats.requests,
					url: (i) => `${sim.baseUrl}${JOB_PATH}/${ids[i]}`,
					headers: () => ({ 'vmware-api-session-id': String(credentials.store.vmwareVcenterApi.sessionToken) }),
				});
			});
		});
	}
});
