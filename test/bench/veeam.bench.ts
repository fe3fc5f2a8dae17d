/**
 * Veeam Enterprise Manager figures: the per-check overhead of Backup Job Session Get
 * (`GET /api/backupSessions/{ID}?format=Entity`, one item per session, ids mapped by expressions)
 * against raw axios asking the same URLs. The XML query normalization is timed in veeam.external.js.
 */
import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { JOBS, VeeamSimulator } from '../simulators/veeam';
import { compareWithRaw } from './compare';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager',
	node: new VeeamEnterpriseManager(),
	credentialType: new VeeamEnterpriseManagerApi(),
};

const LATENCY_MS = 50;
const CHECKS = 200;

describe('Veeam Enterprise Manager', () => {
	it(`Backup Job Session Get of ${CHECKS} sessions, answers ${LATENCY_MS} ms late: this package against raw axios`, async () => {
		// Not yet in the query API (listed: false), so the bulk query finds none and every item is read by its ID.
		const ids = Array.from({ length: CHECKS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const backupSessions = ids.map((id, i) => ({ id, jobId: JOBS.fileserver, createdAt: Date.now() - 3600_000 + i, steps: [{ state: 'Stopped', result: 'Success' }], listed: false }));
		const sim = new VeeamSimulator({ backupSessions, cdpSessions: [], latencyMs: LATENCY_MS });
		const base = await sim.start();
		try {
			const credentials = credentialsFor(subject, { baseUrl: base, username: sim.username, password: sim.password });
			// One run first, so the session is stored and both sides measure reads only.
			await runNode(subject, credentials, { resource: 'backupJobSession', operation: 'get', sessionId: ids[0] });
			const token = String(credentials.store.veeamEnterpriseManagerApi.sessionToken);
			const items = ids.map((id) => ({ id }));
			await compareWithRaw({
				label: 'Veeam Backup Job Session Get by backupSessions/{ID}, ids mapped by expressions',
				checks: CHECKS,
				concurrency: 5,
				rounds: 7,
				target: 1.15,
				viaNode: async () => {
					sim.resetStats();
					return await runNode(
						subject,
						credentials,
						{ resource: 'backupJobSession', operation: 'get', sessionId: '={{ $json.id }}', options: { concurrentRequests: 5 } },
						{ items },
					);
				},
				// The single reads; the bulk queries tried first find none of these sessions.
				requestsOfLastRun: () => sim.stats.byRoute['GET /api/backupSessions/:id'] ?? 0,
				url: (i) => `${base}/api/backupSessions/${ids[i]}?format=Entity`,
				headers: () => ({ 'X-RestSvcSessionId': token, accept: 'application/json' }),
			});
		} finally {
			await sim.stop();
		}
	});
});
