/**
 * Job trigger figures: requests per poll with 10,000 finished jobs in the vendor's history (against
 * the same poll with an empty history), time per poll through n8n-core's PollContext against raw axios
 * making the same list calls, and the size of the trigger's static data after 10,000 polls.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { VmwareVcenterApi } from '../../credentials/VmwareVcenterApi.credentials';
import { CohesityTrigger } from '../../nodes/Cohesity/CohesityTrigger.node';
import { createdPartAt } from '../../nodes/VmwareVcenter/jobId';
import { VcenterBackupApi } from '../../nodes/VmwareVcenter/transport';
import { VmwareVcenterTrigger } from '../../nodes/VmwareVcenter/VmwareVcenterTrigger.node';
import { buildJobStatus, type JobStatus } from '../../nodes/shared/jobStatus';
import { advance, MAX_HANDLED, type TriggerState } from '../../nodes/shared/triggerState';
import { TriggerRun } from '../harness/poll';
import { credentialsFor, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator, DEFAULT_GROUP_ID } from '../simulators/cohesity';
import { VcenterSimulator } from '../simulators/vcenter';
import { record } from './recorder';
import { alternate, nowMs, rawGets } from './tools';

const vcenter: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.vmwareVcenterTrigger', node: new VmwareVcenterTrigger(), credentialType: new VmwareVcenterApi() };
const cohesity: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.cohesityTrigger', node: new CohesityTrigger(), credentialType: new CohesityApi() };

const HISTORY = 10_000;
const RECENT = 5;
/** Medians of many rounds: the machine running the bench is shared, and single requests take milliseconds. */
const REPS = 25;
const PARAMS = { events: ['failed'], lookBackHours: 24 };

/** Requests of one quiet poll (nothing new), after the activation poll. */
async function requestsPerPoll(run: TriggerRun, stats: () => { resetStats(): void; stats: { requests: number } }): Promise<number> {
	const ctx = run.context();
	await run.poll(ctx);
	stats().resetStats();
	await run.poll(ctx);
	return stats().stats.requests;
}

