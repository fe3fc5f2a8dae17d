/**
 * Cohesity figures: this package against n8n's HTTP Request node over 500 runs of 5 protection
 * groups with answers 50 ms late (execution time, requests, peak in flight), a wait over 200 items
 * sharing 8 runs, and the single-read path against raw axios. Normalizing a large runs answer is
 * timed in cohesity.external.js.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';
import { groups } from './cohesity-fixture';
import { compareWithRaw } from './compare';
import { HTTP_REQUEST_VERSION, httpRequestNode } from './n8n-nodes';
import { compareWithHttpRequest, measureSharedWait } from './versus';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesity',
	node: new Cohesity(),
	credentialType: new CohesityApi(),
};

const GROUPS_PATH = '/v2/data-protect/protection-groups';
const LATENCY_MS = 50;

const getEach = (concurrency: number, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'protectionGroupRun',
	operation: 'get',
	protectionGroupId: { __rl: true, mode: 'id', value: '={{ $json.group }}' },
	runId: '={{ $json.run }}',
	options: { concurrentRequests: concurrency },
	...extra,
});

async function withSimulator(options: ConstructorParameters<typeof CohesitySimulator>[0], body: (sim: CohesitySimulator) => Promise<void>) {
	const sim = new CohesitySimulator(options);
	await sim.start();
	try {
		await body(sim);
	} finally {
		await sim.stop();
	}
}

const apiKeyCredentials = (sim: CohesitySimulator) => credentialsFor(subject, { baseUrl: sim.baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey });
const runUrl = (sim: CohesitySimulator, r: { group: string; run: string }) =>
	`${sim.baseUrl}${GROUPS_PATH}/${encodeURIComponent(r.group)}/runs/${encodeURIComponent(r.run)}?includeObjectDetails=false`;

describe('Cohesity', () => {
	it(`Get of 500 runs of 5 protection groups, answers ${LATENCY_MS} ms late: this package against the HTTP Request node`, async () => {
		const data = groups(5, 100);
		await withSimulator({ latencyMs: LATENCY_MS, groups: data.groups }, async (sim) => {
			const credentials = apiKeyCredentials(sim);
			const http = httpRequestNode();
			const httpSubject: NodeUnderTest | undefined = http && { type: 'n8n-nodes-base.httpRequest', node: http, credentialType: subject.credentialType };
			const items: IDataObject[] = data.runs;
			await compareWithHttpRequest({
				label: 'Cohesity Get run',
				what: `500 runs of 5 groups, ${LATENCY_MS} ms latency`,
				checks: items.length,
				concurrency: 5,
				rounds: 7,
				maxRequests: 20,
				viaPackage: async () => await runNode(subject, credentials, getEach(5), { items }),
				viaHttpRequest:
					httpSubject &&
					(async () =>
						await runNode(
							httpSubject,
							credentials,
							{
								method: 'GET',
								url: `={{ "${sim.baseUrl}${GROUPS_PATH}/" + encodeURIComponent($json.group) + "/runs/" + encodeURIComponent($json.run) + "?includeObjectDetails=false" }}`,
								authentication: 'predefinedCredentialType',
								nodeCredentialType: 'cohesityApi',
								options: {},
							},
							{ items, typeVersion: HTTP_REQUEST_VERSION },
						)),
				observe: async (fn) => {
					sim.resetStats();
					await fn();
					return { requests: sim.stats.requests, signIns: sim.stats.signIns, peakInFlight: sim.stats.peakInFlight };
				},
			});
		});
	});

	it('a wait over 200 items sharing 8 runs polls each unfinished run once a round', async () => {
		const pollsPerJob = [1, 2, 3, 3, 4, 4, 4, 5];
		const states = pollsPerJob.map((n) => [...Array<string>(n - 1).fill('Running'), 'Succeeded']);
		// two groups of four runs: a round reads each group's unfinished runs in one list call
		const first = groups(1, 4, states.slice(0, 4));
		const second = groups(2, 4, states.slice(4)).groups[1];
		const runs = [...first.runs, ...second.runs.map((run) => ({ group: second.id, run: `1001:${run.startTimeUsecs}` }))];
		await withSimulator({ groups: [...first.groups, second] }, async (sim) => {
			const items = Array.from({ length: 200 }, (_, k) => runs[k % runs.length]);
			await measureSharedWait({
				label: 'Cohesity Get run',
				items: items.length,
				pollsPerJob,
				run: async () => await runNode(subject, apiKeyCredentials(sim), getEach(5, { waitForCompletion: true, pollInterval: 1, waitTimeout: 60 }), { items }),
				polls: () => runs.map((r) => sim.runPolls(r.run)),
				requests: () => sim.stats.requests,
			});
		});
	});

	// The single-read path (one run per protection group: …/runs/{runId}) against raw axios.
	it('Get by …/runs/{runId} against raw axios, concurrency 5', async () => {
		const data = groups(1000, 1);
		await withSimulator({ groups: data.groups }, async (sim) => {
			const credentials = apiKeyCredentials(sim);
			await compareWithRaw({
				label: 'Cohesity Get run by …/runs/{runId}, ids mapped by expressions',
				checks: data.runs.length,
				concurrency: 5,
				rounds: 7,
				target: 1.15,
				viaNode: async () => {
					sim.resetStats();
					return await runNode(subject, credentials, getEach(5), { items: data.runs });
				},
				requestsOfLastRun: () => sim.stats.requests,
				url: (i) => runUrl(sim, data.runs[i]),
				headers: () => ({ apiKey: sim.apiKey, accept: 'application/json' }),
			});
		});
	});
});
