/**
 * Commvault figures: the per-check overhead of Job Get (`GET /Job/{jobId}`, one item per job, ids
 * mapped by expressions) against raw axios asking the same URLs. The XML list normalization is timed
 * in commvault.external.js.
 */
import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';
import { compareWithRaw } from './compare';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };

const LATENCY_MS = 50;
const CHECKS = 200;

describe('Commvault', () => {
	it(`Job Get of ${CHECKS} jobs, answers ${LATENCY_MS} ms late: this package against raw axios`, async () => {
		// Two days old: beyond the bulk read's one-day list, so every item is read by Job/{jobId} alone.
		const start = Math.floor(Date.now() / 1000) - 2 * 86400;
		const jobs = Array.from({ length: CHECKS }, (_, i) => ({ jobId: 50000 + i, states: ['Completed'], startTime: start + i }));
		const sim = new CommvaultSimulator({ jobs, latencyMs: LATENCY_MS });
		const root = await sim.start();
		try {
			const credentials = credentialsFor(subject, { baseUrl: root, authMethod: 'password', username: sim.username, password: sim.password });
			// One run first, so the token is stored and both sides measure reads only.
			await runNode(subject, credentials, { resource: 'job', operation: 'get', jobId: '50000' });
			const token = String(credentials.store.commvaultApi.sessionToken);
			const items = jobs.map((j) => ({ id: String(j.jobId) }));
			await compareWithRaw({
				label: 'Commvault Job Get by Job/{jobId}, ids mapped by expressions',
				checks: CHECKS,
				concurrency: 5,
				rounds: 7,
				target: 1.15,
				viaNode: async () => {
					sim.resetStats();
					return await runNode(subject, credentials, { resource: 'job', operation: 'get', jobId: '={{ $json.id }}', options: { concurrentRequests: 5 } }, { items });
				},
				// The single reads; the one list call the bulk read tries first finds none of these jobs.
				requestsOfLastRun: () => sim.stats.byRoute['GET /commandcenter/api/Job/:jobId'] ?? 0,
				url: (i) => `${root}/Job/${jobs[i].jobId}`,
				headers: () => ({ authtoken: token, accept: 'application/json' }),
			});
		} finally {
			await sim.stop();
		}
	});
});