describe('job triggers', () => {
	it('vCenter: requests and time per poll with 10,000 finished jobs in the history', async () => {
		const empty = new VcenterSimulator({ jobs: [] });
		const full = new VcenterSimulator({ jobs: [] });
		const [emptyUrl, fullUrl] = [await empty.start(), await full.start()];
		try {
			for (const sim of [empty, full]) for (let k = 0; k < RECENT; k++) sim.addRecentJob({ states: ['SUCCEEDED'], ageSeconds: 600 * (k + 1) });
			full.addHistory(HISTORY);
			const creds = (sim: VcenterSimulator, url: string) => credentialsFor(vcenter, { baseUrl: url, username: sim.username, password: sim.password });
			const baseline = await requestsPerPoll(new TriggerRun(vcenter, creds(empty, emptyUrl), PARAMS), () => empty);
			const fullCreds = creds(full, fullUrl);
			const run = new TriggerRun(vcenter, fullCreds, PARAMS);
			const requests = await requestsPerPoll(run, () => full);
			record(`vCenter Trigger: HTTP requests per poll, ${HISTORY.toLocaleString('en')} finished jobs in the history`, {
				value: requests,
				unit: 'requests',
				target: { max: baseline },
				baseline: { label: 'the same poll, empty history', value: baseline, unit: 'requests' },
				note: `the id list and one job/details call for the ${RECENT} jobs of the last 24 h`,
			});

			// The same calls with raw axios: the id list, then the details of the window's ids.
			const ctx = run.context();
			await run.poll(ctx);
			const session = { 'vmware-api-session-id': String(fullCreds.store.vmwareVcenterApi.sessionToken) };
			const recentIds = (await rawGets({ url: () => `${fullUrl}/api/appliance/recovery/backup/job`, count: 1, headers: session, concurrency: 1 }))[0] as string[];
			const window = recentIds.filter((id) => id >= new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''));
			const detailsUrl = `${fullUrl}/api/appliance/recovery/backup/job/details?${window.map((id) => `jobs=${id}`).join('&')}`;
			const raw = (keepAlive: boolean) => async () => {
				await rawGets({ url: () => `${fullUrl}/api/appliance/recovery/backup/job`, count: 1, headers: session, concurrency: 1, keepAlive });
				await rawGets({ url: () => detailsUrl, count: 1, headers: session, concurrency: 1, keepAlive });
			};
			// The trigger's own share: the same two transport calls through n8n without the trigger around them.
			const api = await VcenterBackupApi.connect(ctx);
			const transportOnly = async () => {
				const since = createdPartAt(Date.now() - 86_400_000);
				await api.details((await api.listJobIds()).filter((id) => id >= since).slice(0, 200));
			};
			const [pollMs, rawMs, rawKeepMs, transportMs] = await alternate(REPS, [async () => await run.poll(ctx), raw(false), raw(true), transportOnly]);
			record('vCenter Trigger: time per poll / the same two calls through n8n without the trigger (diagnostic)', {
				value: pollMs / transportMs,
				unit: '×',
				baseline: { label: 'listJobIds + details through n8n-core', value: transportMs, unit: 'ms' },
				note: 'what the trigger core adds (state, window, normalization) on top of the requests themselves',
			});
			record('vCenter Trigger: time per poll / raw axios making the same calls (10,000-job history)', {
				value: pollMs / rawMs,
				unit: '×',
				target: { max: 1.2 },
				baseline: { label: 'raw axios, connection per request as n8n-core', value: rawMs, unit: 'ms' },
				note: `poll ${pollMs.toFixed(1)} ms, raw ${rawMs.toFixed(1)} ms (keep-alive ${rawKeepMs.toFixed(1)} ms, ratio ${(pollMs / rawKeepMs).toFixed(2)}); median of ${REPS}`,
			});
		} finally {
			await empty.stop();
			await full.stop();
		}
	});

	it('Cohesity: requests and time per poll with 10,000 finished runs in the history', async () => {
		const empty = new CohesitySimulator();
		const full = new CohesitySimulator();
		const [emptyUrl, fullUrl] = [await empty.start(), await full.start()];
		try {
			for (const sim of [empty, full]) for (let k = 0; k < RECENT; k++) sim.addRecentRun({ local: ['Succeeded'], ageSeconds: 600 * (k + 1) });
			full.addHistory(DEFAULT_GROUP_ID, HISTORY);
			const creds = (sim: CohesitySimulator, url: string) => credentialsFor(cohesity, { baseUrl: url, authMethod: 'apiKey', apiKey: sim.apiKey });
			const scopes: Array<[string, INodeParameters]> = [
				['one protection group', { groupScope: 'selected', protectionGroupIds: [DEFAULT_GROUP_ID] }],
				['all protection groups', { groupScope: 'all' }],
			];
			for (const [scope, extra] of scopes) {
				const params = { ...PARAMS, ...extra };
				const baseline = await requestsPerPoll(new TriggerRun(cohesity, creds(empty, emptyUrl), params), () => empty);
				const requests = await requestsPerPoll(new TriggerRun(cohesity, creds(full, fullUrl), params), () => full);
				record(`Cohesity Trigger (${scope}): HTTP requests per poll, ${HISTORY.toLocaleString('en')} finished runs in the history`, {
					value: requests,
					unit: 'requests',
					target: { max: baseline },
					baseline: { label: 'the same poll, empty history', value: baseline, unit: 'requests' },
				});
			}
			const run = new TriggerRun(cohesity, creds(full, fullUrl), { ...PARAMS, groupScope: 'selected', protectionGroupIds: [DEFAULT_GROUP_ID] });
			const ctx = run.context();
			await run.poll(ctx);
			const from = (Date.now() - 86_400_000) * 1000;
			const url = `${fullUrl}/v2/data-protect/protection-groups/${encodeURIComponent(DEFAULT_GROUP_ID)}/runs?startTimeUsecs=${from}&numRuns=200&includeObjectDetails=false`;
			const raw = (keepAlive: boolean) => async () => await rawGets({ url: () => url, count: 1, headers: { apiKey: full.apiKey }, concurrency: 1, keepAlive });
			const [pollMs, rawMs, rawKeepMs] = await alternate(REPS, [async () => await run.poll(ctx), raw(false), raw(true)]);
			record('Cohesity Trigger: time per poll / raw axios making the same call (10,000-run history)', {
				value: pollMs / rawMs,
				unit: '×',
				target: { max: 1.2 },
				baseline: { label: 'raw axios, connection per request as n8n-core', value: rawMs, unit: 'ms' },
				note: `poll ${pollMs.toFixed(1)} ms, raw ${rawMs.toFixed(1)} ms (keep-alive ${rawKeepMs.toFixed(1)} ms, ratio ${(pollMs / rawKeepMs).toFixed(2)}); median of ${REPS}`,
			});
		} finally {
			await empty.stop();
			await full.stop();
		}
	});

	it('static data after 10,000 polls', () => {
		// Half-hourly backups, a 24 h window of 48 jobs, one new job per poll, every 7th failing.
		const t0 = Date.parse('2024-01-01T00:00:00.000Z');
		const job = (n: number): JobStatus =>
			buildJobStatus(
				{
					vendor: 'vcenter', jobType: 'backup',
					jobId: `${new Date(t0 + n * 1_800_000).toISOString().replace(/[-:]/g, '').slice(0, 15).replace('T', '-')}-21560480`,
					state: n % 7 === 0 ? 'failed' : 'succeeded',
					vendorState: n % 7 === 0 ? 'FAILED' : 'SUCCEEDED',
					startedAt: new Date(t0 + n * 1_800_000).toISOString(),
					endedAt: new Date(t0 + n * 1_800_000 + 600_000).toISOString(),
					details: {} as IDataObject,
				},
				true,
			);
		let state: TriggerState | undefined;
		let emitted = 0;
		let largest = 0;
		const start = nowMs();
		for (let p = 0; p < 10_000; p++) {
			const window = Array.from({ length: Math.min(48, p + 1) }, (_, k) => job(p - k));
			const out = advance(state, window, ['failed'], 'bench');
			emitted += out.emit.length;
			state = JSON.parse(JSON.stringify(out.state)) as TriggerState; // as n8n stores it
			largest = Math.max(largest, JSON.stringify(state).length);
		}
		const ms = nowMs() - start;
		const bytes = JSON.stringify(state).length;
		record('Trigger state: static-data size after 10,000 polls (48-job window, one new job per poll)', {
			value: bytes / 1024,
			unit: 'KiB',
			target: { max: 128 },
			note: `largest ${(largest / 1024).toFixed(1)} KiB; ${state!.handled.length} of at most ${MAX_HANDLED} milestones kept; ${emitted} failures emitted; ${((1000 * ms) / 10_000).toFixed(0)} µs per poll (state only)`,
		});
	});
});
