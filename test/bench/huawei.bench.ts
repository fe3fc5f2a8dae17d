/**
 * Huawei Cloud figures: the per-check overhead of Backup Job Get with AK/SK signing (every request
 * signed with SDK-HMAC-SHA256 in the credential's `authenticate`, and verified by the simulator)
 * against raw axios sending the same URLs with signatures computed before the timing starts; and the
 * signing time of one request; and the requests Backup Policy → Run Now with Wait costs (one page of
 * tasks a poll, whatever the number of disks).
 */
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { signRequest } from '../../nodes/HuaweiCloud/signRequest';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import { HuaweiSimulator } from '../simulators/huawei';
import { compareWithRaw } from './compare';
import { record } from './recorder';
import { median, timeMs } from './tools';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.huaweiCloudBackup', node: new HuaweiCloudBackup(), credentialType: new HuaweiCloudApi() };

const LATENCY_MS = 50;
const CHECKS = 200;
const SIGNINGS = 20_000;

describe('Huawei Cloud', () => {
	it(`Backup Job Get of ${CHECKS} jobs with AK/SK signing, answers ${LATENCY_MS} ms late: this package against raw axios`, async () => {
		const jobs = Array.from({ length: CHECKS }, (_, i) => ({ job_id: `ff8080817d2b4c1a017d2b6f${String(i).padStart(8, '0')}`, states: ['SUCCESS'] }));
		const sim = new HuaweiSimulator({ jobs, latencyMs: LATENCY_MS });
		const base = await sim.start();
		try {
			const data = { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, projectId: sim.projectId, vbsEndpoint: base, iamEndpoint: base };
			const credentials = credentialsFor(subject, data);
			const url = (i: number) => `${base}/v1/${sim.projectId}/jobs/${jobs[i].job_id}`;
			// Signed once, before the timing: the raw side pays nothing for signing (valid for 15 min).
			const keys = { accessKey: sim.accessKeyId, secretKey: sim.secretAccessKey, projectId: sim.projectId };
			const signed = jobs.map((_, i) => signRequest({ method: 'GET', url: url(i), headers: { accept: 'application/json' } }, keys).headers as Record<string, string>);
			const items = jobs.map((j) => ({ id: j.job_id }));
			await compareWithRaw({
				label: 'Huawei Cloud Backup Job Get with AK/SK signing',
				checks: CHECKS,
				concurrency: 5,
				rounds: 7,
				target: 1.15,
				viaNode: async () => {
					sim.resetStats();
					return await runNode(subject, credentials, { resource: 'backupJob', operation: 'get', vbsJobId: '={{ $json.id }}', options: { concurrentRequests: 5 } }, { items });
				},
				requestsOfLastRun: () => sim.stats.byRoute['GET /v1/:projectId/jobs/:jobId'] ?? 0,
				url,
				headers: (i) => signed[i],
			});
			if (sim.refusedSignatures.length > 0) throw new Error(`the simulator refused ${sim.refusedSignatures.length} signatures: ${sim.refusedSignatures[0]}`);
		} finally {
			await sim.stop();
		}
	});

	it(`SDK-HMAC-SHA256 signing of one request (median of 7 runs of ${SIGNINGS})`, async () => {
		const keys = { accessKey: 'HPUAEXAMPLEAK0000001', secretKey: 'exampleSecretKeyDoNotUse0000000000000000', projectId: '0123456789abcdef0123456789abcdef' };
		const request = {
			method: 'GET' as const,
			url: 'https://vbs.cn-north-4.myhuaweicloud.com/v2/{project_id}/backuppolicy/af8a20b0-117d-4fc3-ae53-aa3968a4f870/backuptasks',
			qs: { sort_key: 'created_at', sort_dir: 'desc', limit: 100 },
			headers: { accept: 'application/json' },
		};
		const credential = new HuaweiCloudApi();
		const data = { authMethod: 'accessKey', accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey, projectId: keys.projectId, region: 'cn-north-4' };
		const runs: number[] = [];
		for (let r = 0; r < 8; r++) {
			const ms = await timeMs(async () => {
				for (let i = 0; i < SIGNINGS; i++) await credential.authenticate(data, request);
			});
			if (r > 0) runs.push(ms);
		}
		record('Huawei Cloud: signing time per request (authenticate: project id, query, SDK-HMAC-SHA256)', {
			value: (1000 * median(runs)) / SIGNINGS,
			unit: 'µs',
			target: { max: 100 },
			spread: [(1000 * Math.min(...runs)) / SIGNINGS, (1000 * Math.max(...runs)) / SIGNINGS],
			note: `${SIGNINGS} signings per run, median of 7 runs after one warm-up`,
		});
	});

	it('Backup Policy → Run Now of a policy with 8 disks, with Wait for Completion: requests to VBS', async () => {
		const disks = Array.from({ length: 8 }, (_, n) => `00000000-0000-4000-8000-00000000000${n}`);
		const policyId = 'b7c3d9e1-2f40-4a5b-8c6d-7e8f90a1b2c3';
		const sim = new HuaweiSimulator({ policies: [{ backup_policy_id: policyId, backup_policy_name: 'eight-disks', resources: disks, tasks: [] }] });
		const base = await sim.start();
		try {
			const credentials = credentialsFor(subject, { authMethod: 'accessKey', accessKeyId: sim.accessKeyId, secretAccessKey: sim.secretAccessKey, region: sim.region, vbsEndpoint: base, iamEndpoint: base, projectId: sim.projectId });
			// each new task answers WAITING (found), RUNNING (first read), EXECUTE_SUCCESS (one poll)
			const result = await runNode(subject, credentials, { resource: 'backupPolicy', operation: 'runNow', policyId: { __rl: true, mode: 'id', value: policyId }, waitForCompletion: true, pollInterval: 1, waitTimeout: 60 });
			if (result.error) throw result.error;
			if (result.items.length !== disks.length) throw new Error(`${result.items.length} items for ${disks.length} disks`);
			// policy + tasks before + run + tasks found + first read of all + 1 poll of all
			record('Huawei Run Now (8 disks) with Wait: requests to VBS (policy, tasks, run, find, read, 1 poll)', {
				value: sim.stats.requests - sim.stats.signIns,
				unit: 'requests',
				target: { max: 6 },
				note: `${sim.policyRuns.length} run(s), ${result.items.length} task items`,
			});
		} finally {
			await sim.stop();
		}
	});
});
