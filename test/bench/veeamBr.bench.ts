/**
 * Veeam Backup & Replication figures: the per-check overhead of Session Get (`GET
 * /api/v1/sessions/{id}`, one item per session) against raw axios asking the same URLs with the same
 * headers; requests and token grants per check; and the trigger's requests per poll whatever the
 * history size, also on a server that caps its pages.
 */
import { VeeamBackupReplicationApi } from '../../credentials/VeeamBackupReplicationApi.credentials';
import { VeeamBackupReplication } from '../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import { VeeamBackupReplicationTrigger } from '../../nodes/VeeamBackupReplication/VeeamBackupReplicationTrigger.node';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { JOBS, VeeamBrSimulator } from '../simulators/veeamBr';
import { compareWithRaw, expectItems } from './compare';
import { record } from './recorder';

const credentialType = new VeeamBackupReplicationApi();
const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamBackupReplication', node: new VeeamBackupReplication(), credentialType };
const triggerSubject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.veeamBackupReplicationTrigger', node: new VeeamBackupReplicationTrigger(), credentialType };

const LATENCY_MS = 50;
const CHECKS = 200;
const HISTORY = 10_000;

const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('Veeam Backup & Replication', () => {
	it(`Session Get of ${CHECKS} sessions, answers ${LATENCY_MS} ms late: this package against raw axios; requests and grants per check`, async () => {
		const ids = Array.from({ length: CHECKS }, (_, i) => idOf(i));
		const sessions = ids.map((id, i) => ({ id, jobId: JOBS.fileserver, createdAt: Date.now() - 3600_000 + i, steps: [{ state: 'Stopped', result: 'Success' }] }));
		const sim = new VeeamBrSimulator({ sessions, latencyMs: LATENCY_MS });
		const base = await sim.start();
		try {
			const credentials = credentialsFor(subject, { baseUrl: base, username: sim.username, password: sim.password });
			const items = ids.map((id) => ({ id }));
			const parameters = { resource: 'session', operation: 'get', sessionId: '={{ $json.id }}', options: { concurrentRequests: 5 } };
			// A first execution from an empty credential: the sign-in, then one GET per session.
			const first = await runNode(subject, credentials, parameters, { items });
			expectItems(first, CHECKS);
			record(`Veeam B&R Session Get: HTTP requests per check, ${CHECKS} checks, first execution (sign-in included)`, {
				value: sim.stats.requests / CHECKS,
				unit: 'requests',
				target: { max: 1.01 },
				note: `${sim.stats.requests} requests, ${sim.stats.signIns} token grant(s)`,
			});
			record('Veeam B&R: token grants in the first execution of 200 checks', { value: sim.stats.signIns, unit: 'grants', target: { max: 1 } });
			// The access token expires (15 minutes on a real server): the next execution renews it once, by refresh token.
			sim.expireSessions();
			sim.resetStats();
			expectItems(await runNode(subject, credentials, parameters, { items }), CHECKS);
			record(`Veeam B&R: token grants of an execution of ${CHECKS} checks after the token expired`, {
				value: sim.stats.signIns,
				unit: 'grants',
				target: { max: 1 },
				note: `password grants ${sim.grants.password} (the first run's), refresh grants ${sim.grants.refresh}; requests ${sim.stats.requests} (5 refused with 401 in the first wave)`,
			});
			const token = String(credentials.store.veeamBackupReplicationApi.accessToken);
			await compareWithRaw({
				label: 'Veeam B&R Session Get by sessions/{id}, ids mapped by expressions',
				checks: CHECKS,
				concurrency: 5,
				rounds: 7,
				target: 1.15,
				viaNode: async () => {
					sim.resetStats();
					return await runNode(subject, credentials, parameters, { items });
				},
				requestsOfLastRun: () => sim.stats.byRoute['GET /api/v1/sessions/:id'] ?? 0,
				url: (i) => `${base}/api/v1/sessions/${ids[i]}`,
				headers: () => ({ authorization: `Bearer ${token}`, 'x-api-version': '1.3-rev0', accept: 'application/json' }),
			});
		} finally {
			await sim.stop();
		}
	});

	it(`Trigger: requests per poll with ${HISTORY.toLocaleString('en')} sessions in the window, and on a server capping its pages at 50`, async () => {
		const now = Date.now();
		const sessions = Array.from({ length: HISTORY }, (_, n) => ({ jobId: JOBS.sql, createdAt: now - 3600_000 + n * 300, steps: [{ state: 'Stopped', result: n % 7 === 0 ? 'Failed' : 'Success' }] }));
		const sim = new VeeamBrSimulator({ sessions });
		const base = await sim.start();
		try {
			const run = new TriggerRun(triggerSubject, credentialsFor(triggerSubject, { baseUrl: base, username: sim.username, password: sim.password }), { events: ['failed'], lookBackHours: 24 });
			const ctx = run.context();
			await run.poll(ctx);
			sim.resetStats();
			await run.poll(ctx);
			record(`Veeam B&R Trigger: HTTP requests per poll, ${HISTORY.toLocaleString('en')} sessions in the window`, { value: sim.stats.requests, unit: 'requests', target: { max: 1 } });
			sim.maxPageSize = 50;
			sim.resetStats();
			await run.poll(ctx);
			record('Veeam B&R Trigger: HTTP requests per poll, the same history, server pages capped at 50', {
				value: sim.stats.requests,
				unit: 'requests',
				target: { max: 4 },
				note: 'the trigger reads the newest 200 sessions at most per poll (the core limit)',
			});
		} finally {
			await sim.stop();
		}
	});
});
